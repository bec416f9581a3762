import { describe, expect, it } from 'vitest';
import type { PackSummary } from '../../../../shared/ipc/contract.ts';
import { findBundledPack } from '../../../../shared/packs/index.ts';
import {
  createColumnView,
  defaultFrozenThrough,
  emptyColumnLayout,
  fitColumnWidth,
  maxFitWidth,
  minColumnWidth,
  parseColumnLayout,
  rowNumberWidth,
  setColumnHidden,
  setColumnWidth,
} from '../../../../renderer/components/grid-columns.ts';

const pack = findBundledPack('pop-base');
if (pack === undefined) throw new Error('pop-base is bundled');
/** The population fields as the grid gets them (only what the layout reads is real). */
const fields = (pack.datasets[0]?.fields ?? []).map(
  (field) =>
    ({
      name: field.name,
      title: field.title,
      type: field.type,
      ...(field.format === undefined ? {} : { format: field.format }),
    }) as PackSummary['datasets'][number]['fields'][number],
);

describe('the grid column layout', () => {
  it('freezes 公民身份号码 and 姓名 of the population pack by default', () => {
    expect(defaultFrozenThrough(fields)).toBe('XM');
    const view = createColumnView(fields, emptyColumnLayout);
    expect(view.columns.filter((c) => c.isFrozen).map((c) => c.field.name)).toEqual([
      'GMSFHM',
      'XM',
    ]);
    expect(view.frozenWidth).toBe(rowNumberWidth + 180 + 140);
  });

  it('leaves hidden columns out, keeps the record index of the others, and places them', () => {
    const layout = setColumnWidth(setColumnHidden(emptyColumnLayout, 'XB', true), 'MZ', 10);
    const view = createColumnView(fields, { ...layout, frozenThrough: null });
    const names = view.columns.map((c) => c.field.name);
    expect(names).not.toContain('XB');
    const mz = view.columns.find((c) => c.field.name === 'MZ');
    expect(mz?.index).toBe(fields.findIndex((f) => f.name === 'MZ'));
    expect(mz?.width).toBe(minColumnWidth);
    expect(view.columns.some((c) => c.isFrozen)).toBe(false);
    expect(view.columns[1]?.left).toBe(rowNumberWidth + (view.columns[0]?.width ?? 0));
    expect(view.totalWidth).toBe(rowNumberWidth + view.columns.reduce((s, c) => s + c.width, 0));
    expect(setColumnHidden(layout, 'XB', false).hidden).toEqual([]);
  });

  it('fits within the minimum and the widest fit', () => {
    expect(fitColumnWidth([])).toBe(minColumnWidth);
    expect(fitColumnWidth([20.2, 97.4])).toBe(98);
    expect(fitColumnWidth([5000])).toBe(maxFitWidth);
  });

  it('reads a stored layout, and anything else as the empty layout', () => {
    const stored = { widths: { XM: 200 }, frozenThrough: null, hidden: ['CSD'] };
    expect(parseColumnLayout(JSON.stringify(stored))).toEqual(stored);
    expect(parseColumnLayout(null)).toEqual(emptyColumnLayout);
    expect(parseColumnLayout('{not json')).toEqual(emptyColumnLayout);
    expect(parseColumnLayout('{"widths":{"XM":"wide"}}')).toEqual(emptyColumnLayout);
  });
});
