import { describe, expect, it } from 'vitest';
import { showCommandFromOsc } from './oscCommand.js';

describe('showCommandFromOsc', () => {
  it.each([
    ['/ceremony/go', [], { ok: true, command: { type: 'go' } }],
    ['/ceremony/go', [1], { ok: true, command: { type: 'go' } }],
    ['/ceremony/go', [1.0], { ok: true, command: { type: 'go' } }],
    ['/ceremony/go', [0], { ok: false, ignored: 'release' }],
    ['/ceremony/go', ['now'], { ok: false, ignored: 'wrong-type' }],
    ['/ceremony/go', [1, 2], { ok: false, ignored: 'wrong-type' }],
    ['/ceremony/back', [], { ok: true, command: { type: 'back' } }],
    ['/ceremony/back', [0], { ok: false, ignored: 'release' }],
    ['/ceremony/goto', ['award-1'], { ok: true, command: { type: 'goto', cueId: 'award-1' } }],
    ['/ceremony/goto', [12], { ok: false, ignored: 'wrong-type' }],
    ['/ceremony/goto', [], { ok: false, ignored: 'wrong-type' }],
    ['/ceremony/goto', ['../etc'], { ok: false, ignored: 'wrong-type' }],
    ['/ceremony/goto', ['x'.repeat(65)], { ok: false, ignored: 'wrong-type' }],
    ['/ceremony/blackout', [1], { ok: true, command: { type: 'blackout', on: true } }],
    ['/ceremony/blackout', [0], { ok: true, command: { type: 'blackout', on: false } }],
    ['/ceremony/blackout', [2], { ok: false, ignored: 'wrong-type' }],
    ['/ceremony/blackout', ['1'], { ok: false, ignored: 'wrong-type' }],
    ['/ceremony/blackout', [], { ok: false, ignored: 'wrong-type' }],
    ['/ceremony/Go', [], { ok: false, ignored: 'unknown-address' }],
    ['/ceremony/go/', [], { ok: false, ignored: 'unknown-address' }],
    ['/cue/1/start', [], { ok: false, ignored: 'unknown-address' }],
    ['', [], { ok: false, ignored: 'unknown-address' }],
  ] as const)('%s %j', (address, args, verdict) => {
    expect(showCommandFromOsc(address, args)).toEqual(verdict);
  });
});
