import type { z } from 'zod';

/** One readable sentence from zod's issues, naming each field by its path. */
export function describeIssues(error: z.ZodError): string {
  const parts = error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(payload)'}: ${i.message}`);
  const more = error.issues.length > 5 ? ` (+${error.issues.length - 5})` : '';
  return `Неверные данные — ${parts.join('; ')}${more}`;
}
