import type { DatasetRule, Field } from '../../../../shared/pack/pack-schema.ts';
import type { RecordRuleScope, RecordView } from '../../../../shared/rules/record-rule.ts';

/** A field with a public classification; `overrides` set what a test is about. */
export function makeField(overrides: Partial<Field> & Pick<Field, 'name' | 'title'>): Field {
  return {
    type: 'string',
    classification: { sharing: '无条件共享', opening: '开放', personal: '一般', mask: 'none' },
    ...overrides,
  };
}

/** A scope over the given fields, with today fixed. */
export function makeScope(fields: readonly Field[], today = '2026-11-26'): RecordRuleScope {
  return {
    fields,
    context: { today },
    indexOf(name) {
      const index = fields.findIndex((f) => f.name === name);
      if (index < 0) throw new Error(`no field ${name}`);
      return index;
    },
  };
}

/** A record view where each normalised value equals its text unless given. */
export function makeRecord(
  texts: readonly string[],
  normalized?: readonly (string | undefined)[],
): RecordView {
  return { texts, normalized: normalized ?? texts.map((t) => (t === '' ? undefined : t)) };
}

/** Narrows a rule literal to its type for the factory under test. */
export function rule<T extends DatasetRule['type']>(
  r: Extract<DatasetRule, { type: T }>,
): Extract<DatasetRule, { type: T }> {
  return r;
}
