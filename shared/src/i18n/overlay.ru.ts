/** The stream overlay (stage-display `?view=overlay`) and the booth in the host console (#14). */
export const overlayRu = {
  'overlay.title': 'Титры для трансляции',
  'overlay.onStage': 'На сцене: {name}',
  'overlay.unpaired': 'Титры не подключены: откройте ссылку сопряжения с ?view=overlay',
} as const;
