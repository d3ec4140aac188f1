import type { overlayRu } from './overlay.ru.js';

/** English words for the stream overlay and the booth, key for key with overlay.ru.ts. */
export const overlayEn: { [K in keyof typeof overlayRu]: string } = {
  'overlay.title': 'Stream graphics',
  'overlay.onStage': 'On stage: {name}',
  'overlay.unpaired': 'Graphics not connected: open the pairing link with ?view=overlay',
};
