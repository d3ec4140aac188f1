import fs from 'node:fs';
import path from 'node:path';

/** Debian's libfaketime (`apt-get install faketime`; .ci/run installs it). */
export const FAKETIME =
  fs
    .readdirSync('/usr/lib')
    .map((arch) => path.join('/usr/lib', arch, 'faketime', 'libfaketime.so.1'))
    .find((lib) => fs.existsSync(lib)) ?? 'libfaketime.so.1 (apt-get install faketime)';

/**
 * The environment that sets a process's wall clock `seconds` behind, as on a laptop whose clock is
 * off: only the wall clock, so its timers keep their pace.
 */
export function clockBehind(seconds: number): Record<string, string> {
  return { LD_PRELOAD: FAKETIME, FAKETIME: `-${seconds}s`, FAKETIME_DONT_FAKE_MONOTONIC: '1' };
}
