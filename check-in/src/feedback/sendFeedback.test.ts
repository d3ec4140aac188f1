import { describe, expect, it } from 'vitest';
import { outcomeOf, type FeedbackOutcome } from './sendFeedback.js';

describe('what the guest is told for the server’s answer to feedback', () => {
  const cases: [number, FeedbackOutcome, string][] = [
    [200, 'sent', 'saved'],
    [429, 'limited', 'too many from this phone'],
    [400, 'failed', 'a broken answer the page cannot mend'],
    // The server is there but cannot save now (its database away, or waiting for the backup
    // laptop): «try again in a few minutes», not «something went wrong».
    [500, 'later', 'not saved now'],
    [503, 'later', 'not saved now'],
  ];
  it.each(cases)('%i → %s (%s)', (status, outcome) => {
    expect(outcomeOf(status)).toBe(outcome);
  });
});
