import { startApp } from '@ceremony/shared/ui';
import { App } from './App.js';
import './host.css';

void startApp(<App />);
