import type { LocalizedText } from '../i18n/localized-text.ts';
import type { Dataset } from '../pack/pack-schema.ts';
import { cellRules, recordRuleTypes } from '../rules/index.ts';

/** The name a clerk sees for a rule id: a cell rule's title, or a declared rule's description. */
export function describeRule(dataset: Dataset, rule: string): LocalizedText {
  const cell = cellRules[rule];
  if (cell !== undefined) return cell;
  const declared = dataset.rules?.find((r) => r.id === rule);
  if (declared !== undefined) return declared.description ?? recordRuleTypes[declared.type];
  return { zh: rule, en: rule };
}
