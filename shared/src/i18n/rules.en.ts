import type { rulesRu } from './rules.ru.js';

/** English for the rules' refusals. */
export const rulesEn: Record<keyof typeof rulesRu, string> = {
  'error.scenarioImportWhileRunning':
    'The show is running: the scenario was not replaced. If this was a rehearsal, end it under «Prepare → Ceremony» and try again; during the evening itself the scenario can only be replaced with force=1.',
};
