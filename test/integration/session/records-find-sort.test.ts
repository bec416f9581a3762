/**
 * 查找, sort and column filters (筛选) on the real engine handlers, over the training project:
 * the order and the selection the grid pages through, the value list with its counts, the
 * combination with the issue filter, and find's next and previous wrapping round.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelOutput } from '../../../shared/ipc/contract.ts';
import { createFileTestSession } from '../../helpers/engine-session.ts';

type Filter = ChannelInput<'records:page'>['filter'];
type Row = ChannelOutput<'records:page'>['rows'][number];

const engine = createFileTestSession();
const { answer, call } = engine;
let fieldNames: string[];

/** Every row a view shows, in its order. */
async function rowsOf(filter: Filter): Promise<Row[]> {
  const rows: Row[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await call('records:page', { offset, limit: 1000, filter });
    rows.push(...page.rows);
    if (offset + 1000 >= page.total) return rows;
  }
}

const valueOf = (row: Row, field: string): string => row.values[fieldNames.indexOf(field)] ?? '';

/** The expected order: by value (blanks last), ties in record order, like Excel. */
function sortedRids(rows: readonly Row[], field: string, direction: 'asc' | 'desc'): number[] {
  return [...rows]
    .sort((a, b) => {
      const x = valueOf(a, field);
      const y = valueOf(b, field);
      if ((x === '') !== (y === '')) return x === '' ? 1 : -1;
      const by = x < y ? -1 : x > y ? 1 : 0;
      return (direction === 'asc' ? by : -by) || a.rid - b.rid;
    })
    .map((r) => r.rid);
}

beforeAll(async () => {
  await call('project:training', {});
  fieldNames = engine.session.project?.workspace.dataset.fields.map((f) => f.name) ?? [];
});

