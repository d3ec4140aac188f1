/**
 * `npm run bench:media`: a 1 GiB upload through PUT /api/admin/media/{name} of the built server
 * (dist/main.js) against a bare Node server streaming the same bytes to disk (bare-upload.ts), both
 * in their own process on 127.0.0.1, alternated three times; and the server's resident memory idle
 * vs its peak during the upload. Prints a table; `--size-mb=N` for a quicker check.
 *
 *   npm run build -w @ceremony/control-server && npm run bench:media -w @ceremony/control-server
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import {
  BENCH_PINS,
  kill,
  ourEntry,
  rssMb,
  signIn,
  spawnServer,
  tempDataDir,
  type ServerProc,
} from './proc.js';
import { machine, table, type Row } from './report.js';

const sizeArg = process.argv.find((a) => a.startsWith('--size-mb='));
const SIZE = (sizeArg ? Number(sizeArg.split('=')[1]) : 1024) * 1024 * 1024;
const ROUNDS = Number(process.env.MEDIA_ROUNDS ?? 5);

/** A real MP4 head (the demo clip) padded with zeros: the library checks the kind by the first bytes. */
function makeUpload(): string {
  const file = path.join(os.tmpdir(), `ceremony-bench-upload-${process.pid}.mp4`);
  const clip = fs.readFileSync(path.resolve(import.meta.dirname, '..', 'assets', 'demo-interview.mp4'));
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, clip);
  const zeros = Buffer.alloc(16 * 1024 * 1024);
  for (let at = clip.length; at < SIZE; at += zeros.length)
    fs.writeSync(fd, zeros, 0, Math.min(zeros.length, SIZE - at));
  fs.closeSync(fd);
  return file;
}

interface Upload {
  mbPerS: number;
  peakRssMb: number;
  idleRssMb: number;
}

/** Streams the file to `url` and samples the server's RSS every 20 ms until the answer. */
function upload(server: ServerProc, urlPath: string, file: string, token: string | null): Promise<Upload> {
  const idleRssMb = rssMb(server.child.pid!);
  let peakRssMb = idleRssMb;
  const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, rssMb(server.child.pid!))), 20);
  const started = performance.now();
  return new Promise<Upload>((resolve, reject) => {
    const req = http.request(`${server.url}${urlPath}`, {
      method: 'PUT',
      headers: {
        'content-length': String(SIZE),
        'content-type': 'application/octet-stream',
        ...(token && { authorization: `Bearer ${token}` }),
      },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => {
        clearInterval(sampler);
        if (res.statusCode !== 201) return reject(new Error(`${urlPath}: HTTP ${res.statusCode}`));
        const seconds = (performance.now() - started) / 1000;
        resolve({ mbPerS: SIZE / 1024 / 1024 / seconds, peakRssMb, idleRssMb });
      });
    });
    req.on('error', reject);
    fs.createReadStream(file, { highWaterMark: 1024 * 1024 }).pipe(req);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const file = makeUpload();
  console.log(`upload file ready: ${SIZE} bytes`);
  const bareFile = path.join(os.tmpdir(), `ceremony-bench-bare-upload-${process.pid}.mjs`);
  await build({
    entryPoints: [path.join(import.meta.dirname, 'bare-upload.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: bareFile,
    logLevel: 'warning',
  });
  const dataDir = tempDataDir();
  const ours = await spawnServer(ourEntry(), {
    PORT: '0',
    HTTPS_PORT: 'off',
    DATA_DIR: dataDir,
    ADMIN_PIN: BENCH_PINS.admin,
  });
  const bareDir = tempDataDir();
  const bare = await spawnServer(bareFile, { PORT: '0', UPLOAD_DIR: bareDir, DATA_DIR: tempDataDir() });
  const token = await signIn(ours.url, BENCH_PINS.admin);
  const results: { ours: Upload[]; bare: Upload[] } = { ours: [], bare: [] };
  try {
    for (let i = 0; i < ROUNDS; i++) {
      // Alternate who goes first: the disk's write-back of one upload must not always tax the same side.
      const runOurs = async () => {
        results.ours.push(await upload(ours, `/api/admin/media/bench-${i}.mp4`, file, token));
        fs.rmSync(path.join(dataDir, 'media', `bench-${i}.mp4`), { force: true });
      };
      const runBare = async () => {
        results.bare.push(await upload(bare, `/upload${i}`, file, null));
        fs.rmSync(path.join(bareDir, `upload-upload${i}`), { force: true });
      };
      if (i % 2 === 0) await runOurs().then(runBare);
      else await runBare().then(runOurs);
      console.log(
        `round ${i + 1}: ours ${results.ours[i]!.mbPerS.toFixed(0)} MB/s, bare ${results.bare[i]!.mbPerS.toFixed(0)} MB/s`,
      );
    }
  } finally {
    await kill(ours);
    await kill(bare);
    fs.rmSync(file, { force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(bareDir, { recursive: true, force: true });
  }
  const oursMb = median(results.ours.map((u) => u.mbPerS));
  const bareMb = median(results.bare.map((u) => u.mbPerS));
  // The shared disk's speed swings between rounds; each round's pair ran back to back, so its ratio is fairer.
  const ratio = median(results.ours.map((u, i) => u.mbPerS / results.bare[i]!.mbPerS));
  const growth = Math.max(...results.ours.map((u) => u.peakRssMb - u.idleRssMb));
  const bareGrowth = Math.max(...results.bare.map((u) => u.peakRssMb - u.idleRssMb));
  const rows: Row[] = [
    {
      figure: `upload of ${SIZE / 1024 ** 3} GiB, median of ${ROUNDS}`,
      ours: oursMb,
      bare: bareMb,
      unit: 'MB/s',
      better: 'higher',
      target: `≥ 0.8× bare (median of round ratios: ${ratio.toFixed(2)}×)`,
      met: ratio >= 0.8,
    },
    {
      figure: 'server RSS during the upload − idle (worst round)',
      ours: growth,
      bare: bareGrowth,
      unit: 'MB',
      better: 'lower',
      target: '≤ 150 MB',
      met: growth <= 150,
    },
    {
      figure: 'server RSS idle',
      ours: results.ours[0]!.idleRssMb,
      bare: results.bare[0]!.idleRssMb,
      unit: 'MB',
      better: 'lower',
      target: '',
      met: null,
    },
  ];
  console.log(`\n${machine()}\n`);
  console.log(table(rows).replaceAll('bare Socket.IO', 'bare Node stream-to-disk'));
}

await main();
