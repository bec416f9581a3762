/**
 * A child process for the kill test: opens a project and edits one cell after another,
 * printing `saved N` each time an edit's save has finished. The test kills it at random.
 */
import { Workspace } from '../../electron/engine/workspace/workspace.ts';

const [path] = process.argv.slice(2);
if (path === undefined) throw new Error('usage: workspace-writer <project.dsw>');
const opened = await Workspace.open(path);
if (!opened.ok) {
  process.stdout.write(`error ${opened.error.code}\n`);
  process.exit(2);
}
const workspace = opened.value;
const context = { today: '2026-11-26' };
for (let n = 1; ; n += 1) {
  const rid = 1 + (n % Math.max(1, workspace.countRecords()));
  const edited = await workspace.editCell(rid, 'XM', `编辑${process.pid}-${n}`, {
    who: 'kill-test',
    context,
  });
  if (!edited.ok) throw new Error(edited.error.message.en);
  process.stdout.write(`saved ${edited.value}\n`);
}
