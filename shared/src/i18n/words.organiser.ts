import { adminRu } from './admin.ru.js';
import { addWords } from './index.js';
import { overlayRu } from './overlay.ru.js';
import { prepCeremonyRu } from './prep-ceremony.ru.js';
import { prepMediaRu } from './prep-media.ru.js';
import { prepNomineesRu } from './prep-nominees.ru.js';
import { prepPackageRu } from './prep-package.ru.js';
import { prepShowRu } from './prep-show.ru.js';

/**
 * The organiser's words (setup, preparing a ceremony, admin, badges, the report, the booth, the
 * stream overlay's settings): only the host console's lazily loaded screens say them, so they load
 * with those screens, not on the tablet's first paint.
 */
export const organiserWordsRu = {
  ...adminRu,
  ...prepMediaRu,
  ...prepNomineesRu,
  ...prepCeremonyRu,
  ...prepShowRu,
  ...prepPackageRu,
  ...overlayRu,
} as const;

addWords('ru', organiserWordsRu);
