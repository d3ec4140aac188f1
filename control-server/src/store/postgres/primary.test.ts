import { describe, expect, it } from 'vitest';
import { choosePrimary, type ServerAnswer } from './primary.js';

const writable = (timeline: number | null): ServerAnswer => ({ writable: true, timeline });
const standby: ServerAnswer = { writable: false, timeline: null };
const dark = new Error('connect ETIMEDOUT');

describe('choosePrimary: which of the evening’s servers a hub connects to', () => {
  it.each([
    ['a hub just started hears every server out first', [writable(1), undefined], 0, { kind: 'wait' }],
    ['the primary and its standby', [writable(1), standby], 0, { kind: 'host', index: 0, stale: [] }],
    [
      'a hub just started, the old primary back beside the promoted standby: the newer timeline',
      [writable(1), writable(2)],
      0,
      { kind: 'host', index: 1, stale: [0] },
    ],
    [
      'a running hub takes the first server as new as the one it used, without waiting for the rest',
      [undefined, writable(2)],
      2,
      { kind: 'host', index: 1, stale: [] },
    ],
    [
      'a running hub after the promotion: the promoted standby is newer, taken at once',
      [dark, writable(2)],
      1,
      { kind: 'host', index: 1, stale: [] },
    ],
    [
      'a running hub never goes back to the old primary, though it answers first',
      [writable(1), undefined],
      2,
      { kind: 'wait' },
    ],
    [
      'only the old primary answers: nothing is writable for this hub',
      [writable(1), dark],
      2,
      { kind: 'none', stale: [0] },
    ],
    [
      'the primary restarted on its own timeline (no failover)',
      [writable(1), standby],
      1,
      { kind: 'host', index: 0, stale: [] },
    ],
    [
      'servers that do not tell their timeline: the first writable, as before',
      [writable(null), writable(null)],
      0,
      { kind: 'host', index: 0, stale: [] },
    ],
    ['the primary dead, the standby not yet promoted', [dark, standby], 1, { kind: 'none', stale: [] }],
  ] as const)('%s', (_case, answers, newest, choice) => {
    expect(choosePrimary([...answers], newest)).toEqual(choice);
  });
});
