/**
 * What the engine does for each channel of the IPC contract: the handler groups, one per
 * channel area, combined into one map. Inputs arrive already checked against the contract by
 * the host; each handler returns a Result, never throws for bad input.
 */
import { appHandlers } from './app-handlers.ts';
import { exportHandlers } from './export-handlers.ts';
import type { EngineHandlers } from './handler.ts';
import { freshnessHandlers } from './freshness-handlers.ts';
import { importHandlers } from './import-handlers.ts';
import { keyHandlers } from './key-handlers.ts';
import { packageHandlers } from './package-handlers.ts';
import { packageChangesHandlers } from './package-changes-handlers.ts';
import { packsHandlers } from './packs-handlers.ts';
import { projectHandlers } from './project-handlers.ts';
import { projectShelfHandlers } from './project-shelf.ts';
import { recordsHandlers } from './records-handlers.ts';
import { reviewHandlers } from './review-handlers.ts';
import { trainingHandlers } from './training-handlers.ts';

export type { EngineHandlers } from './handler.ts';

/** The engine's handlers for every channel. */
export const engineHandlers: EngineHandlers = {
  ...importHandlers,
  ...appHandlers,
  ...packsHandlers,
  ...projectHandlers,
  ...projectShelfHandlers,
  ...recordsHandlers,
  ...reviewHandlers,
  ...packageHandlers,
  ...packageChangesHandlers,
  ...freshnessHandlers,
  ...exportHandlers,
  ...keyHandlers,
  ...trainingHandlers,
};
