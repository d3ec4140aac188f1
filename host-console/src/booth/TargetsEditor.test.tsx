// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { BoothTarget } from '@ceremony/shared';
import { I18nProvider } from '@ceremony/shared/ui';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TargetsEditor } from './TargetsEditor.js';
// Every word of both languages at once: this test renders a part of a screen without the chunk that registers its words.
import '@ceremony/shared/words/all';

// The table calls the admin API with the signed-in device's token and listens to booth:status.
vi.mock('@ceremony/shared/ui', async (original) => ({
  ...(await original<typeof import('@ceremony/shared/ui')>()),
  useSession: () => ({ session: { token: 'admin-token', role: 'admin' }, signOut: () => undefined }),
  useShowClient: () => ({ on: () => () => undefined }),
}));

const QLAB: BoothTarget = {
  id: 'qlab',
  name: 'QLab звук',
  protocol: 'osc',
  host: '10.0.0.5',
  port: 53000,
  cueFeed: true,
};

let answer: unknown = { ok: true };
const puts: unknown[] = [];

function renderTable(stored: BoothTarget[]) {
  const onSaved = vi.fn(async () => undefined);
  render(
    <I18nProvider lang="ru">
      <TargetsEditor stored={stored} onSaved={onSaved} />
    </I18nProvider>,
  );
  return onSaved;
}

describe('the booth’s targets in Администрирование → Аппаратная', () => {
  beforeEach(() => {
    answer = { ok: true };
    puts.length = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) => {
        puts.push(JSON.parse(String(init?.body)));
        return new Response(JSON.stringify(answer));
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('adds a target (QLab’s port on this machine), names it and saves the whole list', async () => {
    const onSaved = renderTable([QLAB]);
    expect(screen.getByTestId('targets-save')).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByTestId('target-add'));
    const names = screen.getAllByTestId('target-name');
    fireEvent.change(names[1]!, { target: { value: 'Световой пульт' } });
    await act(async () => fireEvent.click(screen.getByTestId('targets-save')));
    expect(puts).toEqual([
      {
        targets: [
          QLAB,
          {
            id: 'target-2',
            name: 'Световой пульт',
            protocol: 'osc',
            host: '127.0.0.1',
            port: 53000,
            cueFeed: false,
          },
        ],
      },
    ]);
    expect(onSaved).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('status').textContent).toBe('Цели сохранены');
  });

  it('a target without a name is not sent; the row and the field are named', async () => {
    renderTable([QLAB]);
    fireEvent.change(screen.getByTestId('target-name'), { target: { value: '  ' } });
    await act(async () => fireEvent.click(screen.getByTestId('targets-save')));
    expect(puts).toEqual([]);
    expect(screen.getByRole('status').textContent).toBe('Проверьте цель «qlab»: Название');
  });

  it('a refusal (a cue still sends to the deleted target) is said in words and nothing is marked saved', async () => {
    answer = {
      ok: false,
      error: { code: 'CONFLICT', message: 'x' },
    };
    const onSaved = renderTable([QLAB]);
    fireEvent.click(screen.getByTestId('target-remove'));
    await act(async () => fireEvent.click(screen.getByTestId('targets-save')));
    expect(puts).toEqual([{ targets: [] }]);
    expect(onSaved).not.toHaveBeenCalled();
    expect(screen.getByRole('status').textContent).toBe('Сейчас это сделать нельзя: данные используются.');
  });
});
