/**
 * What a package does with each field of the dataset, by the field's classification and the
 * package kind: keep it, mask it, or drop it. 共享 (to the province) keeps every field the pack
 * allows to be shared and drops 不予共享 ones; 开放 (public) keeps plainly 开放 fields, masks the
 * others with the pack's mask, and drops those whose mask is `drop` or `none` (a field that is
 * not plainly 开放 and names no mask never leaves unmasked).
 */
import type { LocalizedText } from '../i18n/localized-text.ts';
import type { Dataset, DatasetRule, Field } from '../pack/pack-schema.ts';
import { assertNever } from '../result.ts';
import type { ValueMask } from './mask-value.ts';
import type { PackageKind } from './package-kind.ts';

/** What happens to one field in a package. */
export type FieldAction =
  | { readonly action: 'keep' }
  | { readonly action: 'mask'; readonly mask: ValueMask }
  | { readonly action: 'drop' };

/** One field's fate, with its position in the dataset and the reason for it. */
export type FieldPlan = FieldAction & {
  readonly field: Field;
  readonly index: number;
  readonly reason: LocalizedText;
};

function planField(field: Field, kind: PackageKind): FieldAction & { reason: LocalizedText } {
  const { sharing, opening, mask } = field.classification;
  if (kind === 'share') {
    if (sharing === '不予共享') {
      return {
        action: 'drop',
        reason: { zh: '不予共享：不报送', en: 'not for sharing: left out' },
      };
    }
    return { action: 'keep', reason: { zh: sharing, en: 'shared' } };
  }
  if (opening === '开放') return { action: 'keep', reason: { zh: '开放', en: 'open' } };
  if (mask === 'drop' || mask === 'none') {
    return {
      action: 'drop',
      reason: {
        zh: `${opening}：不公开，已删除该字段`,
        en: `${opening === '不予开放' ? 'not open' : 'conditionally open'}: field removed`,
      },
    };
  }
  return {
    action: 'mask',
    mask,
    reason: {
      zh: `${opening}：已脱敏（${maskTitles[mask].zh}）`,
      en: `${opening === '不予开放' ? 'not open' : 'conditionally open'}: masked (${maskTitles[mask].en})`,
    },
  };
}

/** How each mask is described in the manifest and the reports. */
export const maskTitles: Readonly<Record<ValueMask, LocalizedText>> = {
  name: { zh: '姓名只留姓，如 张*', en: 'name: surname only, e.g. 张*' },
  id: { zh: '证件号只留前4位和后4位', en: 'ID: first and last four characters' },
  phone: { zh: '电话隐去中间4位', en: 'phone: middle digits hidden' },
  address: { zh: '地址只留到乡镇（街道）', en: 'address: cut after the township' },
};

/** The plan of every field of a dataset for a kind of package, in field order. */
export function createFieldPlan(dataset: Dataset, kind: PackageKind): FieldPlan[] {
  return dataset.fields.map((field, index) => ({ ...planField(field, kind), field, index }));
}

function fieldsOfRule(rule: DatasetRule): string[] {
  switch (rule.type) {
    case 'id-birth-date':
      return [rule.idField, rule.dateField];
    case 'id-sex':
      return [rule.idField, rule.sexField];
    case 'conditional-required':
      return [rule.when.field, ...rule.require];
    case 'conditional-empty':
      return [rule.when.field, ...rule.empty];
    case 'date-order':
      return [rule.start, rule.end];
    case 'date-not-future':
    case 'update-age':
      return [rule.field];
    case 'conditional-format':
      return [rule.when.field, rule.field];
    case 'code-prefix-matches':
      return [rule.codeField, rule.typeField];
    default:
      return assertNever(rule);
  }
}

/**
 * The dataset as the package's data file holds it: dropped fields removed; masked fields as
 * plain text with no constraints (a masked ID is no longer a valid ID); the cross-field rules
 * and the primary key kept only when every field they read is kept whole. Validating the data
 * file with this dataset is what `verify` does.
 */
export function createPackageDataset(dataset: Dataset, plan: readonly FieldPlan[]): Dataset {
  const whole = new Set(plan.filter((p) => p.action === 'keep').map((p) => p.field.name));
  const fields = plan
    .filter((p) => p.action !== 'drop')
    .map((p): Field => {
      if (p.action === 'keep') return p.field;
      const {
        constraints: _c,
        format: _f,
        valueAliases: _v,
        formatExceptions: _e,
        ...rest
      } = p.field;
      return { ...rest, type: 'string' };
    });
  const rules = (dataset.rules ?? []).filter((rule) =>
    fieldsOfRule(rule).every((name) => whole.has(name)),
  );
  const primaryKey = dataset.primaryKey;
  const keepsKey = primaryKey !== undefined && primaryKey.every((name) => whole.has(name));
  const { rules: _r, primaryKey: _p, ...base } = dataset;
  return {
    ...base,
    fields,
    ...(rules.length > 0 ? { rules } : {}),
    ...(keepsKey ? { primaryKey } : {}),
  };
}
