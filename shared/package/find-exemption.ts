import { detectMangledNumber } from '../import/detect-mangled-number.ts';

/** An exemption in force: a reviewer let a rule's errors through, for a field and/or a record. */
export interface Exemption {
  readonly operationId: number;
  readonly rule: string;
  readonly field?: string;
  readonly rid?: number;
  readonly reason: string;
  readonly reviewer: string;
}

/** Finds the exemption that covers an error of a record, or undefined. */
export type ExemptionFinder = (
  issue: { readonly rule: string; readonly field: string; readonly value: string },
  rid: number,
) => Exemption | undefined;

/**
 * True when a value is one a spreadsheet or a bad encoding already destroyed (`3.71702E+17`, an
 * 18-digit ID ending in 000 after its 15th digit, a `\uFFFD`): no one can recover it from the file,
 * so only an exemption that names its record lets it into a package.
 */
export function isUnrecoverableValue(value: string): boolean {
  return detectMangledNumber(value.trim()) !== undefined || value.includes('\uFFFD');
}

function specificity(exemption: Exemption): number {
  return (exemption.rid === undefined ? 0 : 2) + (exemption.field === undefined ? 0 : 1);
}

/**
 * Compiles the exemptions: an exemption covers the errors of its rule, narrowed to its field and
 * record when it names them. The most specific one that covers an error is the one recorded
 * (a record's own exemption before a field's, before a whole rule's; the oldest among equals).
 * An unrecoverable value is covered only by an exemption of its record (the reviewer named it).
 */
export function createExemptionFinder(exemptions: readonly Exemption[]): ExemptionFinder {
  const byRule = new Map<string, Exemption[]>();
  for (const exemption of exemptions) {
    const list = byRule.get(exemption.rule) ?? [];
    list.push(exemption);
    byRule.set(exemption.rule, list);
  }
  for (const list of byRule.values()) {
    list.sort((a, b) => specificity(b) - specificity(a) || a.operationId - b.operationId);
  }
  return (issue, rid) => {
    const list = byRule.get(issue.rule);
    if (list === undefined) return undefined;
    const isUnrecoverable = isUnrecoverableValue(issue.value);
    for (const exemption of list) {
      if (isUnrecoverable && exemption.rid === undefined) continue;
      if (exemption.field !== undefined && exemption.field !== issue.field) continue;
      if (exemption.rid !== undefined && exemption.rid !== rid) continue;
      return exemption;
    }
    return undefined;
  };
}
