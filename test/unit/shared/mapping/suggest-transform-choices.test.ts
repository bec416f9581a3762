import { describe, expect, it } from 'vitest';
import {
  applyTransformChoice,
  suggestTransformChoices,
  unitExponent,
} from '../../../../shared/mapping/suggest-transform-choices.ts';

const kinds = (choices: ReturnType<typeof suggestTransformChoices>) => choices.map((c) => c.kind);

describe('suggestTransformChoices', () => {
  it('offers trim and half-width for any field, and what the field type and format call for', () => {
    expect(kinds(suggestTransformChoices({ type: 'string' }, []))).toEqual(['trim', 'half-width']);
    expect(kinds(suggestTransformChoices({ type: 'string', format: 'gb11643' }, []))).toEqual([
      'trim',
      'half-width',
      'upper',
      'resident-id-18',
    ]);
    expect(kinds(suggestTransformChoices({ type: 'string', format: 'gb32100' }, []))).toEqual([
      'trim',
      'half-width',
      'upper',
    ]);
    expect(kinds(suggestTransformChoices({ type: 'date' }, []))).toEqual([
      'trim',
      'half-width',
      'date',
    ]);
    expect(kinds(suggestTransformChoices({ type: 'number', unit: '万元' }, []))).toEqual([
      'trim',
      'half-width',
      'unit',
    ]);
    expect(kinds(suggestTransformChoices({ type: 'number' }, []))).toEqual(['trim', 'half-width']);
  });

  it('shows what the mapping has as on, and what was suggested as suggested', () => {
    const choices = suggestTransformChoices(
      { type: 'number', unit: '万元' },
      [{ kind: 'trim' }],
      [{ kind: 'unit', from: '元', to: '万元' }],
    );
    expect(choices).toEqual([
      { kind: 'trim', transform: { kind: 'trim' }, isOn: true, isSuggested: false },
      { kind: 'half-width', transform: { kind: 'half-width' }, isOn: false, isSuggested: false },
      {
        kind: 'unit',
        transform: { kind: 'unit', from: '元', to: '万元' },
        isOn: false,
        isSuggested: true,
      },
    ]);
  });

  it('keeps showing a transform the field would not be offered (a template’s choice)', () => {
    const choices = suggestTransformChoices({ type: 'string' }, [
      { kind: 'unit', from: '千元', to: '元' },
    ]);
    expect(choices.find((c) => c.kind === 'unit')).toEqual({
      kind: 'unit',
      transform: { kind: 'unit', from: '千元', to: '元' },
      isOn: true,
      isSuggested: false,
    });
  });

  it('proposes a unit conversion into the field’s unit', () => {
    const [unit] = suggestTransformChoices({ type: 'number', unit: '元' }, []).filter(
      (c) => c.kind === 'unit',
    );
    expect(unit?.transform).toEqual({ kind: 'unit', from: '万元', to: '元' });
  });
});

describe('applyTransformChoice', () => {
  it('switches a transform on in the canonical order, whatever order it was switched on in', () => {
    let transforms = applyTransformChoice([], { kind: 'date' }, true);
    transforms = applyTransformChoice(transforms, { kind: 'unit', from: '元', to: '万元' }, true);
    transforms = applyTransformChoice(transforms, { kind: 'trim' }, true);
    transforms = applyTransformChoice(transforms, { kind: 'case', to: 'upper' }, true);
    expect(transforms.map((t) => t.kind)).toEqual(['trim', 'case', 'date', 'unit']);
  });

  it('replaces the transform of the same switch (a unit’s source unit changed) and switches off', () => {
    const start = [
      { kind: 'trim' as const },
      { kind: 'unit' as const, from: '元' as const, to: '万元' as const },
    ];
    const changed = applyTransformChoice(start, { kind: 'unit', from: '千元', to: '万元' }, true);
    expect(changed).toEqual([{ kind: 'trim' }, { kind: 'unit', from: '千元', to: '万元' }]);
    expect(applyTransformChoice(changed, { kind: 'trim' }, false)).toEqual([
      { kind: 'unit', from: '千元', to: '万元' },
    ]);
  });

  it('leaves a lower-case transform, which has no switch, where it is', () => {
    const start = [{ kind: 'case' as const, to: 'lower' as const }];
    expect(applyTransformChoice(start, { kind: 'trim' }, true)).toEqual([
      { kind: 'trim' },
      { kind: 'case', to: 'lower' },
    ]);
    expect(applyTransformChoice(start, { kind: 'case', to: 'upper' }, true)).toEqual([
      { kind: 'case', to: 'lower' },
      { kind: 'case', to: 'upper' },
    ]);
  });
});

describe('unitExponent', () => {
  it('is the power of ten a conversion multiplies by', () => {
    expect(unitExponent({ from: '元', to: '万元' })).toBe(-4);
    expect(unitExponent({ from: '万元', to: '元' })).toBe(4);
    expect(unitExponent({ from: '分', to: '亿元' })).toBe(-10);
  });
});
