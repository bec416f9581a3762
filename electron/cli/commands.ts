import type { Command } from './command.ts';

/** The one list of `steward` verbs. */
export const commands: Readonly<Record<string, Command>> = {};