describe('sort, filter and find on the engine handlers', () => {
  it('sorts by a text column and by a date column, both ways, blanks last', async () => {
    const all = await rowsOf({});
    expect(all).toHaveLength(2000);
    for (const field of ['XM', 'CSRQ']) {
      for (const direction of ['asc', 'desc'] as const) {
        const sorted = await rowsOf({ sort: { field, direction } });
        expect(sorted.map((r) => r.rid)).toEqual(sortedRids(all, field, direction));
      }
    }
    // The dates really are out of record order, so the test can tell.
    expect(sortedRids(all, 'CSRQ', 'asc')).not.toEqual(all.map((r) => r.rid));
    const page = await call('records:page', {
      offset: 10,
      limit: 5,
      filter: { sort: { field: 'CSRQ', direction: 'desc' } },
    });
    expect(page.rows.map((r) => r.rid)).toEqual(sortedRids(all, 'CSRQ', 'desc').slice(10, 15));
    expect(page).toMatchObject({ total: 2000, all: 2000 });
  });

  it('lists a column’s values with counts and filters by some of them, and by text', async () => {
    const all = await rowsOf({});
    const list = await call('records:column-values', { filter: {}, field: 'MZ' });
    const counts = new Map<string, number>();
    for (const row of all)
      counts.set(valueOf(row, 'MZ'), (counts.get(valueOf(row, 'MZ')) ?? 0) + 1);
    expect(list.distinct).toBe(counts.size);
    expect(new Map(list.values.map((v) => [v.value, v.count]))).toEqual(counts);
    expect(list.values[0]?.count).toBe(Math.max(...counts.values()));

    const kept = list.values.slice(0, 2).map((v) => v.value);
    const filtered = await rowsOf({ columns: [{ field: 'MZ', values: kept }] });
    expect(filtered.map((r) => r.rid)).toEqual(
      all.filter((r) => kept.includes(valueOf(r, 'MZ'))).map((r) => r.rid),
    );
    const page = await call('records:page', {
      offset: 0,
      limit: 1,
      filter: { columns: [{ field: 'MZ', values: kept }] },
    });
    expect(page.total).toBe(filtered.length);
    expect(page.all).toBe(2000);

    const byText = await rowsOf({ columns: [{ field: 'HJDZ', text: '牡丹区' }] });
    expect(byText.length).toBeGreaterThan(0);
    expect(byText.map((r) => r.rid)).toEqual(
      all.filter((r) => valueOf(r, 'HJDZ').includes('牡丹区')).map((r) => r.rid),
    );
  });

  it('combines a column filter and a sort with the issue filter (只看有问题的行)', async () => {
    const all = await rowsOf({});
    const withIssues = await rowsOf({ withIssues: true });
    expect(withIssues.length).toBeGreaterThan(10);
    expect(withIssues.length).toBeLessThan(all.length);
    const sex = valueOf(withIssues[0] as Row, 'XB');
    const filter: Filter = {
      withIssues: true,
      columns: [{ field: 'XB', values: [sex] }],
      sort: { field: 'XM', direction: 'asc' },
    };
    const shown = await rowsOf(filter);
    const expected = withIssues.filter((r) => valueOf(r, 'XB') === sex);
    expect(shown.map((r) => r.rid)).toEqual(sortedRids(expected, 'XM', 'asc'));
    // The value list counts only the rows the other filters keep.
    const list = await call('records:column-values', { filter, field: 'XB' });
    expect(list.values.reduce((n, v) => n + v.count, 0)).toBe(withIssues.length);
  });

  it('finds cells in the view’s order, next and previous, wrapping round, with the count', async () => {
    const filter: Filter = { sort: { field: 'XM', direction: 'desc' } };
    const rows = await rowsOf(filter);
    const text = valueOf(rows[5] as Row, 'XM').slice(0, 1);
    const cells = rows.flatMap((row, index) =>
      fieldNames.flatMap((field, column) =>
        valueOf(row, field).toLowerCase().includes(text.toLowerCase())
          ? [{ row: index, column }]
          : [],
      ),
    );
    expect(cells.length).toBeGreaterThan(2);
    const first = await call('records:find', { filter, text, direction: 'next' });
    expect(first.count).toBe(cells.length);
    expect(first.match).toMatchObject({ ...cells[0], ordinal: 1, isWrapped: false });
    expect(first.match?.rid).toBe(rows[cells[0]?.row ?? -1]?.rid);

    const second = await call('records:find', {
      filter,
      text,
      direction: 'next',
      from: { row: first.match?.row ?? 0, column: first.match?.column ?? 0 },
    });
    expect(second.match).toMatchObject({ ...cells[1], ordinal: 2 });

    const last = cells.at(-1) as { row: number; column: number };
    const wrapped = await call('records:find', { filter, text, direction: 'next', from: last });
    expect(wrapped.match).toMatchObject({ ...cells[0], ordinal: 1, isWrapped: true });
    const back = await call('records:find', {
      filter,
      text,
      direction: 'previous',
      from: cells[0],
    });
    expect(back.match).toMatchObject({ ...last, ordinal: cells.length, isWrapped: true });

    // In one column only; an ID typed in lower case finds its X.
    const id = rows.map((r) => valueOf(r, 'GMSFHM')).find((v) => v.endsWith('X'));
    expect(id).toBeDefined();
    const byId = await call('records:find', {
      filter,
      text: (id as string).toLowerCase(),
      field: 'GMSFHM',
      direction: 'next',
    });
    const holders = rows.filter((r) => valueOf(r, 'GMSFHM') === id);
    expect(byId.count).toBe(holders.length);
    expect(byId.match?.rid).toBe(holders[0]?.rid);
    const none = await call('records:find', {
      filter,
      text: '不存在的值甲乙丙',
      direction: 'next',
    });
    expect(none).toEqual({ count: 0 });
  });

  it('keeps an edited row where it is in a sorted view until the sort is applied again', async () => {
    const filter: Filter = { sort: { field: 'XM', direction: 'asc' } };
    const before = await rowsOf(filter);
    const row = before[3] as Row;
    await call('edit:cell', { rid: row.rid, field: 'XM', value: '龘龘' });
    const after = await rowsOf(filter);
    expect(after.map((r) => r.rid)).toEqual(before.map((r) => r.rid));
    expect(valueOf(after[3] as Row, 'XM')).toBe('龘龘');
    // Another view, then the sort again: the row goes where its new value belongs.
    await rowsOf({});
    const again = await rowsOf(filter);
    expect(again.map((r) => r.rid)).toEqual(sortedRids(after, 'XM', 'asc'));
    expect(again.findIndex((r) => r.rid === row.rid)).not.toBe(3);
    await call('history:undo', {});
  });

  it('refuses a view naming a field the dataset does not have, in words a clerk can act on', async () => {
    const result = await answer('records:page', {
      offset: 0,
      limit: 10,
      filter: { sort: { field: 'NOPE', direction: 'asc' } },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('unknown-field');
      expect(result.error.message.zh).toContain('NOPE');
    }
  });
});
