import { en } from './en.js';
import { addWords } from './index.js';
import './words.checkin.js';
import './words.organiser.js';

/**
 * Every word in both languages, at once: the control-server translates refusals, badges and the
 * report synchronously in whichever language is asked, so it registers everything when it starts.
 */
addWords('en', en, true);
