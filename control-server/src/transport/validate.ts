import { refusal, type Failure } from '@ceremony/shared';
import type { z } from 'zod';

/**
 * INVALID_PAYLOAD naming the first bad field by its path and what is wrong with it (zod's words,
 * which are technical English either way); `n` counts the other bad fields, so an app can say
 * there are more without the server writing the sentence.
 */
export function invalidPayload(error: z.ZodError): Failure {
  const [first] = error.issues;
  const field = first && first.path.length ? first.path.join('.') : '(payload)';
  const problem = first?.message ?? '';
  const others = Math.max(0, error.issues.length - 1);
  return others === 0
    ? refusal('INVALID_PAYLOAD', 'error.invalidField', { field, problem })
    : refusal('INVALID_PAYLOAD', 'error.invalidFields', { field, problem, n: others });
}
