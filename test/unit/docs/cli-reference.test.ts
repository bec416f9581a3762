/**
 * The command-line reference is the verbs' own `--help`: docs/cli.md must be what
 * `npm run docs:cli` writes from the current verbs (run it after changing a verb's help).
 */
import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { commands } from '../../../electron/cli/commands.ts';
import { helpForDocs, renderCliReference } from '../../../scripts/cli-reference.ts';

it('docs/cli.md carries every verb’s current --help verbatim', async () => {
  const current = await readFile(new URL('../../../docs/cli.md', import.meta.url), 'utf8');
  expect(current, 'docs/cli.md is stale: run npm run docs:cli').toBe(renderCliReference(current));
  for (const [verb, command] of Object.entries(commands)) {
    expect(current).toContain(`<!-- help: steward ${verb} --help -->`);
    expect(current).toContain(helpForDocs(command.help));
  }
});
