import type { Cue, Nomination, Nominee, Scenario } from './domain.js';
import { nomineesOfNomination } from './cueNominees.js';
import { nominationOfCue } from './hostView.js';
import { insertCueAfter } from './runOfShow.js';

/**
 * The run-of-show generator: the standard evening of «Светлые люди» (the demo's shape) made from
 * whatever nominations and nominees the ceremony has, as a starting point the organiser then edits
 * in Setup. Every cue it makes carries `block` (its nomination's id, or `frame`), so one block can
 * be rebuilt later without throwing away what was edited by hand (editing clears `block`).
 */

/** The block of the opening and closing cues. */
export const FRAME_BLOCK = 'frame';

/** Default lengths, seconds, close to the demo's: a starting point for the organiser to adjust. */
export const DEFAULT_DURATIONS = {
  countdown: 900,
  title: 60,
  openingPerformance: 240,
  speech: 300,
  intro: 90,
  nominee: 75,
  video: 150,
  /** The award: the announcement, plus this much per laureate walking up and being photographed. */
  award: 60,
  awardPerLaureate: 90,
  performance: 210,
  break: 1200,
  finale: 300,
} as const;

/** Where the finale's QR code sends guests for their feedback (the check-in app's form). */
export const FEEDBACK_PATH = '/checkin/feedback';

type CueDraft = Cue extends infer C ? (C extends Cue ? Omit<C, 'id'> : never) : never;

const manual = { kind: 'none' } as const;
const draft = (block: string, title: string, notes: string, plannedDurationS: number) => ({
  title,
  notes,
  plannedDurationS,
  autoFollow: manual,
  skip: false,
  block,
});

/** `base` (cut to fit the 64-character id limit), or `base-2`, `base-3`… when taken; the id is then taken. */
export function freeCueId(taken: Set<string>, base: string): string {
  const root = base.slice(0, 56);
  let id = root;
  for (let n = 2; taken.has(id); n++) id = `${root}-${n}`;
  taken.add(id);
  return id;
}

const quoted = (title: string) => `«${title}»`;
const nomineeLine = (n: Nominee) => (n.leader ? `${n.name} (руководитель — ${n.leader})` : n.name);

function frameOpening(s: Scenario): CueDraft[] {
  const { title, startsAt } = s.ceremony;
  return [
    {
      ...draft(
        FRAME_BLOCK,
        'До начала церемонии',
        `Объявление в зале: церемония ${quoted(title)} начнётся через несколько минут. Просим занять места и перевести телефоны в беззвучный режим.`,
        DEFAULT_DURATIONS.countdown,
      ),
      kind: 'countdown',
      targetAt: startsAt,
    },
    {
      ...draft(
        FRAME_BLOCK,
        title,
        `Добрый вечер, дорогие друзья! Мы рады приветствовать вас на церемонии ${quoted(title)}. Скажите, ради чего мы собрались и сколько номинаций сегодня.`,
        DEFAULT_DURATIONS.title,
      ),
      kind: 'title',
      ...(s.ceremony.subtitle ? { subtitle: s.ceremony.subtitle } : {}),
    },
    {
      ...draft(
        FRAME_BLOCK,
        'Открытие: выступление',
        'Открывает наш вечер … (назовите коллектив и номер). Встречайте!',
        DEFAULT_DURATIONS.openingPerformance,
      ),
      kind: 'performance',
      performer: 'Творческий коллектив',
    },
    {
      ...draft(
        FRAME_BLOCK,
        'Приветственное слово',
        'Для приветственного слова на сцену приглашается … (должность, имя и отчество). Просим!',
        DEFAULT_DURATIONS.speech,
      ),
      kind: 'speech',
      speaker: 'Почётный гость',
      role: '',
    },
  ];
}

function frameBreak(s: Scenario): CueDraft {
  const minutes = Math.round(DEFAULT_DURATIONS.break / 60);
  const stations = s.stations.map((st) => st.title).join(', ');
  return {
    ...draft(
      FRAME_BLOCK,
      'Перерыв и интерактивные площадки',
      `Объявите перерыв ${minutes} минут: в фойе кофе-брейк${stations ? ` и интерактивные площадки: ${stations}` : ''}. Пригласите гостей вернуться в зал по звонку.`,
      DEFAULT_DURATIONS.break,
    ),
    kind: 'break',
  };
}

function frameFinale(s: Scenario): CueDraft {
  return {
    ...draft(
      FRAME_BLOCK,
      'Финал',
      `Поблагодарите номинантов, лауреатов и всех гостей церемонии ${quoted(s.ceremony.title)}. Попросите отсканировать QR-код на экране и оставить отзыв о вечере. До новых встреч!`,
      DEFAULT_DURATIONS.finale,
    ),
    kind: 'finale',
    feedbackUrl: FEEDBACK_PATH,
  };
}

