import type { Field } from '../pack/pack-schema.ts';
import type { RuleContext, RuleIssue } from './rule-issue.ts';

/**
 * One record as cross-field rules see it, by field position in the dataset: the cell text
 * (trimmed, after certain fixes; '' when blank or not mapped) and the normalised value when the
 * cell passed its own checks (ISO date, code, upper-case ID), else undefined.
 */
export interface RecordView {
  readonly texts: readonly string[];
  readonly normalized: readonly (string | undefined)[];
}

/** A compiled cross-field rule: the issues it finds in one record. */
export type RecordCheck = (record: RecordView) => RuleIssue[];

/** What a cross-field rule factory needs to resolve field names once, at compile time. */
export interface RecordRuleScope {
  readonly fields: readonly Field[];
  readonly context: RuleContext;
  /** Position of a field in the dataset; the pack loader guarantees the name exists. */
  indexOf(name: string): number;
}
