import { afterAll } from 'vitest';
import { removeTempDirs } from './temp-dirs.js';

// Every test file's folders go with it: a whole run used to leave some 250 in /tmp.
afterAll(removeTempDirs);
