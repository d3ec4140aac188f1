import type { ScanStatus } from '@ceremony/shared';

type Tone = 'ok' | 'warn' | 'bad';

/** Beeps (frequency Hz, length ms, gap after ms) a volunteer tells apart without looking. */
const BEEPS: Record<Tone, [number, number, number][]> = {
  ok: [
    [880, 110, 40],
    [1320, 160, 0],
  ],
  warn: [[520, 420, 0]],
  bad: [
    [220, 170, 70],
    [220, 170, 70],
    [220, 170, 0],
  ],
};
const VIBRATION: Record<Tone, number[]> = { ok: [80], warn: [220, 120, 220], bad: [400, 100, 400, 100, 400] };

let audio: AudioContext | null = null;

/** The tone of a scan's answer: green, amber or red. */
export function toneOf(status: ScanStatus | 'error'): Tone {
  if (status === 'admitted') return 'ok';
  if (status === 'already-admitted') return 'warn';
  return 'bad';
}

/**
 * Sounds and vibrates the answer. Browsers allow audio only after a touch, so the context is
 * created on the first call (which follows a tap on "start" or a scan) and failures stay silent.
 */
export function signal(tone: Tone): void {
  try {
    navigator.vibrate?.(VIBRATION[tone]);
  } catch {
    // Vibration is a nicety; some browsers throw without a user gesture.
  }
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
    let t = audio.currentTime + 0.01;
    for (const [freq, ms, gap] of BEEPS[tone]) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = tone === 'bad' ? 'square' : 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.35, t + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + ms / 1000);
      osc.connect(gain).connect(audio.destination);
      osc.start(t);
      osc.stop(t + ms / 1000 + 0.02);
      t += (ms + gap) / 1000;
    }
  } catch {
    // No audio (locked down browser): the colour and the vibration still tell.
  }
}