interface BlockPlan {
  nomination: Nomination;
  /** Existing video cues of the block's nominees, kept with their media, subtitles and ids. */
  videos: Cue[];
  /** Nominees who already have a card (edited by hand) and get no second one. */
  carded: ReadonlySet<string>;
  /** Whether a hand-edited intro or award of this nomination already exists. */
  hasIntro: boolean;
  hasAward: boolean;
  /** The last block of the evening has no performance after it: the finale follows. */
  last: boolean;
}

function blockDrafts(s: Scenario, plan: BlockPlan): (CueDraft | Cue)[] {
  const { nomination } = plan;
  const block = nomination.id;
  const nominees = nomineesOfNomination(s.nominees, nomination.id);
  const honoured = nominees.filter((n) => n.honoured);
  const out: (CueDraft | Cue)[] = [];
  if (!plan.hasIntro)
    out.push({
      ...draft(
        block,
        `Номинация ${quoted(nomination.title)}`,
        `Представьте номинацию ${quoted(nomination.title)}${nomination.description ? `: ${nomination.description}` : ''}. Скажите, кого она чествует, и пригласите познакомиться с номинантами.`,
        DEFAULT_DURATIONS.intro,
      ),
      kind: 'nomination-intro',
      nominationId: nomination.id,
    });
  for (const n of nominees) {
    if (plan.carded.has(n.id)) continue;
    out.push({
      ...draft(
        block,
        n.name,
        `Представьте номинанта: ${nomineeLine(n)}.${n.citation ? ` ${n.citation}` : ''}`,
        DEFAULT_DURATIONS.nominee,
      ),
      kind: 'nominee',
      nomineeId: n.id,
    });
  }
  out.push(...plan.videos.map((v) => ({ ...v, block })));
  if (!plan.hasAward) {
    const names = honoured.map(nomineeLine).join(', ');
    out.push({
      ...draft(
        block,
        `Награждение: ${quoted(nomination.title)}`,
        honoured.length > 0
          ? `Пригласите на сцену лауреатов номинации ${quoted(nomination.title)}: ${names}. Вручаются статуэтка и благодарственное письмо. Аплодисменты!`
          : `Лауреаты номинации ${quoted(nomination.title)} ещё не отмечены: отметьте их в разделе «Номинанты» и пересоберите блок.`,
        DEFAULT_DURATIONS.award + DEFAULT_DURATIONS.awardPerLaureate * honoured.length,
      ),
      kind: 'award',
      nominationId: nomination.id,
      nomineeIds: honoured.map((n) => n.id),
    });
  }
  if (!plan.last)
    out.push({
      ...draft(
        block,
        'Выступление',
        'Объявите номер: коллектив и название. Пока звучит номер, подготовьте сцену к следующей номинации.',
        DEFAULT_DURATIONS.performance,
      ),
      kind: 'performance',
      performer: 'Творческий коллектив',
    });
  return out;
}

const isVideoOf = (cue: Cue, nominees: ReadonlySet<string>) =>
  cue.kind === 'video' && cue.nomineeId !== undefined && nominees.has(cue.nomineeId);

const nomineeIdsOf = (s: Scenario, nominationId: string) =>
  new Set(nomineesOfNomination(s.nominees, nominationId).map((n) => n.id));

function withIds(drafts: (CueDraft | Cue)[], taken: Set<string>): Cue[] {
  for (const d of drafts) if ('id' in d) taken.add(d.id);
  return drafts.map((d) => {
    if ('id' in d) return d;
    const nominee = 'nomineeId' in d && d.nomineeId ? `-${d.nomineeId}` : '';
    return { ...d, id: freeCueId(taken, `gen-${d.block ?? FRAME_BLOCK}-${d.kind}${nominee}`) } as Cue;
  });
}

/**
 * The whole evening, replacing the run of show: countdown, title, opening performance, welcome
 * speech; per nomination its intro, one card per nominee, its video interviews (existing video cues
 * of its nominees are kept, with media and subtitles), the award with every laureate, a performance;
 * the break with the foyer stations after half the blocks; the finale with the feedback QR.
 */
export function generateEvening(s: Scenario): Scenario {
  const videos = s.cues.filter((c) => c.kind === 'video' && c.nomineeId !== undefined);
  const taken = new Set<string>();
  const count = s.nominations.length;
  const breakAfter = count >= 2 ? Math.ceil(count / 2) : -1;
  const drafts: (CueDraft | Cue)[] = [...frameOpening(s)];
  s.nominations.forEach((nomination, i) => {
    const ids = nomineeIdsOf(s, nomination.id);
    drafts.push(
      ...blockDrafts(s, {
        nomination,
        videos: videos.filter((v) => isVideoOf(v, ids)),
        carded: new Set(),
        hasIntro: false,
        hasAward: false,
        last: i === count - 1,
      }),
    );
    if (i + 1 === breakAfter) drafts.push(frameBreak(s));
  });
  drafts.push(frameFinale(s));
  return { ...s, cues: withIds(drafts, taken) };
}

/**
 * Rebuilds one nomination's block in place: only cues whose `block` is its id are replaced (their
 * video cues kept), hand-edited cues stay where they are, and a nominee, intro or award that already
 * has a hand-edited cue gets no second one. A block not in the run of show yet goes after the
 * previous nomination's block (else before the next one's, else before the finale). Null for an
 * unknown nomination.
 */
