import { parseLocalDateTime, removalPhrases, type NewCeremonyRequest } from '@ceremony/shared';
import type { CliContext } from './cli.commands.js';

/** The value after `--name`, or undefined when the flag is absent. */
function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`После ${name} нужно значение.`);
  return value;
}

/**
 * `new-ceremony --title "…" [--starts "2026-12-12 18:00"] [--venue "…"] [--yes]`: a new, empty
 * ceremony. Without `--yes` it only says what would be removed, so the organiser reads it first.
 */
export async function newCeremonyCommand(ctx: CliContext, args: string[]): Promise<number> {
  const title = option(args, '--title')?.trim();
  if (!title)
    throw new Error('Укажите название: new-ceremony --title "…" [--starts "2026-12-12 18:00"] [--yes]');
  const request: NewCeremonyRequest = { title };
  const starts = option(args, '--starts');
  if (starts !== undefined) {
    const at = parseLocalDateTime(starts);
    if (at === null) throw new Error(`--starts «${starts}»: ожидались дата и время вида 2026-12-12 18:00.`);
    request.startsAt = at;
  }
  const venue = option(args, '--venue');
  if (venue !== undefined) request.venue = venue;
  const yes = args.includes('--yes');

  const answer = await ctx.target.newCeremony(request, !yes);
  if (!answer.ok) {
    ctx.out(`${answer.error.message}\nНичего не изменено.`);
    return 1;
  }
  const list = removalPhrases('ru', answer.removes);
  const removes = list.length ? list.join(', ') : 'ничего';
  if (!yes) {
    ctx.out(`Новая церемония «${title}» удалит: ${removes}. Номинации и площадки останутся.`);
    ctx.out('Ничего не изменено. Чтобы начать новую церемонию, повторите с --yes.');
    return 2;
  }
  ctx.out(`Начата новая церемония «${title}». Удалено: ${removes}. Номинации и площадки оставлены.`);
  return 0;
}
