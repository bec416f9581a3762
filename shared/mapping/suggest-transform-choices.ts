/**
 * The transforms a clerk can switch on or off for one mapped column, and the canonical order
 * they run in: spaces trimmed first, then full-width forms, case, the 15-digit ID, dates, and
 * money units last (a unit reads a clean number).
 */
import { assertNever } from '../result.ts';
import { moneyUnits, type MoneyUnit, type Transform } from './mapping-schema.ts';

/** The switches the mapping step shows. */
export type TransformChoiceKind =
  'trim' | 'half-width' | 'upper' | 'resident-id-18' | 'date' | 'unit';

/** One switch: the transform it stands for, whether it is on, and whether it was suggested. */
export interface TransformChoice {
  readonly kind: TransformChoiceKind;
  /** The transform as the mapping has it, or as it is added when switched on. */
  readonly transform: Transform;
  readonly isOn: boolean;
  readonly isSuggested: boolean;
}

/** What the choices depend on: the standard field's type, format and money unit. */
export interface TransformFieldFacts {
  readonly type: string;
  readonly format?: string | undefined;
  readonly unit?: string | undefined;
}

const order: readonly TransformChoiceKind[] = [
  'trim',
  'half-width',
  'upper',
  'resident-id-18',
  'date',
  'unit',
];

const codeFormats = new Set(['gb11643', 'gb32100', 'gb11714']);

/** The switch a transform belongs to (a lower-case transform has none: it is kept as it is). */
function choiceOf(transform: Transform): TransformChoiceKind | undefined {
  switch (transform.kind) {
    case 'trim':
    case 'half-width':
    case 'resident-id-18':
    case 'date':
    case 'unit':
      return transform.kind;
    case 'case':
      return transform.to === 'upper' ? 'upper' : undefined;
    default:
      return assertNever(transform);
  }
}

function rank(transform: Transform): number {
  const kind = choiceOf(transform);
  if (kind !== undefined) return order.indexOf(kind);
  return transform.kind === 'case' ? order.indexOf('upper') : order.length;
}

function isMoneyUnit(unit: string | undefined): unit is MoneyUnit {
  return unit !== undefined && Object.hasOwn(moneyUnits, unit);
}

function defaultTransform(kind: TransformChoiceKind, field: TransformFieldFacts): Transform {
  switch (kind) {
    case 'trim':
    case 'half-width':
    case 'resident-id-18':
    case 'date':
      return { kind };
    case 'upper':
      return { kind: 'case', to: 'upper' };
    case 'unit': {
      const to: MoneyUnit = isMoneyUnit(field.unit) ? field.unit : '万元';
      return { kind: 'unit', from: to === '元' ? '万元' : '元', to };
    }
    default:
      return assertNever(kind);
  }
}

function isOffered(kind: TransformChoiceKind, field: TransformFieldFacts): boolean {
  switch (kind) {
    case 'trim':
    case 'half-width':
      return true;
    case 'upper':
      return field.format !== undefined && codeFormats.has(field.format);
    case 'resident-id-18':
      return field.format === 'gb11643';
    case 'date':
      return field.type === 'date';
    case 'unit':
      return (field.type === 'number' || field.type === 'integer') && isMoneyUnit(field.unit);
    default:
      return assertNever(kind);
  }
}

/**
 * The switches for a column feeding this field: trim and half-width always; `x` -> `X` for ID
 * and code formats; 15 -> 18 digits for resident IDs; dates for date fields; money units for an
 * amount the standard keeps in a unit. A transform the mapping already has is always shown, and
 * so is a suggested one (a header `金额(元)` suggests 元 -> 万元).
 */
export function suggestTransformChoices(
  field: TransformFieldFacts,
  transforms: readonly Transform[],
  suggested: readonly Transform[] = [],
): TransformChoice[] {
  return order.flatMap((kind): TransformChoice[] => {
    const present = transforms.find((t) => choiceOf(t) === kind);
    const proposal = suggested.find((t) => choiceOf(t) === kind);
    if (present === undefined && proposal === undefined && !isOffered(kind, field)) return [];
    return [
      {
        kind,
        transform: present ?? proposal ?? defaultTransform(kind, field),
        isOn: present !== undefined,
        isSuggested: proposal !== undefined,
      },
    ];
  });
}

/**
 * The transforms with one switched on (replacing any of the same switch, so a unit's from/to can
 * change) or off, in the canonical order.
 */
export function applyTransformChoice(
  transforms: readonly Transform[],
  transform: Transform,
  isOn: boolean,
): Transform[] {
  const kind = choiceOf(transform);
  const kept = transforms.filter((t) => kind === undefined || choiceOf(t) !== kind);
  const next = isOn ? [...kept, transform] : kept;
  return next
    .map((t, index) => ({ t, index }))
    .sort((a, b) => rank(a.t) - rank(b.t) || a.index - b.index)
    .map(({ t }) => t);
}

/** The power of ten a unit transform multiplies by (元 -> 万元: -4, i.e. ÷10,000). */
export function unitExponent(transform: { from: MoneyUnit; to: MoneyUnit }): number {
  return moneyUnits[transform.from] - moneyUnits[transform.to];
}
