import { assertNever } from '../result.ts';
import { toHalfWidth } from '../text/half-width.ts';
import { parseDate } from '../validators/date.ts';
import { convertResidentId15To18 } from '../validators/resident-id.ts';
import { convertMoneyUnit } from './convert-money-unit.ts';
import type { Transform } from './mapping-schema.ts';

/** Facts about the source that transforms may need. */
export interface TransformContext {
  /** The workbook uses the 1904 date system (a `date` transform's own setting wins). */
  readonly date1904?: boolean;
}

/** A compiled chain of transforms: one value in, one out. */
export type ValueTransform = (value: string) => string;

const identity: ValueTransform = (value) => value;
const legacyId = /^\d{15}$/;

function compileOne(transform: Transform, context: TransformContext): ValueTransform {
  switch (transform.kind) {
    case 'trim':
      return (value) => value.trim();
    case 'half-width':
      return toHalfWidth;
    case 'case':
      return transform.to === 'upper'
        ? (value) => value.toUpperCase()
        : (value) => value.toLowerCase();
    case 'date': {
      const options = {
        allowSerial: transform.excelSerial === true,
        date1904: transform.date1904 ?? context.date1904 ?? false,
      };
      return (value) => {
        if (value === '') return value;
        const parsed = parseDate(value, options);
        return 'iso' in parsed ? parsed.iso : value;
      };
    }
    case 'resident-id-18':
      return (value) => (legacyId.test(value) ? convertResidentId15To18(value) : value);
    case 'unit': {
      const { from, to } = transform;
      return (value) => convertMoneyUnit(value, from, to) ?? value;
    }
    default:
      return assertNever(transform);
  }
}

/**
 * Compiles transforms, in order, into one function, so that a million cells pay for the
 * decisions once. A step that cannot read a value leaves it as it is: a date with a two-digit
 * year stays `21/3/5` (never guessed), an amount that is not a number stays, and the rules then
 * report it.
 */
export function createValueTransform(
  transforms: readonly Transform[],
  context: TransformContext = {},
): ValueTransform {
  if (transforms.length === 0) return identity;
  const steps = transforms.map((transform) => compileOne(transform, context));
  if (steps.length === 1) return steps[0] ?? identity;
  return (value) => {
    let out = value;
    for (const step of steps) out = step(out);
    return out;
  };
}

/** Applies transforms to one value, in order (for many values, compile once with createValueTransform). */
export function applyTransforms(
  value: string,
  transforms: readonly Transform[],
  context: TransformContext = {},
): string {
  return createValueTransform(transforms, context)(value);
}
