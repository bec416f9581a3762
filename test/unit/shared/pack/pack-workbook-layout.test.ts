import { describe, expect, it } from 'vitest';
import { getBuiltinCodeTable } from '../../../../shared/code-tables/builtin-code-tables.ts';
import {
  builtinCodeTableNames,
  parseListCell,
  serializeListCell,
} from '../../../../shared/pack/pack-workbook-layout.ts';
import { builtinCodeTables } from '../../../../shared/pack/pack-schema.ts';

describe('pack workbook layout', () => {
  it('names each built-in code table first by the title the table itself has', () => {
    for (const id of builtinCodeTables) {
      expect(builtinCodeTableNames[id][0]).toBe(getBuiltinCodeTable(id).title);
    }
  });

  it('splits a list cell at 、 and ; unless it has line breaks, and writes lists it reads back', () => {
    expect(parseListCell(' 身份证号、证件号码;身份证；  ')).toEqual([
      '身份证号',
      '证件号码',
      '身份证',
    ]);
    expect(parseListCell('存续（在营、开业）\n在业')).toEqual(['存续（在营、开业）', '在业']);
    for (const items of [
      ['身份证号', '证件号码'],
      ['存续（在营、开业）', '在业'],
      ['A;B', 'C'],
    ]) {
      expect(parseListCell(serializeListCell(items))).toEqual(items);
    }
  });
});
