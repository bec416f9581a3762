/**
 * `edit:cells` on the real engine handlers over the training project: a block pasted in the
 * grid (or a selection cleared or filled down) is one operation: the values written, the rows
 * touched checked again, one entry in the history, undo and redo restoring every cell; a
 * column that is not a field of the dataset (the record id, the source row) is refused whole.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createFileTestSession } from '../../helpers/engine-session.ts';

const engine = createFileTestSession({ templates: 'temp' });
const { answer: invoke, call } = engine;

/** The values of records 1..count in some fields, and their issues' fields and rules. */
async function snapshot(count: number, fields: readonly string[]) {
  const page = await call('records:page', { offset: 0, limit: count, filter: {} });
  const names = engine.session.project?.workspace.dataset.fields.map((f) => f.name) ?? [];
  return {
    values: page.rows.map((row) => fields.map((field) => row.values[names.indexOf(field)])),
    issues: page.issues
      .filter((issue) => fields.includes(issue.field))
      .map((issue) => `${issue.row} ${issue.field} ${issue.rule}`)
      .sort(),
  };
}

beforeAll(async () => {
  await call('project:training', {});
});

describe('edit:cells (paste, clear, fill down in the grid)', () => {
  it('pastes a block as one operation: checked again, one history entry, undo and redo restore every cell', async () => {
    const fields = ['XM', 'GMSFHM'];
    const before = await snapshot(2, fields);
    expect(before.issues.filter((i) => i.includes(' GMSFHM '))).toEqual([]);
    const historyBefore = await call('history:list', {});

    const pasted = await call('edit:cells', {
      how: 'paste',
      cells: [
        { rid: 1, field: 'XM', value: '欧阳娜娜' },
        { rid: 1, field: 'GMSFHM', value: '12345' },
        { rid: 2, field: 'XM', value: '司马光' },
        { rid: 2, field: 'GMSFHM', value: before.values[1]?.[1] ?? '' },
      ],
    });
    // The fourth cell already held its value: three changes.
    expect(pasted.count).toBe(3);
    const after = await snapshot(2, fields);
    expect(after.values).toEqual([
      ['欧阳娜娜', '12345'],
      ['司马光', before.values[1]?.[1]],
    ]);
    // The pasted ID is checked like any edit: record 1 now has an issue in 公民身份号码.
    expect(after.issues.some((i) => i.startsWith('1 GMSFHM '))).toBe(true);

    const history = await call('history:list', {});
    expect(history).toHaveLength(historyBefore.length + 1);
    expect(history.at(-1)).toMatchObject({ kind: 'cell-edit', state: 'done' });
    expect(history.at(-1)?.summary).toContain('粘贴');
    expect(history.at(-1)?.summary).toContain('3 个单元格');

    const undone = await call('history:undo', {});
    expect(undone.summary).toContain('粘贴');
    expect(await snapshot(2, fields)).toEqual(before);

    await call('history:redo', {});
    expect(await snapshot(2, fields)).toEqual(after);
    await call('history:undo', {});
    expect(await snapshot(2, fields)).toEqual(before);
  });

  it('clears and fills down as one operation each', async () => {
    const before = await snapshot(3, ['XM']);
    const cleared = await call('edit:cells', {
      how: 'clear',
      cells: [1, 2, 3].map((rid) => ({ rid, field: 'XM', value: '' })),
    });
    expect(cleared.count).toBe(3);
    expect((await snapshot(3, ['XM'])).values).toEqual([[''], [''], ['']]);
    // An empty 姓名 is a required field left empty: the rows are checked again.
    expect((await snapshot(3, ['XM'])).issues).toHaveLength(3);
    expect((await call('history:list', {})).at(-1)?.summary).toContain('清除');
    await call('history:undo', {});
    expect(await snapshot(3, ['XM'])).toEqual(before);

    const top = before.values[0]?.[0] ?? '';
    await call('edit:cells', {
      how: 'fill-down',
      cells: [2, 3].map((rid) => ({ rid, field: 'XM', value: top })),
    });
    expect((await snapshot(3, ['XM'])).values).toEqual([[top], [top], [top]]);
    expect((await call('history:list', {})).at(-1)?.summary).toContain('向下填充');
    await call('history:undo', {});
    expect(await snapshot(3, ['XM'])).toEqual(before);
  });

  it('refuses a column that is not a field (record id, source row) and writes nothing', async () => {
    const before = await snapshot(2, ['XM']);
    const historyBefore = await call('history:list', {});
    for (const field of ['_rid', '_source_row', 'NOT_A_FIELD']) {
      const refused = await invoke('edit:cells', {
        how: 'paste',
        cells: [
          { rid: 1, field: 'XM', value: '不应写入' },
          { rid: 2, field, value: '99' },
        ],
      });
      expect(refused.ok).toBe(false);
      if (!refused.ok) {
        expect(refused.error.code).toBe('field-not-found');
        expect(refused.error.message.zh).toContain(field);
      }
    }
    const missing = await invoke('edit:cells', {
      how: 'paste',
      cells: [
        { rid: 1, field: 'XM', value: '不应写入' },
        { rid: 9_999_999, field: 'XM', value: '不应写入' },
      ],
    });
    expect(missing.ok).toBe(false);
    expect(await snapshot(2, ['XM'])).toEqual(before);
    expect(await call('history:list', {})).toEqual(historyBefore);
  });

  it('records nothing when no cell changes', async () => {
    const before = await snapshot(1, ['XM']);
    const historyBefore = await call('history:list', {});
    const same = await call('edit:cells', {
      how: 'paste',
      cells: [{ rid: 1, field: 'XM', value: before.values[0]?.[0] ?? '' }],
    });
    expect(same.count).toBe(0);
    expect(await call('history:list', {})).toEqual(historyBefore);
  });
});
