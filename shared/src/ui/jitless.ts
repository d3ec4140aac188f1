import { config } from 'zod/v4/core';

// The apps run under `script-src 'self'` (no eval): zod's compiled fast path probes `new Function`,
// which the browser reports as a CSP violation even though zod catches it. Parsing stays correct.
// `config` from zod's core alone: a screen that never parses must not carry zod's schemas. This
// file and ui/index.ts are in shared/package.json's `sideEffects`, or the bundler would drop them.
config({ jitless: true });
