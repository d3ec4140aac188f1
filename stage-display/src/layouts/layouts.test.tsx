// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { initialShowState, type Cue, type Scenario } from '@ceremony/shared';
import type { ShowClientState } from '@ceremony/shared/client';
import { fitFontSize } from '../fit.js';
import { CueView } from './CueView.js';
import { StagePicture } from '../picture.js';

const ORG =
  'Автономная некоммерческая организация по сохранению природного и культурного наследия «Берегиня Енисейского края»';
const base = { notes: '', plannedDurationS: 60, autoFollow: { kind: 'none' as const }, skip: false };
const scenario: Scenario = {
  ceremony: {
    id: 'c',
    title: 'Светлые люди',
    subtitle: 'Церемония чествования',
    venue: 'Концертный зал',
    startsAt: Date.UTC(2026, 10, 26, 12),
    goGuardMs: 600,
    branding: { primary: '#1f3a68', accent: '#e8b04b', background: '#0f1a33', text: '#fbf3e4' },
  },
  nominations: [{ id: 'nom-1', title: 'Учим беречь!', description: 'Тем, кто бережёт природу' }],
  nominees: [
    {
      id: 'n-org',
      nominationId: 'nom-1',
      kind: 'organisation',
      name: ORG,
      leader: 'Кравцова Ирина Павловна',
      citation: 'Пять лет проводит экологические уроки.',
      consent: true,
      honoured: true,
    },
    {
      id: 'n-cit',
      nominationId: 'nom-1',
      kind: 'citizen',
      name: 'Семёнов Пётр Аркадьевич',
      citation: 'Создатель школьного экопатруля.',
      consent: true,
      honoured: true,
    },
    {
      id: 'n-private',
      nominationId: 'nom-1',
      kind: 'citizen',
      name: 'Гордеев Максим Олегович',
      citation: 'Проводит субботники на берегу реки.',
      photoUrl: '/media/gordeev.jpg',
      consent: false,
      honoured: false,
    },
  ],
  stations: [
    { id: 'st-a', title: 'Дерево желаний', location: 'Фойе 1-го этажа', capacity: 20, typicalMinutes: 5 },
    { id: 'st-b', title: 'Фотобудка', location: 'У гардероба', capacity: 8, typicalMinutes: 5 },
  ],
  cues: [
    { ...base, id: 'c-title', kind: 'title', title: 'Светлые люди', subtitle: 'Добрый вечер' },
    { ...base, id: 'c-intro', kind: 'nomination-intro', title: 'Номинация', nominationId: 'nom-1' },
    { ...base, id: 'c-org', kind: 'nominee', title: 'Берегиня', nomineeId: 'n-org' },
    { ...base, id: 'c-private', kind: 'nominee', title: 'Гордеев', nomineeId: 'n-private' },
    {
      ...base,
      id: 'c-award',
      kind: 'award',
      title: 'Награждение',
      nominationId: 'nom-1',
      nomineeIds: ['n-org', 'n-cit'],
    },
    {
      ...base,
      id: 'c-video',
      kind: 'video',
      title: 'Видеоинтервью',
      mediaUrl: '/media/x.mp4',
      nomineeId: 'n-org',
    },
    {
      ...base,
      id: 'c-perf',
      kind: 'performance',
      title: 'Танец «Сибирь моя»',
      performer: 'Ансамбль «Сибирские узоры»',
    },
    {
      ...base,
      id: 'c-speech',
      kind: 'speech',
      title: 'Слово',
      speaker: 'Ларионов Михаил Андреевич',
      role: 'Глава города',
    },
    { ...base, id: 'c-break', kind: 'break', title: 'Кофе-брейк', plannedDurationS: 1200 },
    { ...base, id: 'c-hold', kind: 'hold', title: 'Пауза' },
    { ...base, id: 'c-count', kind: 'countdown', title: 'До начала', targetAt: 1_000_000 + 125_000 },
    { ...base, id: 'c-finale', kind: 'finale', title: 'Финал', feedbackUrl: '/checkin/feedback' },
  ],
};

const store = createStore<ShowClientState>(() => ({
  connection: 'online',
  scenario,
  show: { ...initialShowState(), status: 'running', cueStartedAt: 1_000_000 },
  offsetMs: 0,
  rttMs: null,
  lastSeenAt: null,
  hub: null,
  hubs: [],
}));

