/** Words of the booth (QLab, a lighting desk, Companion): refusals, target warnings, readiness. */
export const boothRu = {
  'error.booth.targetMissing':
    'Сценарий не сохранён: кадр «{cue}» обращается к цели «{target}», а такой цели в аппаратной нет.',
  'error.booth.targetUnknown': 'Цели «{target}» нет в аппаратной: сначала добавьте её.',
  'error.booth.tryFailed': 'Цель «{target}» не ответила: {why}',
  'booth.reason.timeout': 'не отвечает (2 с)',
  'booth.reason.refused': 'соединение отклонено',
  'booth.reason.dns': 'адрес не найден',
  'booth.reason.status': 'ответила ошибкой',
  'booth.reason.other': 'не удалось отправить',
  'booth.warning': 'Аппаратная: «{name}» — {why}. Показ идёт дальше.',
  'readiness.BOOTH_TARGET_MISSING':
    'Кадр «{cue}» обращается к цели «{target}», которой больше нет в аппаратной.',
};
