import type { DatasetRule } from '../pack/pack-schema.ts';
import type { RecordCheck, RecordRuleScope } from './record-rule.ts';
import { createRuleIssue } from './rule-issue.ts';

type Rule = Extract<DatasetRule, { type: 'update-age' }>;

const dayMs = 86_400_000;

/** Days from one ISO date (`YYYY-MM-DD`) to another; calendar days, so no clock or zone enters. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
}

/**
 * `update-age` (更新时限): a record's update time is at most `maxAgeDays` days before today; an
 * older record is flagged (a warning unless the pack says otherwise) so the department checks
 * whether it is still true. A blank or unreadable date is the date rules' to report.
 */
export function createUpdateAgeCheck(rule: Rule, scope: RecordRuleScope): RecordCheck {
  const index = scope.indexOf(rule.field);
  const field = scope.fields[index];
  if (field === undefined) throw new Error(`rule ${rule.id}: no field ${rule.field}`);
  const today = scope.context.today;
  return (record) => {
    const date = record.normalized[index];
    if (date === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return [];
    const age = daysBetween(date, today);
    if (age <= rule.maxAgeDays) return [];
    return [
      createRuleIssue(rule.id, rule.severity ?? 'warning', field, record.texts[index] ?? '', {
        zh: `${date} 距今 ${age} 天未更新，超过 ${rule.maxAgeDays} 天的更新时限；请核实并更新这条记录`,
        en: `${date} was last updated ${age} days ago, beyond the ${rule.maxAgeDays}-day limit; check and update this record`,
      }),
    ];
  };
}
