/**
 * What 撤销/重做 and the history say of an operation is in the clerk's words (issue #12 item 15):
 * a rule's Chinese name and a field's title, never an internal id such as `full-width`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { context, createDemoWorkspace } from '../../helpers/open-demo-workspace.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
beforeAll(async () => {
  temp = await createTempDir();
});
afterAll(async () => {
  await temp.cleanup();
});

describe('operation summaries', () => {
  it('name rules and fields as the clerk sees them', async () => {
    const { workspace } = await createDemoWorkspace(temp.dir, {
      rows: 800,
      seed: 13,
      errorRate: 0.3,
      name: 'summaries',
    });
    const applied = await workspace.applySuggestions({ rule: 'full-width' }, { context });
    expect(applied.ok).toBe(true);
    const undone = await workspace.undo(context);
    if (!undone.ok) throw new Error(undone.error.message.en);
    expect(undone.value.summary).toMatch(/^对「全角字符」的问题采用建议值（\d+ 处）$/);

    await workspace.addExemption(
      { rule: 'code-table', field: 'MZ', rid: 3, reason: '待民委认定', reviewer: '李科长' },
      {},
    );
    const exemption = workspace.history().at(-1)?.summary ?? '';
    expect(exemption).toBe(
      '豁免「代码不在代码表中」（字段「民族」，第 3 条记录）：待民委认定（审核人：李科长）',
    );
    await workspace.close();
  });
});
