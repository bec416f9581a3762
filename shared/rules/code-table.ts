import { normalizeCodeValue, type CodeLookup } from '../code-tables/code-table.ts';
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
 * A value the table does not list but that is a common form of one of its codes (初中 -> 71,
 * `commonForms`, the same forms the value map suggests) is still an error, and carries that code
 * as its suggestion, so one click (一键采用建议值) fixes every such cell.
 */
export function createCodeTableCheck(
  field: Field,
  lookup: CodeLookup,
  tableTitle: string,
  commonForms: Readonly<Record<string, string>> = {},
): CodeTableCheck {
  const aliases = new Map<string, string>();
  for (const [code, spellings] of Object.entries(field.valueAliases ?? {})) {
    for (const spelling of spellings) aliases.set(spelling, code);
  }
  return (value) => {
    const code = aliases.get(value) ?? lookup.resolve(value)?.code;
    if (code !== undefined) return { code };
    const commonCode = commonForms[normalizeCodeValue(value.trim())];
    const common = commonCode === undefined ? undefined : lookup.resolve(commonCode);
    if (common !== undefined) {
      return {
        issue: createRuleIssue(
          'code-table',
          'error',
          field,
          value,
          {
            zh: `「${value}」不在代码表《${tableTitle}》中，常见写法，指「${common.name}」，应填代码 ${common.code}`,
            en: `"${value}" is not in the code table "${tableTitle}": a common form of "${common.name}", code ${common.code}`,
          },
          common.code,
        ),
      };
    }
    return {
      issue: createRuleIssue('code-table', 'error', field, value, {
        zh: `「${value}」不在代码表《${tableTitle}》中`,
        en: `"${value}" is not in the code table "${tableTitle}"`,
      }),
    };
  };
}
