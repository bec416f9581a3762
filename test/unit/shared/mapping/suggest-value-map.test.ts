import { describe, expect, it } from 'vitest';
import { suggestValueMap, type ValueCount } from '../../../../shared/mapping/suggest-value-map.ts';
import type { Field, Pack } from '../../../../shared/pack/pack-schema.ts';
import { findBundledPack } from '../../../../shared/packs/index.ts';

function packAndField(packId: string, name: string): { pack: Pack; field: Field } {
  const pack = findBundledPack(packId);
  const field = pack?.datasets[0]?.fields.find((f) => f.name === name);
  if (pack === undefined || field === undefined) throw new Error(`${packId} ${name}`);
  return { pack, field };
}

function counts(...values: string[]): ValueCount[] {
  return values.map((value, i) => ({ value, count: values.length - i }));
}

function mapOf(packId: string, name: string, values: ValueCount[]) {
  const { pack, field } = packAndField(packId, name);
  return suggestValueMap(pack, field, values);
}

describe('suggestValueMap', () => {
  it('maps 男/男性/M/1 to 1 and 女/女性/F/2 to 2', () => {
    const suggested = mapOf(
      'pop-base',
      'XB',
      counts('男', '男性', 'M', '1', '女', '女性', 'F', '2'),
    );
    expect(suggested?.map).toEqual({
      男: '1',
      男性: '1',
      M: '1',
      '1': '1',
      女: '2',
      女性: '2',
      F: '2',
      '2': '2',
    });
    expect(suggested?.values.find((v) => v.value === 'M')).toMatchObject({
      match: 'common',
      confidence: 0.85,
    });
    expect(suggested?.values.find((v) => v.value === '男')).toMatchObject({
      match: 'standard',
      confidence: 1,
    });
  });

  it('maps 汉/汉族 to 01 and 已婚/有配偶 to 20; leaves 穿青人 and 同居 for the clerk', () => {
    expect(mapOf('pop-base', 'MZ', counts('汉', '汉族', '穿青人'))?.map).toEqual({
      汉: '01',
      汉族: '01',
      穿青人: null,
    });
    expect(mapOf('pop-base', 'HYZK', counts('已婚', '有配偶', '离异', '同居'))?.map).toEqual({
      已婚: '20',
      有配偶: '20',
      离异: '40',
      同居: null,
    });
  });

  it('resolves a value with a slip, and says the rules will still report it', () => {
    const suggested = mapOf('pop-base', 'XB', counts(' 男', '女　'));
    expect(suggested?.map).toEqual({ ' 男': '1', '女　': '2' });
    expect(suggested?.values[0]).toMatchObject({ match: 'slip', confidence: 0.9 });
    expect(suggested?.values[0]?.reason.zh).toContain('仍会提示');
  });

  it('knows the common short forms of education and family relations', () => {
    expect(mapOf('pop-base', 'WHCD', counts('大专', '本科', '初中', '文盲'))?.map).toEqual({
      大专: '31',
      本科: '21',
      初中: '71',
      文盲: null,
    });
    expect(mapOf('pop-base', 'YHZGX', counts('户主', '妻子', '儿子', '长女'))?.map).toEqual({
      户主: '02',
      妻子: '12',
      儿子: '20',
      长女: '32',
    });
  });

  it('guesses the one code whose name a value contains, and asks to confirm', () => {
    const suggested = mapOf('pop-base', 'MZ', counts('汉族人'));
    expect(suggested?.values[0]).toMatchObject({ code: '01', match: 'guess', confidence: 0.6 });
    expect(suggested?.values[0]?.reason.zh).toContain('请确认');
  });

  it('maps the allowed values of an enum field through the pack’s value aliases', () => {
    expect(
      mapOf('sgs-xzxk', 'XK_XDR_LB', counts('法人', '自然人', '个体户', '事业单位'))?.map,
    ).toEqual({ 法人: '法人及非法人组织', 自然人: '自然人', 个体户: '个体工商户', 事业单位: null });
    expect(mapOf('sgs-xzxk', 'XK_ZT', counts('有效', '2'))?.map).toEqual({ 有效: '1', '2': '2' });
  });

  it('lists the values most frequent first, with their counts, and skips blanks', () => {
    const suggested = mapOf('pop-base', 'XB', [
      { value: '女', count: 3 },
      { value: '', count: 9 },
      { value: '男', count: 5 },
    ]);
    expect(suggested?.values.map((v) => [v.value, v.count])).toEqual([
      ['男', 5],
      ['女', 3],
    ]);
  });

  it('gives nothing for a field without a code table or allowed values', () => {
    expect(mapOf('pop-base', 'XM', counts('张三'))).toBeUndefined();
  });
});
