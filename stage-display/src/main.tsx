// Bundled with the app (every subset, Cyrillic included): the projector PC may be offline.
import '@fontsource/pt-sans/400.css';
import '@fontsource/pt-sans/700.css';
import { startApp, warmUp } from '@ceremony/shared/ui';
import { App } from './App.js';
import './stage.css';
import './slides.css';
import './confidence/confidence.css';
import './overlay/overlay.css';

void startApp(<App />);

// The captions parser is split off the first paint (most evenings have none); it is loaded a moment
// later all the same, while the hub that served the page is there to give it (a projector that moved
// to another hub could not fetch it from the lost one).
warmUp([() => import('media-captions')]);
