/** Refusals of the rules that have one home (the show service, the shared guards). */
export const rulesRu = {
  'error.scenarioImportWhileRunning':
    'Шоу идёт: сценарий не заменён. Если это была репетиция, завершите её в «Подготовка → Церемония» и повторите; заменить сценарий во время самого вечера можно только с force=1.',
} as const;
