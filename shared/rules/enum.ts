import type { Field } from '../pack/pack-schema.ts';
import { createRuleIssue, type RuleIssue } from './rule-issue.ts';

/** A compiled `enum` check: resolves a value to its allowed form, or reports it. */
export type EnumCheck = (value: string) => {
  readonly canonical?: string;
  readonly issue?: RuleIssue;
};

/**
 * `enum`: the value is one of the field's allowed values. A value listed in `valueAliases`
 * (e.g. a platform's number for 法人及非法人组织) is accepted as that value: the value map
 * converts it when the data is standardised.
 */
export function createEnumCheck(field: Field): EnumCheck | undefined {
  const allowed = field.constraints?.enum;
  if (allowed === undefined) return undefined;
  const canonical = new Map<string, string>(allowed.map((value) => [value, value]));
  for (const [value, aliases] of Object.entries(field.valueAliases ?? {})) {
    for (const alias of aliases) if (!canonical.has(alias)) canonical.set(alias, value);
  }
  const list = allowed.join('、');
  return (value) => {
    const found = canonical.get(value);
    if (found !== undefined) return { canonical: found };
    return {
      issue: createRuleIssue('enum', 'error', field, value, {
        zh: `不是允许的取值（可选：${list}）`,
        en: `is not an allowed value (one of: ${allowed.join(', ')})`,
      }),
    };
  };
}
