// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { serverNowAtLeast } from '@ceremony/shared';
import { I18nProvider } from '@ceremony/shared/ui';
import { useCallback } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GoButton } from './GoButton.js';
import { useGoPress } from './useGoGuard.js';

type Outcome = 'ok' | 'too-soon' | 'refused';

function Harness(props: { acceptedFrom: number | null; sendGo: () => Promise<Outcome>; disabled?: boolean }) {
  const go = useGoPress(props.acceptedFrom, Date.now, props.sendGo);
  return (
    <GoButton
      armed={go.armed}
      flashes={go.flashes}
      disabled={props.disabled ?? false}
      onPress={() => void go.press()}
    />
  );
}

function renderGo(acceptedFrom: number | null, outcome: Outcome = 'ok', disabled = false) {
  const sendGo = vi.fn(async () => outcome);
  const view = render(
    <I18nProvider lang="ru">
      <Harness acceptedFrom={acceptedFrom} sendGo={sendGo} disabled={disabled} />
    </I18nProvider>,
  );
  return { sendGo, view, go: () => screen.getByTestId('go') };
}

describe('GO and its double-GO guard', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('is disarmed during the guard window and says so; a press the server ignores flashes', async () => {
    const { sendGo, go } = renderGo(1_000_000 + 600, 'too-soon');
    expect(go().dataset.armed).toBe('false');
    expect(go().textContent).toContain('Пауза защиты');
    expect(screen.getByTestId('go-ignored').textContent).toBe('');

    // The server decides, so the press is sent; its GO_TOO_SOON flashes the button and says why.
    await act(async () => fireEvent.click(go()));
    expect(sendGo).toHaveBeenCalledTimes(1);
    expect(go().dataset.flashing).toBe('true');
    expect(go().className).toContain('go__button--flash');
    expect(screen.getByTestId('go-ignored').textContent).toBe(
      'Нажатие проигнорировано: защита от двойного GO',
    );

    // The flash passes; the words go with it.
    act(() => vi.advanceTimersByTime(1300));
    expect(go().dataset.flashing).toBe('false');
    expect(screen.getByTestId('go-ignored').textContent).toBe('');
  });

  it('arms itself exactly when the window ends, and then sends', async () => {
    const { sendGo, go } = renderGo(1_000_000 + 600);
    act(() => vi.advanceTimersByTime(599));
    expect(go().dataset.armed).toBe('false');
    act(() => vi.advanceTimersByTime(1));
    expect(go().dataset.armed).toBe('true');
    expect(go().textContent).toBe('GO');
    await act(async () => fireEvent.click(go()));
    expect(sendGo).toHaveBeenCalledTimes(1);
    expect(go().dataset.flashing).toBe('false');
  });

  it.each([
    { name: 'before the show (no guard)', acceptedFrom: null },
    { name: 'a window already passed', acceptedFrom: 1_000_000 - 1 },
  ])('is armed $name', ({ acceptedFrom }) => {
    const { go } = renderGo(acceptedFrom);
    expect(go().dataset.armed).toBe('true');
  });

  it('flashes when the server refused the press as too soon even if this device thought it armed', async () => {
    const { sendGo, go } = renderGo(null, 'too-soon');
    await act(async () => fireEvent.click(go()));
    expect(sendGo).toHaveBeenCalledTimes(1);
    expect(go().dataset.flashing).toBe('true');
  });

  it('a press inside the window that the server accepts (its clock was ahead) moves on without a flash', async () => {
    const { sendGo, go } = renderGo(1_000_000 + 600, 'ok');
    await act(async () => fireEvent.click(go()));
    expect(sendGo).toHaveBeenCalledTimes(1);
    expect(go().dataset.flashing).toBe('false');
  });

  it('does not flash for other refusals, and is disabled once the show has ended', async () => {
    const refused = renderGo(null, 'refused');
    await act(async () => fireEvent.click(refused.go()));
    expect(refused.go().dataset.flashing).toBe('false');
    cleanup();
    const ended = renderGo(null, 'ok', true);
    expect((ended.go() as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('GO guard and the clock offset', () => {
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  function Probe({
    acceptedFrom,
    offsetMs,
    rttMs,
  }: {
    acceptedFrom: number;
    offsetMs: number;
    rttMs: number | null;
  }) {
    const nowAtLeast = useCallback(() => serverNowAtLeast(Date.now(), offsetMs, rttMs), [offsetMs, rttMs]);
    const go = useGoPress(acceptedFrom, nowAtLeast, async () => 'ok');
    return (
      <GoButton armed={go.armed} flashes={go.flashes} disabled={false} onPress={() => void go.press()} />
    );
  }
  const probe = (props: Parameters<typeof Probe>[0]) => (
    <I18nProvider lang="ru">
      <Probe {...props} />
    </I18nProvider>
  );
  const armed = () => screen.getByTestId('go').dataset.armed;

  it('re-plans the guard when the device learns it is behind the server', () => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
    const acceptedFrom = 1_000_000 + 60_000 + 600;
    const view = render(probe({ acceptedFrom, offsetMs: 0, rttMs: null }));
    // The server is a minute ahead: the cue began 0.6 s ago in its time, not a minute from now.
    expect(armed()).toBe('false');
    view.rerender(probe({ acceptedFrom, offsetMs: 60_000 + 600, rttMs: 0 }));
    expect(armed()).toBe('true');
  });

  // The server may have read its clock as late as the answer's arrival: GO waits out half the round trip.
  it.each([
    { rttMs: 0, stillDark: 599, armsAt: 600 },
    { rttMs: 20, stillDark: 609, armsAt: 610 },
    { rttMs: 21, stillDark: 610, armsAt: 611 },
  ])(
    'with a round trip of $rttMs ms GO arms $armsAt ms after the cue, never before',
    ({ rttMs, stillDark, armsAt }) => {
      vi.useFakeTimers();
      vi.setSystemTime(1_000_000);
      render(probe({ acceptedFrom: 1_000_000 + 600, offsetMs: 0, rttMs }));
      act(() => vi.advanceTimersByTime(stillDark));
      expect(armed()).toBe('false');
      act(() => vi.advanceTimersByTime(armsAt - stillDark));
      expect(armed()).toBe('true');
    },
  );

  it('a timer that fires early does not arm GO: it waits again', () => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
    render(probe({ acceptedFrom: 1_000_000 + 600, offsetMs: 0, rttMs: 0 }));
    // The device clock is set back 5 ms while the timer runs (a sync, a busy tab): it fires "on time" too early.
    act(() => {
      vi.setSystemTime(1_000_000 - 5);
      vi.advanceTimersByTime(600);
    });
    expect(armed()).toBe('false');
    act(() => vi.advanceTimersByTime(5));
    expect(armed()).toBe('true');
  });
});
