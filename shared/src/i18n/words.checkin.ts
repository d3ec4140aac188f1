import { checkinRu } from './checkin.ru.js';
import { addWords } from './index.js';

/** The volunteers' phone and the guests' feedback page: only the check-in app says these. */
export const checkinWordsRu = checkinRu;

addWords('ru', checkinWordsRu);
