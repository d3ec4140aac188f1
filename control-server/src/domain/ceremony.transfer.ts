import { ScenarioSchema, scenarioProblems, type Scenario } from '@ceremony/shared';
import type { z } from 'zod';

/** Ceremony import and export: the whole scenario as one JSON file, checked before it replaces anything. */

/** A zod path as a JSON path: $.cues[3].title. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, p) => (typeof p === 'number' ? `${out}[${p}]` : `${out}.${String(p)}`),
    '$',
  );
}

/** Problems in scenarioProblems' own notation (cues[3].nomineeId: …) as JSON paths. */
const asJsonPath = (problem: string) => (problem.startsWith('$') ? problem : `$.${problem}`);

/** Reads an uploaded ceremony: the scenario, or every problem with the JSON path it is at. */
export function parseCeremony(
  input: unknown,
): { ok: true; scenario: Scenario } | { ok: false; problems: string[] } {
  const parsed = ScenarioSchema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      problems: (parsed.error as z.ZodError).issues
        .slice(0, 50)
        .map((i) => `${jsonPath(i.path)}: ${i.message}`),
    };
  const problems = scenarioProblems(parsed.data).map(asJsonPath);
  return problems.length ? { ok: false, problems } : { ok: true, scenario: parsed.data };
}

/** The file an export writes: the scenario, pretty-printed, so a person can read and edit it. */
export const ceremonyJson = (scenario: Scenario): string => `${JSON.stringify(scenario, null, 2)}\n`;
