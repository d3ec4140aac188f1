import { z } from 'zod';

// The apps run under `script-src 'self'` (no eval): zod's compiled fast path probes `new Function`,
// which the browser reports as a CSP violation even though zod catches it. Parsing stays correct.
z.config({ jitless: true });
