import type { AutoFollow, Cue, Nomination, Nominee } from '@ceremony/shared';

import { DEMO_BLOCKS, type BlockScript } from './blocks.js';

/** Distributes Omit over the cue union, so each kind keeps its own fields. */
type CueDraft = Cue extends infer C ? (C extends Cue ? Omit<C, 'id'> : never) : never;

const MANUAL: AutoFollow = { kind: 'none' };

/** The official who opens the evening and the resource-centre director after the break (invented). */
export const DEMO_SPEAKERS = {
  mayor: { name: 'Ларионов Михаил Андреевич', role: 'Глава города' },
  director: {
    name: 'Зимина Ольга Викторовна',
    role: 'Директор ресурсного центра поддержки общественных инициатив',
  },
} as const;

function base(title: string, notes: string, plannedDurationS: number, autoFollow: AutoFollow = MANUAL) {
  return { title, notes, plannedDurationS, autoFollow, skip: false };
}

function find<T extends { id: string }>(list: readonly T[], id: string): T {
  const found = list.find((x) => x.id === id);
  if (!found) throw new Error(`demo: unknown id ${id}`);
  return found;
}

function blockCues(block: BlockScript, nominations: readonly Nomination[], nominees: readonly Nominee[]) {
  const nomination = find(nominations, block.nominationId);
  const honoured = nominees.filter((n) => n.nominationId === nomination.id && n.honoured).map((n) => n.id);
  const video = find(nominees, block.video.nomineeId);
  const cues: CueDraft[] = [
    {
      ...base(`Номинация «${nomination.title}»`, block.intro, 90),
      kind: 'nomination-intro',
      nominationId: nomination.id,
    },
    ...block.nominees.map((n): CueDraft => ({
      ...base(find(nominees, n.nomineeId).name, n.notes, 75),
      kind: 'nominee',
      nomineeId: n.nomineeId,
    })),
    {
      ...base(`Видеоинтервью: ${video.leader ?? video.name}`, block.video.notes, 150, { kind: 'video-end' }),
      kind: 'video',
      mediaUrl: '/media/demo-interview.mp4',
      nomineeId: video.id,
    },
    {
      ...base(`Награждение: «${nomination.title}»`, block.award, 60 + 90 * honoured.length),
      kind: 'award',
      nominationId: nomination.id,
      nomineeIds: honoured,
    },
  ];
  if (block.holdBeforePerformance) {
    cues.push({
      ...base(
        'Пауза: подготовка сцены',
        'Друзья, пока готовится сцена для следующего номера, поприветствуем ещё раз наших лауреатов! Совсем немного терпения.',
        20,
        { kind: 'after', seconds: 20 },
      ),
      kind: 'hold',
    });
  }
  cues.push({
    ...base(block.performance.title, block.performance.notes, block.performance.durationS),
    kind: 'performance',
    performer: block.performance.performer,
  });
  return cues;
}

/** The whole run of show: opening, seven nomination blocks with a break in the middle, finale. */
export function demoCues(
  startsAt: number,
  nominations: readonly Nomination[],
  nominees: readonly Nominee[],
): Cue[] {
  const { mayor, director } = DEMO_SPEAKERS;
  const opening: CueDraft[] = [
    {
      ...base(
        'До начала церемонии',
        'Уважаемые гости! Церемония «Светлые люди» начнётся через несколько минут. Просим вас занять места в зале и перевести телефоны в беззвучный режим.',
        900,
      ),
      kind: 'countdown',
      targetAt: startsAt,
    },
    {
      ...base(
        'Светлые люди',
        'Добрый вечер, дорогие друзья! Мы рады приветствовать вас на церемонии «Светлые люди». Сегодня мы говорим спасибо тем, кто делает наш город добрее, чище и теплее.',
        60,
      ),
      // No subtitle of its own: the slide shows the ceremony's, so editing it once changes the slide too.
      kind: 'title',
    },
    {
      ...base(
        'Открытие: танцевальная композиция «Сибирь моя»',
        'Открывает наш вечер ансамбль «Сибирские узоры»! Встречайте!',
        240,
      ),
      kind: 'performance',
      performer: 'Ансамбль «Сибирские узоры»',
    },
    {
      ...base(
        'Приветственное слово главы города',
        'Для приветственного слова на сцену приглашается глава города Михаил Андреевич Ларионов! Просим, Михаил Андреевич!',
        300,
      ),
      kind: 'speech',
      speaker: mayor.name,
      role: mayor.role,
    },
  ];
  const blocks = DEMO_BLOCKS.map((b) => blockCues(b, nominations, nominees));
  const interval: CueDraft[] = [
    {
      ...base(
        'Кофе-брейк и интерактивные площадки',
        'Объявляется перерыв двадцать минут! В фойе вас ждут кофе-брейк, мастер-классы, фотобудка, дерево желаний и другие интерактивные площадки. Не забудьте оставить своё пожелание городу!',
        1200,
      ),
      kind: 'break',
    },
    {
      ...base(
        'Слово директора ресурсного центра',
        'Мы продолжаем! Слово предоставляется директору ресурсного центра поддержки общественных инициатив Ольге Викторовне Зиминой.',
        240,
      ),
      kind: 'speech',
      speaker: director.name,
      role: director.role,
    },
  ];
  const finale: CueDraft = {
    ...base(
      'Финал',
      'Вот и подошла к концу наша церемония. Спасибо всем номинантам и лауреатам — вы и есть светлые люди нашего города! Отсканируйте QR-код на экране и оставьте отзыв о вечере. До новых встреч!',
      300,
    ),
    kind: 'finale',
    feedbackUrl: '/checkin/feedback',
  };
  const drafts: CueDraft[] = [
    ...opening,
    ...blocks.slice(0, 3).flat(),
    ...interval,
    ...blocks.slice(3).flat(),
    finale,
  ];
  return drafts.map((c, i) => ({ ...c, id: `cue-${String(i + 1).padStart(2, '0')}` }) as Cue);
}
