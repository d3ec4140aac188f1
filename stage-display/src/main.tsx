// Bundled with the app (every subset, Cyrillic included): the projector PC may be offline.
import '@fontsource/pt-sans/400.css';
import '@fontsource/pt-sans/700.css';
import { startApp } from '@ceremony/shared/ui';
import { App } from './App.js';
import './stage.css';
import './slides.css';
import './confidence/confidence.css';
import './overlay/overlay.css';

void startApp(<App />);
