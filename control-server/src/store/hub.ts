import { randomBytes } from 'node:crypto';
import os from 'node:os';

/** An id for one running hub: which machine, which process, and a random part for two apps in one process. */
export function newHubId(): string {
  return `${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}
