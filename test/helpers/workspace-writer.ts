/**
 * A child process for the kill tests: opens a project and edits one cell after another,
 * printing `saved N` each time an edit's save has finished. The test kills it at random.
 *
 * Given a seed as well, it also checkpoints after every few edits (how many is drawn from the
 * seed), printing `edit <operation> <record> <value>` before `saved N` for each edit, and
 * `checkpoint` before and `checkpointed` after each checkpoint.
 */
import { createRandom } from '../../shared/demo/random.ts';
import { Workspace } from '../../electron/engine/workspace/workspace.ts';

const [path, seedText] = process.argv.slice(2);
if (path === undefined) throw new Error('usage: workspace-writer <project.dsw> [seed]');
const opened = await Workspace.open(path);
if (!opened.ok) {
  process.stdout.write(`error ${opened.error.code}\n`);
  process.exit(2);
}
const workspace = opened.value;
const context = { today: '2026-11-26' };
const random = seedText === undefined ? undefined : createRandom(Number(seedText));
let untilCheckpoint = random?.int(1, 8);
for (let n = 1; ; n += 1) {
  const rid = 1 + (n % Math.max(1, workspace.countRecords()));
  const value = random === undefined ? `编辑${process.pid}-${n}` : `kill-${seedText}-${n}`;
  const edited = await workspace.editCell(rid, 'XM', value, { who: 'kill-test', context });
  if (!edited.ok) throw new Error(edited.error.message.en);
  // Written to a pipe, which is synchronous on Linux: the test has the line before we go on.
  if (random !== undefined) process.stdout.write(`edit ${edited.value} ${rid} ${value}\n`);
  process.stdout.write(`saved ${edited.value}\n`);
  if (random !== undefined && untilCheckpoint !== undefined && --untilCheckpoint === 0) {
    process.stdout.write('checkpoint\n');
    await workspace.checkpoint();
    process.stdout.write('checkpointed\n');
    untilCheckpoint = random.int(1, 8);
  }
}
