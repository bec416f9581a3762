import type { Command } from './command.ts';
import { applyCommand } from './apply-command.ts';
import { demoDataCommand } from './demo-data-command.ts';
import { exportCommand } from './export-command.ts';
import { exportErrorsCommand } from './export-errors-command.ts';
import { inspectCommand } from './inspect-command.ts';
import { keyCommand } from './key-command.ts';
import { mergeCommand } from './merge-command.ts';
import { packageCommand } from './package-command.ts';
import { mapCommand } from './map-command.ts';
import { packsCommand } from './packs-command.ts';
import { templatesCommand } from './templates-command.ts';
import { validateCommand } from './validate-command.ts';
import { verifyCommand } from './verify-command.ts';

/** The one list of `steward` verbs. */
export const commands: Readonly<Record<string, Command>> = {
  packs: packsCommand,
  'demo-data': demoDataCommand,
  map: mapCommand,
  validate: validateCommand,
  templates: templatesCommand,
  package: packageCommand,
  verify: verifyCommand,
  apply: applyCommand,
  key: keyCommand,
  merge: mergeCommand,
  'export-errors': exportErrorsCommand,
  export: exportCommand,
  inspect: inspectCommand,
};
