import { startApp } from '@ceremony/shared/ui';
import { App } from './App.js';
import { installOfflineApp } from './offline/install.js';
import './checkin.css';

void startApp(<App />);

// The service worker keeps the app shell on the phone, so a reload with the Wi-Fi down still opens it.
void installOfflineApp(
  navigator,
  `${import.meta.env.BASE_URL}sw.js`,
  import.meta.env.BASE_URL,
  import.meta.env.PROD,
);
