import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Apart from helpers.ts, so that test/setup.ts, which every test file loads, loads nothing else.

/** Folders in /tmp named `prefix…`, each remembered until `removeAll` (the tests', the bench's). */
export function tempFolders(prefix: string): { make: () => string; removeAll: () => void } {
  const made: string[] = [];
  return {
    make: () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
    // A folder that will not go is left with a warning, not a failure: it is only a leftover.
    removeAll: () => {
      for (const dir of made.splice(0)) {
        try {
          fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
        } catch (err) {
          console.warn(`could not remove ${dir}:`, (err as Error).message);
        }
      }
    },
  };
}

const tests = tempFolders('ceremony-test-');

/** A fresh folder for a test's server or file: removed after the test file (test/setup.ts). */
export const tempDir = tests.make;

/**
 * Removes the test file's folders. Runs after the file's own afterAll hooks (vitest runs "after"
 * hooks in reverse order, and the setup file's come first), so its servers and hubs have stopped.
 */
export const removeTempDirs = tests.removeAll;
