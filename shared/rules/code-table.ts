import type { CodeLookup } from '../code-tables/code-table.ts';
import type { Field } from '../pack/pack-schema.ts';
import { createRuleIssue, type RuleIssue } from './rule-issue.ts';

/** A compiled `code-table` check: resolves a value to its code, or reports it. */
export type CodeTableCheck = (value: string) => {
  readonly code?: string;
  readonly issue?: RuleIssue;
};

/**
 * `code-table`: the value is a code of the field's code table, or a name or common spelling of
 * one (男 -> 1, 汉 -> 01); the value map turns names into codes when the data is standardised.
 */
export function createCodeTableCheck(
  field: Field,
  lookup: CodeLookup,
  tableTitle: string,
): CodeTableCheck {
  const aliases = new Map<string, string>();
  for (const [code, spellings] of Object.entries(field.valueAliases ?? {})) {
    for (const spelling of spellings) aliases.set(spelling, code);
  }
  return (value) => {
    const code = aliases.get(value) ?? lookup.resolve(value)?.code;
    if (code !== undefined) return { code };
    return {
      issue: createRuleIssue('code-table', 'error', field, value, {
        zh: `「${value}」不在代码表《${tableTitle}》中`,
        en: `"${value}" is not in the code table "${tableTitle}"`,
      }),
    };
  };
}
