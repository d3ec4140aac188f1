/**
 * Words the apps' first paint may say although they belong to an area whose other words load later
 * (words.organiser.ts, words.checkin.ts): spread into ru.ts, so every app has them from the start.
 */
export const firstPaintRu = {
  // A guest's category (check-in, admin), the pairing QR (every app), the overlay's own screen.
  'category.nominee': 'Номинант',
  'category.honoured': 'Лауреат',
  'category.official': 'Официальный гость',
  'category.guest': 'Гость',
  'category.press': 'Пресса',
  'category.volunteer': 'Волонтёр',
  'signin.pairFailed':
    'QR-код подключения уже использован или устарел. Попросите новый или войдите по ПИН-коду.',
  'overlay.title': 'Титры для трансляции',
  'overlay.onStage': 'На сцене: {name}',
  'overlay.unpaired': 'Титры не подключены: откройте ссылку сопряжения с ?view=overlay',
  'host.screens.overlay': 'титры трансляции',
  // The booth's alarm and the readiness chip in the host's top bar, beside the show.
  'booth.chip': 'Сбой: {name}',
  'booth.chipMany': {
    one: 'Сбой: {n} цель',
    few: 'Сбой: {n} цели',
    many: 'Сбой: {n} целей',
    other: 'Сбой: {n} цели',
  },
  'booth.chipTitle': 'Аппаратная не отвечает. {list}',
  'prepare.readiness.errors': {
    one: '{n} ошибка',
    few: '{n} ошибки',
    many: '{n} ошибок',
    other: '{n} ошибки',
  },
  'prepare.readiness.warnings': {
    one: '{n} предупреждение',
    few: '{n} предупреждения',
    many: '{n} предупреждений',
    other: '{n} предупреждения',
  },
  'prepare.readiness.chip': 'Готовность: {summary}',
  'prepare.readiness.chipReady': 'Готовность: всё готово',
  // What starting a new ceremony removes: said by shared/src/ceremonyNew.ts, which the host's first chunk carries.
  'prepare.count.nominees': {
    one: '{n} номинант',
    few: '{n} номинанта',
    many: '{n} номинантов',
    other: '{n} номинанта',
  },
  'prepare.count.guests': { one: '{n} гость', few: '{n} гостя', many: '{n} гостей', other: '{n} гостя' },
  'prepare.count.admissions': {
    one: '{n} отметка о входе',
    few: '{n} отметки о входе',
    many: '{n} отметок о входе',
    other: '{n} отметки о входе',
  },
  'prepare.count.stationVisits': {
    one: '{n} посещение площадки',
    few: '{n} посещения площадок',
    many: '{n} посещений площадок',
    other: '{n} посещения площадок',
  },
  'prepare.count.cues': {
    one: '{n} кадр программы',
    few: '{n} кадра программы',
    many: '{n} кадров программы',
    other: '{n} кадра программы',
  },
  'prepare.count.media': {
    one: '{n} видеофайл демо',
    few: '{n} видеофайла демо',
    many: '{n} видеофайлов демо',
    other: '{n} видеофайла демо',
  },
  'prepare.count.feedback': {
    one: '{n} отзыв гостей',
    few: '{n} отзыва гостей',
    many: '{n} отзывов гостей',
    other: '{n} отзыва гостей',
  },
  'prepare.count.nominations': {
    one: '{n} номинация',
    few: '{n} номинации',
    many: '{n} номинаций',
    other: '{n} номинации',
  },
  'prepare.count.stations': {
    one: '{n} площадка',
    few: '{n} площадки',
    many: '{n} площадок',
    other: '{n} площадки',
  },
} as const;