export function regenerateBlock(s: Scenario, nominationId: string): Scenario | null {
  const index = s.nominations.findIndex((n) => n.id === nominationId);
  const nomination = s.nominations[index];
  if (!nomination) return null;
  const ids = nomineeIdsOf(s, nominationId);
  const mine = (c: Cue) => c.block === nominationId;
  const kept = s.cues.filter((c) => !mine(c));
  const hand = kept.filter((c) => c.block === undefined);
  const carded = new Set(hand.flatMap((c) => (c.kind === 'nominee' ? [c.nomineeId] : [])));
  const fresh = blockDrafts(s, {
    nomination,
    videos: s.cues.filter((c) => mine(c) && isVideoOf(c, ids)),
    carded,
    hasIntro: hand.some((c) => c.kind === 'nomination-intro' && c.nominationId === nominationId),
    hasAward: hand.some((c) => c.kind === 'award' && c.nominationId === nominationId),
    last: index === s.nominations.length - 1,
  });
  // Ids of the replaced cues are free again: the rebuilt cue of the same kind takes the same id.
  const rebuilt = withIds(fresh, new Set(kept.map((c) => c.id)));
  const at = insertionPoint(s, kept, nominationId, index);
  return { ...s, cues: [...kept.slice(0, at), ...rebuilt, ...kept.slice(at)] };
}

function insertionPoint(s: Scenario, kept: Cue[], nominationId: string, index: number): number {
  const first = s.cues.findIndex((c) => c.block === nominationId);
  if (first >= 0) return s.cues.slice(0, first).filter((c) => c.block !== nominationId).length;
  const blockOf = (c: Cue) => c.block ?? nominationOfCue(c, s);
  for (let i = index - 1; i >= 0; i--) {
    const id = s.nominations[i]!.id;
    for (let j = kept.length - 1; j >= 0; j--) if (blockOf(kept[j]!) === id) return j + 1;
  }
  for (let i = index + 1; i < s.nominations.length; i++) {
    const id = s.nominations[i]!.id;
    const next = kept.findIndex((c) => blockOf(c) === id);
    if (next >= 0) return next;
  }
  const finale = kept.findIndex((c) => c.kind === 'finale');
  return finale >= 0 ? finale : kept.length;
}

/**
 * The evening's planned length, seconds: skipped cues take no time, and a countdown at the start
 * runs before the planned start, so it is not part of the evening.
 */
export function plannedLengthS(cues: readonly Cue[]): number {
  return cues.reduce(
    (sum, c, i) => sum + (c.skip || (i === 0 && c.kind === 'countdown') ? 0 : c.plannedDurationS),
    0,
  );
}

/** One block of the run of show as the «Программа» section sums it up. */
export interface BlockSummary {
  /** `frame` or a nomination id. */
  block: string;
  nominationId: string | null;
  cues: number;
  /** Cues edited by hand (no `block`) counted into this block by what they show. */
  handEdited: number;
  durationS: number;
}

/**
 * The run of show by block: the frame, then one per nomination in order. A cue edited by hand counts
 * into the nomination it shows, else into the frame. Skipped cues take no time.
 */
export function blockSummaries(s: Scenario): BlockSummary[] {
  const rows = new Map<string, BlockSummary>();
  const row = (block: string, nominationId: string | null) =>
    rows.get(block) ??
    rows.set(block, { block, nominationId, cues: 0, handEdited: 0, durationS: 0 }).get(block)!;
  row(FRAME_BLOCK, null);
  for (const n of s.nominations) row(n.id, n.id);
  s.cues.forEach((c, i) => {
    const known = c.block !== undefined && rows.has(c.block);
    const block = known ? c.block! : (nominationOfCue(c, s) ?? FRAME_BLOCK);
    const r = row(block, block === FRAME_BLOCK ? null : block);
    r.cues++;
    if (c.block === undefined) r.handEdited++;
    if (!c.skip && !(i === 0 && c.kind === 'countdown')) r.durationS += c.plannedDurationS;
  });
  return [...rows.values()];
}

/**
 * Puts a nominee's interview into their nomination's block: after the block's nominee cards and
 * videos (before the award); at the end when the nomination has no cue yet. The cue should carry
 * the block, so rebuilding the block keeps the clip.
 */
export function insertInterview(
  s: Scenario,
  cue: Extract<Cue, { kind: 'video' }>,
  nominationId: string,
): Scenario {
  let at = -1;
  s.cues.forEach((c, i) => {
    const inBlock =
      c.block === nominationId ||
      ('nominationId' in c && c.nominationId === nominationId) ||
      ('nomineeId' in c && s.nominees.some((n) => n.id === c.nomineeId && n.nominationId === nominationId));
    if (inBlock && (c.kind === 'nominee' || c.kind === 'video' || c.kind === 'nomination-intro')) at = i;
  });
  return insertCueAfter(s, at >= 0 ? at : s.cues.length - 1, cue);
}
