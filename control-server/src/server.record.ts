import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * DATA_DIR/server.json: which process serves this data folder right now. The admin CLI reads it so
 * that, while a server runs, a command goes through that server (which applies, broadcasts and keeps
 * its memory right) instead of writing the SQLite file behind its back.
 */
export const RECORD_FILE = 'server.json';

const RunRecordSchema = z.object({
  pid: z.number().int().positive(),
  port: z.number().int().min(1).max(65535),
  /** The address it listens on, as configured (0.0.0.0 means every interface). */
  host: z.string().min(1),
  startedAt: z.number(),
});
export type RunRecord = z.infer<typeof RunRecordSchema>;

/** A server that answered its health check: `url` is where this computer reaches it. */
export interface LiveServer extends RunRecord {
  url: string;
}

const recordPath = (dataDir: string) => path.join(dataDir, RECORD_FILE);

/** Writes the record atomically (a temporary file, synced, then renamed): a reader never sees half of it. */
export function writeRunRecord(dataDir: string, record: RunRecord): void {
  const file = recordPath(dataDir);
  const tmp = `${file}.${record.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, `${JSON.stringify(record, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/** Reads the record; a missing, unreadable or malformed file is no record. */
export function readRunRecord(dataDir: string): RunRecord | null {
  try {
    const parsed = RunRecordSchema.safeParse(JSON.parse(fs.readFileSync(recordPath(dataDir), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Removes the record on a clean stop, but only this process's own (a newer server may have replaced it). */
export function removeRunRecord(dataDir: string, pid: number): void {
  if (readRunRecord(dataDir)?.pid !== pid) return;
  fs.rmSync(recordPath(dataDir), { force: true });
}

/**
 * Waits until process `pid` has written its record, i.e. it listens: how whoever started a server
 * (a test or bench harness) learns its port without reading the banner, whose words are for people.
 * A record of an earlier process on the same folder is not it. Answers null once `givenUp()` says so.
 */
export async function awaitRunRecord(
  dataDir: string,
  pid: number,
  givenUp: () => boolean,
  everyMs = 5,
): Promise<RunRecord | null> {
  for (;;) {
    const record = readRunRecord(dataDir);
    if (record?.pid === pid) return record;
    if (givenUp()) return null;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Where a client on this computer reaches a server listening on `host`. */
export function localUrl(host: string, port: number): string {
  const reach = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reach.includes(':') ? `[${reach}]` : reach}:${port}`;
}

/**
 * The server running on this data folder, or null. A record left by a killed server is stale: its
 * pid is gone, or the pid now belongs to another program and the port does not answer /api/health.
 */
export async function liveServer(dataDir: string): Promise<LiveServer | null> {
  const record = readRunRecord(dataDir);
  if (!record || !isAlive(record.pid)) return null;
  const url = localUrl(record.host, record.port);
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(3000) });
    const body = (await res.json()) as { ok?: unknown };
    return res.ok && body.ok === true ? { ...record, url } : null;
  } catch {
    return null;
  }
}
