import type { LocalizedText } from '../i18n/localized-text.ts';
import type { Dataset } from '../pack/pack-schema.ts';
import { cellRules, recordRuleTypes } from '../rules/index.ts';

/**
 * The name a clerk sees for a rule id: a cell rule's title, or a declared rule's description.
 * Packs write a description's English as a clause ("the birth date equals …"); as a title it
 * starts with a capital letter, whatever pack (bundled or imported) it comes from.
 */
export function describeRule(dataset: Dataset, rule: string): LocalizedText {
  const cell = cellRules[rule];
  if (cell !== undefined) return cell;
  const declared = dataset.rules?.find((r) => r.id === rule);
  if (declared === undefined) return { zh: rule, en: rule };
  const text = declared.description ?? recordRuleTypes[declared.type];
  return { zh: text.zh, en: text.en.charAt(0).toUpperCase() + text.en.slice(1) };
}
