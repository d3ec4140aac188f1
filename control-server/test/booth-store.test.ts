import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/store/db.js';
import { BoothRepository } from '../src/store/booth.repository.js';
import { tempDir } from './helpers.js';

describe('cue firings in a database shared by two hubs', () => {
  it('the first hub to claim a (revision, cue, when) fires; the other, and a retry, do not', () => {
    const dir = tempDir();
    const a = openDatabase(dir).db;
    const b = openDatabase(dir).db;
    const hubA = new BoothRepository(a);
    const hubB = new BoothRepository(b);
    const start = { revision: 7, cueId: 'award-1', when: 'start' as const };
    expect(hubA.claim(start, 1)).toBe(true);
    expect(hubB.claim(start, 2)).toBe(false);
    expect(hubA.claim(start, 3)).toBe(false);
    expect(hubB.claim({ ...start, when: 'end' }, 4)).toBe(true);
    expect(hubB.claim({ ...start, revision: 8 }, 5)).toBe(true);
    a.close();
    b.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('OSC configuration (OSC_IN_PORT, OSC_ALLOW, OSC_OUT)', () => {
  it.each([
    [{}, { oscInPort: null, oscAllow: ['127.0.0.1'], oscOut: [] }],
    [{ OSC_IN_PORT: '' }, { oscInPort: null, oscAllow: ['127.0.0.1'], oscOut: [] }],
    [
      { OSC_IN_PORT: '53001', OSC_ALLOW: '127.0.0.1, 10.0.0.5', OSC_OUT: 'qlab.local:53000,127.0.0.1:8000' },
      {
        oscInPort: 53001,
        oscAllow: ['127.0.0.1', '10.0.0.5'],
        oscOut: [
          { host: 'qlab.local', port: 53000 },
          { host: '127.0.0.1', port: 8000 },
        ],
      },
    ],
  ])('%j', (env, booth) => {
    expect(loadConfig(env, '/repo').booth).toEqual(booth);
  });

  it.each([{ OSC_IN_PORT: 'x' }, { OSC_OUT: 'qlab' }, { OSC_OUT: 'qlab:0' }, { OSC_OUT: 'qlab:70000' }])(
    'refuses %j',
    (env) => {
      expect(() => loadConfig(env, '/repo')).toThrow(/OSC_/);
    },
  );
});
