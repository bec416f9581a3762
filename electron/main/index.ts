/** The Electron entry point. */
import { startApp } from './main.ts';

void startApp();
