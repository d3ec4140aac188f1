// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { BoothTarget, CueAction } from '@ceremony/shared';
import { I18nProvider } from '@ceremony/shared/ui';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CueActions } from './CueActions.js';
// Every word of both languages at once: this test renders a part of a screen without the chunk that registers its words.
import '@ceremony/shared/words/all';

// The editor calls the admin API with the signed-in device's token; here that is a fixed admin session.
vi.mock('@ceremony/shared/ui', async (original) => ({
  ...(await original<typeof import('@ceremony/shared/ui')>()),
  useSession: () => ({ session: { token: 'admin-token', role: 'admin' }, signOut: () => undefined }),
}));

const TARGETS: BoothTarget[] = [
  { id: 'qlab', name: 'QLab звук', protocol: 'osc', host: '10.0.0.5', port: 53000, cueFeed: true },
  { id: 'desk', name: 'Световой пульт', protocol: 'osc', host: '10.0.0.6', port: 8000, cueFeed: false },
  { id: 'hook', name: 'Веб-хук', protocol: 'http', host: '10.0.0.7', port: 80, cueFeed: false },
];

/** What the booth's admin API answers in these tests, and every request it got. */
let tryAnswer: unknown = { ok: true };
const requests: { url: string; init: RequestInit | undefined }[] = [];

function Harness({ initial, seen }: { initial: CueAction[]; seen: (a: CueAction[]) => void }) {
  const [actions, setActions] = useState(initial);
  return (
    <CueActions
      actions={actions}
      onChange={(next) => {
        seen(next);
        setActions(next);
      }}
    />
  );
}

async function renderEditor(initial: CueAction[] = []) {
  const seen = vi.fn<(a: CueAction[]) => void>();
  render(
    <I18nProvider lang="ru">
      <Harness initial={initial} seen={seen} />
    </I18nProvider>,
  );
  // Folded while the cue has no signals, and nothing read until it is opened.
  if (initial.length === 0) {
    expect(screen.queryByTestId('action-add-osc')).toBeNull();
    expect(requests).toEqual([]);
    fireEvent.click(screen.getByTestId('cue-actions-toggle'));
  }
  // The targets arrive from GET /api/admin/booth: the add buttons wait for them.
  await waitFor(() => expect(screen.getByTestId('action-add-osc')).toHaveProperty('disabled', false));
  return { seen, last: () => seen.mock.lastCall?.[0] ?? [] };
}

describe('a cue’s signals to the booth in Setup', () => {
  beforeEach(() => {
    tryAnswer = { ok: true };
    requests.length = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        requests.push({ url, init });
        const body =
          url === '/api/admin/booth'
            ? { ok: true, targets: TARGETS, osc: { inPort: null, allow: ['127.0.0.1'], counters: {} } }
            : tryAnswer;
        return new Response(JSON.stringify(body));
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('adds an OSC signal to the first OSC target and a HTTP one to the first HTTP target', async () => {
    const { last } = await renderEditor();
    expect(screen.getByText('Номер ничего не отправляет')).toBeTruthy();
    fireEvent.click(screen.getByTestId('action-add-osc'));
    expect(last()).toEqual([{ kind: 'osc', when: 'start', targetId: 'qlab', address: '/go', args: [] }]);
    fireEvent.click(screen.getByTestId('action-add-http'));
    expect(last()[1]).toEqual({ kind: 'http', when: 'start', targetId: 'hook', method: 'POST', path: '/' });

    // An OSC signal offers only the OSC targets, by their names.
    const [osc] = screen.getAllByTestId('cue-action');
    const options = within(osc!).getByTestId('action-target').querySelectorAll('option');
    expect([...options].map((o) => o.textContent)).toEqual(['QLab звук', 'Световой пульт']);
  });

  it('edits when, target, address and typed arguments; removes a signal', async () => {
    const { last } = await renderEditor([
      { kind: 'osc', when: 'start', targetId: 'qlab', address: '/go', args: [] },
      { kind: 'http', when: 'start', targetId: 'hook', method: 'POST', path: '/' },
    ]);
    const [osc] = screen.getAllByTestId('cue-action');
    fireEvent.change(within(osc!).getByTestId('action-when'), { target: { value: 'end' } });
    fireEvent.change(within(osc!).getByTestId('action-target'), { target: { value: 'desk' } });
    fireEvent.change(within(osc!).getByTestId('action-address'), { target: { value: '/cue/12/start' } });
    fireEvent.change(within(osc!).getByTestId('action-args'), { target: { value: '1 "Выход лауреата"' } });
    expect(last()[0]).toEqual({
      kind: 'osc',
      when: 'end',
      targetId: 'desk',
      address: '/cue/12/start',
      args: [1, 'Выход лауреата'],
    });
    // What was typed stays as typed (no reformatting under the cursor).
    expect((within(osc!).getByTestId('action-args') as HTMLInputElement).value).toBe('1 "Выход лауреата"');

    const http = screen.getAllByTestId('cue-action')[1]!;
    fireEvent.change(within(http).getByTestId('action-body'), { target: { value: '{"scene":3}' } });
    expect(last()[1]).toMatchObject({ body: '{"scene":3}' });
    fireEvent.change(within(http).getByTestId('action-body'), { target: { value: '' } });
    expect(last()[1]).not.toHaveProperty('body');

    fireEvent.click(within(osc!).getByTestId('action-remove'));
    expect(last()).toEqual([{ kind: 'http', when: 'start', targetId: 'hook', method: 'POST', path: '/' }]);
  });

  it('«Проверить» fires that signal through POST /api/admin/booth/try and says how it went', async () => {
    await renderEditor([{ kind: 'osc', when: 'start', targetId: 'qlab', address: '/go', args: [2] }]);
    await act(async () => fireEvent.click(screen.getByTestId('action-try')));
    const sent = requests.find((r) => r.url === '/api/admin/booth/try')!;
    expect(sent.init?.method).toBe('POST');
    expect(new Headers(sent.init?.headers).get('authorization')).toBe('Bearer admin-token');
    expect(JSON.parse(String(sent.init?.body))).toEqual({
      action: { kind: 'osc', when: 'start', targetId: 'qlab', address: '/go', args: [2] },
    });
    expect(screen.getByTestId('action-result').textContent).toBe('Сигнал отправлен');

    // A refusal is said in the device's words, from its reason and values.
    tryAnswer = {
      ok: false,
      error: { code: 'NOT_FOUND', message: 'x', reason: 'cueActions.targetGone', params: { id: 'qlab' } },
    };
    await act(async () => fireEvent.click(screen.getByTestId('action-try')));
    expect(screen.getByTestId('action-result').textContent).toBe('удалена: qlab');
  });

  it('an incomplete signal is not sent; a deleted target is named as deleted', async () => {
    await renderEditor([{ kind: 'osc', when: 'start', targetId: 'gone', address: 'go', args: [] }]);
    expect(screen.getByTestId('action-target').querySelector('option')?.textContent).toBe('удалена: gone');
    await act(async () => fireEvent.click(screen.getByTestId('action-try')));
    expect(requests.some((r) => r.url === '/api/admin/booth/try')).toBe(false);
    expect(screen.getByTestId('action-result').textContent).toContain('Сигнал заполнен не полностью');
  });
});
