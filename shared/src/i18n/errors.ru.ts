/**
 * Words for refusals. `error.code.*` is what an app shows when the server names only the code;
 * the other `error.*` keys are reasons (`refusal(code, reason, params)`) and carry their own values.
 */
export const errorsRu = {
  'error.code.UNAUTHORIZED': 'Нужно войти заново по ПИН-коду.',
  'error.code.FORBIDDEN': 'Это действие недоступно для вашей роли.',
  'error.code.INVALID_PAYLOAD': 'Данные не приняты: проверьте и попробуйте ещё раз.',
  'error.code.STALE_REVISION': 'Пока вы решали, показ ушёл вперёд. Проверьте экран и повторите.',
  'error.code.GO_TOO_SOON': 'Слишком быстро: повторное нажатие не засчитано.',
  'error.code.NOT_FOUND': 'Не найдено.',
  'error.code.END_OF_SHOW': 'Это последний номер программы.',
  'error.code.START_OF_SHOW': 'Это первый номер программы.',
  'error.code.RATE_LIMITED': 'Слишком много запросов. Подождите немного.',
  'error.code.PAYLOAD_TOO_LARGE': 'Слишком большой запрос.',
  'error.code.PROTOCOL_MISMATCH': 'Обновите страницу: версия устарела.',
  'error.code.BAD_PIN': 'Неверный ПИН-код',
  'error.code.CONFLICT': 'Сейчас это сделать нельзя: данные используются.',
  'error.code.UNKNOWN_EVENT': 'Неизвестная команда.',
  'error.code.INTERNAL': 'Внутренняя ошибка сервера; ничего не изменено.',
  'error.code.INSUFFICIENT_STORAGE': 'На диске сервера нет места.',
  'error.code.TIMEOUT': 'Нет связи с сервером',
} as const;
