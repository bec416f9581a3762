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
  issue: { readonly rule: string; readonly field: string },
  rid: number,
) => Exemption | undefined;

function specificity(exemption: Exemption): number {
  return (exemption.rid === undefined ? 0 : 2) + (exemption.field === undefined ? 0 : 1);
}

/**
 * Compiles the exemptions: an exemption covers the errors of its rule, narrowed to its field and
 * record when it names them. The most specific one that covers an error is the one recorded
 * (a record's own exemption before a field's, before a whole rule's; the oldest among equals).
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
    for (const exemption of list) {
      if (exemption.field !== undefined && exemption.field !== issue.field) continue;
      if (exemption.rid !== undefined && exemption.rid !== rid) continue;
      return exemption;
    }
    return undefined;
  };
}