// The layouts read the show through these hooks; here they read a store the test fills, no socket.
vi.mock('@ceremony/shared/ui', async (original) => ({
  ...(await original<typeof import('@ceremony/shared/ui')>()),
  useShow: <T,>(selector: (s: ShowClientState) => T) => useStore(store, selector),
  useShowClient: () => ({ serverNow: () => 1_000_000 + 5_000, store }),
  // useServerNow lives inside the package and reads its own context, so its clock is set here too.
  useServerNow: () => 1_000_000 + 5_000,
}));

const cue = (id: string) => scenario.cues.find((c) => c.id === id)! as Cue;

describe('a slide for every cue kind', () => {
  beforeEach(() => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ ok: true, lanUrls: ['http://192.168.1.20:8080'] }))),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it.each([
    { id: 'c-title', kind: 'title', shows: ['Светлые люди', 'Добрый вечер'] },
    {
      id: 'c-intro',
      kind: 'nomination-intro',
      shows: ['«Учим беречь!»', 'Тем, кто бережёт природу', ORG, 'Гордеев Максим Олегович'],
    },
    {
      id: 'c-org',
      kind: 'nominee',
      shows: [ORG, 'Руководитель: Кравцова Ирина Павловна', 'Пять лет проводит экологические уроки.', 'БЕ'],
    },
    {
      id: 'c-award',
      kind: 'award',
      shows: ['Лауреаты номинации', '«Учим беречь!»', ORG, 'Семёнов Пётр Аркадьевич', 'житель города'],
    },
    { id: 'c-video', kind: 'video', shows: ['Видеоинтервью', 'Кравцова Ирина Павловна', ORG] },
    {
      id: 'c-perf',
      kind: 'performance',
      shows: ['На сцене', 'Ансамбль «Сибирские узоры»', 'Танец «Сибирь моя»'],
    },
    {
      id: 'c-speech',
      kind: 'speech',
      shows: ['Слово предоставляется', 'Ларионов Михаил Андреевич', 'Глава города'],
    },
    {
      id: 'c-break',
      kind: 'break',
      shows: ['Перерыв', 'Кофе-брейк', 'Продолжим через 19:55', 'Дерево желаний', 'У гардероба'],
    },
    { id: 'c-hold', kind: 'hold', shows: ['Светлые люди'] },
    { id: 'c-count', kind: 'countdown', shows: ['До начала церемонии', '2:00', 'Светлые люди'] },
    {
      id: 'c-finale',
      kind: 'finale',
      shows: ['Спасибо!', 'Поделитесь впечатлениями о вечере', 'Наведите камеру телефона на код'],
    },
  ])('$kind', ({ id, kind, shows }) => {
    render(<CueView cue={cue(id)} />);
    const slide = screen.getByTestId(`slide-${kind}`);
    for (const text of shows) expect(slide.textContent, text).toContain(text);
  });

  it('before the show: the ceremony’s title, subtitle, venue and date', () => {
    render(<CueView cue={null} />);
    expect(screen.getByTestId('slide-pre-show').textContent).toMatch(
      /Светлые люди.*Церемония чествования.*Концертный зал · 26 ноября 2026/,
    );
  });

  it('a title slide shows the ceremony’s title, not the cue’s label; the ceremony’s subtitle unless the cue has its own', () => {
    const label = { ...base, id: 'c-open', kind: 'title', title: 'Открытие (метка ведущего)' } as Cue;
    render(<CueView cue={label} />);
    expect(screen.getByTestId('stage-title').textContent).toBe('Светлые люди');
    expect(screen.getByTestId('slide-title').textContent).toContain('Церемония чествования');
    expect(screen.getByTestId('slide-title').textContent).not.toContain('метка');
    cleanup();
    render(<CueView cue={{ ...label, subtitle: 'Спасибо, до встречи!' } as Cue} />);
    expect(screen.getByTestId('slide-title').textContent).toContain('Спасибо, до встречи!');
    expect(screen.getByTestId('slide-title').textContent).not.toContain('Церемония чествования');
  });

  it('a nominee without consent: the name only, no photo, no citation', () => {
    render(<CueView cue={cue('c-private')} />);
    const slide = screen.getByTestId('slide-nominee');
    expect(screen.getByTestId('stage-title').textContent).toBe('Гордеев Максим Олегович');
    expect(slide.textContent).not.toContain('субботники');
    expect(slide.textContent).not.toContain('житель города');
    expect(slide.querySelector('img, .portrait')).toBeNull();
  });

  it('an award with nobody named yet says «Номинация», not «Лауреаты» over an empty space', () => {
    render(<CueView cue={{ ...(cue('c-award') as Cue & { kind: 'award' }), nomineeIds: [] }} />);
    const slide = screen.getByTestId('slide-award');
    expect(slide.textContent).toContain('Номинация');
    expect(slide.textContent).not.toContain('Лауреат');
    expect(screen.getByTestId('honoured-list').children.length).toBe(0);
  });

  it('the break shows free places, and a full station as full', () => {
    render(
      <CueView
        cue={cue('c-break')}
        stationsFree={
          new Map([
            ['st-a', 4],
            ['st-b', 0],
          ])
        }
      />,
    );
    expect(screen.getAllByTestId('station-free').map((e) => e.textContent)).toEqual([
      'свободно 4 места',
      'мест нет',
    ]);
  });

  it('the finale QR code carries the server’s LAN address, not localhost', async () => {
    render(<CueView cue={cue('c-finale')} />);
    await vi.waitFor(() =>
      expect(screen.getByTestId('qr').getAttribute('data-text')).toBe(
        'http://192.168.1.20:8080/checkin/feedback',
      ),
    );
    expect(screen.getByTestId('qr').querySelector('path')!.getAttribute('d')!.length).toBeGreaterThan(500);
  });

  it('after a move to another hub the finale QR code names that hub, asked for its own addresses', async () => {
    const hubB = 'http://192.168.1.21:8080';
    store.setState({ hub: hubB });
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async (url: string) =>
          new Response(
            JSON.stringify({
              ok: true,
              lanUrls: url.startsWith(hubB) ? [hubB] : ['http://192.168.1.20:8080'],
            }),
          ),
      ),
    );
    try {
      render(<CueView cue={cue('c-finale')} />);
      await vi.waitFor(() =>
        expect(screen.getByTestId('qr').getAttribute('data-text')).toBe(`${hubB}/checkin/feedback`),
      );
    } finally {
      store.setState({ hub: null });
    }
  });

  it('in the host console’s miniature a long name is fitted to the miniature’s frame, not the window', () => {
    // jsdom has no layout: the miniature is 302 px wide, its title box 173 × 27 px, the window 1024.
    const sizes = vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockImplementation(function (
      this: HTMLElement,
    ) {
      return this.classList.contains('fit') ? 173 : 302;
    });
    const heights = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(27);
    try {
      render(<StagePicture cue={cue('c-org')} />);
      const px = Number(screen.getByTestId('stage-title').dataset.fitPx);
      const box = {
        width: 173,
        height: 27,
        maxPx: (302 * 5.6) / 100,
        minPx: (302 * 2.4) / 100,
        lineHeight: 1.12,
      };
      expect(px).toBe(Math.round(fitFontSize(ORG, box)));
      expect(px).toBeLessThan((302 * 5.6) / 100);
    } finally {
      sizes.mockRestore();
      heights.mockRestore();
    }
  });

  it('fits a 118-character name smaller than a short one, as the estimate for its box says', () => {
    // jsdom has no layout: give every fitted box the size a 1920-wide frame gives it.
    const sizes = vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockImplementation(function (
      this: HTMLElement,
    ) {
      return this.classList.contains('fit') ? 1100 : 1920;
    });
    const heights = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(200);
    render(<CueView cue={cue('c-org')} />);
    const long = Number(screen.getByTestId('stage-title').dataset.fitPx);
    // Outside a [data-frame] the frame is the window (jsdom: 1024 wide).
    const W = window.innerWidth;
    const box = {
      width: 1100,
      height: 200,
      maxPx: (W * 5.6) / 100,
      minPx: (W * 2.4) / 100,
      lineHeight: 1.12,
    };
    expect(long).toBe(Math.round(fitFontSize(ORG, box)));
    cleanup();
    render(<CueView cue={cue('c-speech')} />);
    const short = Number(screen.getByTestId('stage-title').dataset.fitPx);
    expect(short).toBe(Math.floor((W * 7) / 100));
    expect(long).toBeLessThan(Math.floor((W * 5.6) / 100)); // below its own largest size
    expect(long).toBeLessThan(short * 0.75);
    sizes.mockRestore();
    heights.mockRestore();
  });
});
