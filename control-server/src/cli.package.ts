import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Answer, PackageCounts, PackageReport } from '@ceremony/shared';
import type { App } from './app.js';
import { applyPackage } from './domain/package.apply.js';
import { packageService, russianSize } from './domain/package.service.js';
import type { CliContext } from './cli.commands.js';

/**
 * `export-package FILE` and `import-package FILE [--dry-run]`: the ceremony package from the command
 * line, on the data folder or through the running server. Files are streamed, never read whole.
 */
export interface PackageTarget {
  exportPackage(file: string): Promise<void>;
  stagePackage(file: string): Promise<Answer<Omit<PackageReport, 'ok'>>>;
  applyPackage(packageId: string): Promise<Answer<{ counts: PackageCounts }>>;
  discardPackage(packageId: string): Promise<void>;
}

/** On the data folder, by this process: only when no server runs on it. */
export function directPackageTarget(app: App, dataDir: string, version: string): PackageTarget {
  const packages = packageService(app.db, app.show, dataDir, version);
  return {
    exportPackage: (file) => packages.exportTo(fs.createWriteStream(file)),
    stagePackage: (file) => packages.stage(fs.createReadStream(file), fs.statSync(file).size),
    // With DATABASE_URL the package's media go into the record the hubs share, as a hub's apply does.
    applyPackage: (id) => applyPackage(packages, id, app.media.shared),
    discardPackage: async (id) => void packages.discard(id),
  };
}

/** Through the running server's HTTP API, with the admin token the CLI signed in with. */
export function remotePackageTarget(
  url: string,
  authorised: () => Promise<Record<string, string>>,
): PackageTarget {
  const json = async <T extends object>(res: Response) => (await res.json()) as Answer<T>;
  return {
    exportPackage: async (file) => {
      const res = await fetch(`${url}/api/admin/package`, { headers: await authorised() });
      if (!res.ok || !res.body) {
        const answer = await json(res);
        throw new Error(answer.ok ? `HTTP ${res.status}` : answer.error.message);
      }
      await pipeline(Readable.fromWeb(res.body as never), fs.createWriteStream(file));
    },
    stagePackage: async (file) => {
      const res = await fetch(`${url}/api/admin/package`, {
        method: 'POST',
        headers: {
          ...(await authorised()),
          'content-type': 'application/octet-stream',
          'content-length': String(fs.statSync(file).size),
        },
        body: Readable.toWeb(fs.createReadStream(file)) as never,
        duplex: 'half',
      } as RequestInit);
      return json(res);
    },
    applyPackage: async (id) =>
      json(
        await fetch(`${url}/api/admin/package/${id}/apply`, { method: 'POST', headers: await authorised() }),
      ),
    discardPackage: async (id) =>
      void (await fetch(`${url}/api/admin/package/${id}`, { method: 'DELETE', headers: await authorised() })),
  };
}

const counted = (c: PackageCounts) =>
  `номинаций ${c.nominations}, номинантов ${c.nominees}, кадров ${c.cues}, гостей ${c.guests}, ` +
  `медиафайлов ${c.media} (${russianSize(c.bytes)})`;

/** `export-package FILE`. */
export async function exportPackage(ctx: CliContext, args: string[]): Promise<number> {
  const [file] = args.filter((a) => !a.startsWith('--'));
  if (!file) throw new Error('Укажите файл: export-package FILE.ceremony');
  await ctx.target.exportPackage(ctx.file(file));
  ctx.out(`Церемония записана в ${ctx.file(file)} (${russianSize(fs.statSync(ctx.file(file)).size)})`);
  return 0;
}

/** `import-package FILE [--dry-run]`: prints what the file holds and replaces; applies without --dry-run. */
export async function importPackage(ctx: CliContext, args: string[]): Promise<number> {
  const [file] = args.filter((a) => !a.startsWith('--'));
  if (!file) throw new Error('Укажите файл: import-package FILE.ceremony [--dry-run]');
  const report = await ctx.target.stagePackage(ctx.file(file));
  if (!report.ok) {
    ctx.out(report.error.message);
    return 1;
  }
  const r = report.replaces;
  ctx.out(`В файле «${report.title}» от ${new Date(report.createdAt).toLocaleString('ru-RU')}:`);
  ctx.out(`  ${counted(report.counts)}`);
  ctx.out(`Заменит здесь «${r.title}»: ${counted(r)}; отметок о приходе ${r.admissions} (будут очищены)`);
  ctx.out(`Медиатека: добавится ${r.mediaAdded}, заменится ${r.mediaReplaced}; остальные файлы останутся.`);
  if (args.includes('--dry-run')) {
    await ctx.target.discardPackage(report.packageId);
    ctx.out('Проверка пройдена; ничего не изменено.');
    return 0;
  }
  const applied = await ctx.target.applyPackage(report.packageId);
  if (!applied.ok) {
    await ctx.target.discardPackage(report.packageId);
    ctx.out(applied.error.message);
    return 1;
  }
  ctx.out(`Церемония загружена: ${counted(applied.counts)}`);
  return 0;
}
