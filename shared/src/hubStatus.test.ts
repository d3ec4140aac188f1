import { describe, expect, it } from 'vitest';
import { hubNotes, type HubStatus } from './hubStatus.js';

const hub = (over: Partial<HubStatus>): HubStatus => ({
  id: 'h',
  urls: ['http://192.168.1.10:3000'],
  self: false,
  live: true,
  silentS: 1,
  version: '0.1.0',
  clockOffsetMs: 0,
  ...over,
});

describe('hubNotes: what the organiser reads beside a hub', () => {
  it.each([
    [
      'a live hub of the same version, clock within a second',
      hub({ clockOffsetMs: -999 }),
      [{ key: 'admin.hubs.live' }],
    ],
    [
      'a silent one, with how long',
      hub({ live: false, silentS: 74.6 }),
      [{ key: 'admin.hubs.silent', seconds: 75 }],
    ],
    [
      'another version',
      hub({ version: '0.2.0' }),
      [{ key: 'admin.hubs.live' }, { key: 'admin.hubs.otherVersion', version: '0.2.0' }],
    ],
    [
      'a clock 45 s behind',
      hub({ clockOffsetMs: 45_200 }),
      [{ key: 'admin.hubs.live' }, { key: 'admin.hubs.clockBehind', seconds: 45 }],
    ],
    [
      'a clock ahead, silent, other version: every note, in reading order',
      hub({ live: false, silentS: 3, version: '0.0.9', clockOffsetMs: -1500 }),
      [
        { key: 'admin.hubs.silent', seconds: 3 },
        { key: 'admin.hubs.otherVersion', version: '0.0.9' },
        { key: 'admin.hubs.clockAhead', seconds: 2 },
      ],
    ],
  ])('%s', (_what, status, notes) => {
    expect(hubNotes(status, '0.1.0')).toEqual(notes);
  });
});
