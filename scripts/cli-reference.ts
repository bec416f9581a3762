/**
 * docs/cli.md carries each verb's `--help` text verbatim between markers, so the reference
 * cannot drift from the command line: `npm run docs:cli` rewrites the blocks from the verbs'
 * own help, and a test fails while the file differs from what this writes.
 */
import { homedir } from 'node:os';
import { commands } from '../electron/cli/commands.ts';
import { usage } from '../electron/cli/main.ts';
import { packsDirectory } from '../electron/engine/packs/pack-store.ts';

const begin = (verb: string | undefined): string =>
  `<!-- help: steward${verb === undefined ? '' : ` ${verb}`} --help -->`;
const end = '<!-- /help -->';

/**
 * A verb's help as the reference shows it: the folders it names on this machine are written as
 * their defaults, so the file is the same wherever it is generated.
 */
export function helpForDocs(help: string): string {
  return help
    .replaceAll(packsDirectory(), '~/.data-steward/packs')
    .replaceAll(homedir(), '~')
    .trimEnd();
}

function block(verb: string | undefined, text: string): string {
  return `${begin(verb)}\n\n\`\`\`text\n${helpForDocs(text)}\n\`\`\`\n\n${end}`;
}

/**
 * The reference with every help block replaced by the verb's current help; a verb without a
 * block gets a section of its own at the end (its prose is then for a person to write).
 */
export function renderCliReference(current: string): string {
  const helps = new Map<string | undefined, string>([[undefined, usage]]);
  for (const [verb, command] of Object.entries(commands)) helps.set(verb, command.help);
  let text = current;
  for (const [verb, help] of helps) {
    const start = text.indexOf(begin(verb));
    if (start === -1) {
      text = `${text.trimEnd()}\n\n## \`steward ${verb ?? ''}\`\n\n${block(verb, help)}\n`;
      continue;
    }
    const stop = text.indexOf(end, start);
    if (stop === -1) throw new Error(`docs/cli.md: ${begin(verb)} has no ${end}`);
    text = text.slice(0, start) + block(verb, help) + text.slice(stop + end.length);
  }
  return text;
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  const { readFile, writeFile } = await import('node:fs/promises');
  const path = new URL('../docs/cli.md', import.meta.url);
  const current = await readFile(path, 'utf8');
  const next = renderCliReference(current);
  if (next !== current) await writeFile(path, next);
  process.stdout.write(
    next === current ? 'docs/cli.md is up to date\n' : 'docs/cli.md rewritten\n',
  );
}
