/**
 * The standard form of a record, as a package carries it: codes rather than names (男 -> 1,
 * 汉族 -> 01), allowed values in their canonical spelling, ISO dates, and the certain fixes of
 * typing slips (spaces around a value, full-width digits). It changes only how a value is
 * written, never what it says: a value the rules cannot read is passed on as it is (trimmed),
 * and the issues it has are reported as they were.
 */
import { createCodeLookup, type CodeLookup } from '../code-tables/code-table.ts';
import type { Dataset, Field, Pack } from '../pack/pack-schema.ts';
import { checkFullWidth } from '../rules/full-width.ts';
import { checkWhitespace } from '../rules/whitespace.ts';
import { resolveCodeTable } from '../validate/dataset-validator.ts';
import { parseDate } from '../validators/date.ts';

/** Turns a record's values (field order; null when no source feeds a field) into standard text. */
export type RecordStandardizer = (values: readonly (string | null | undefined)[]) => string[];

interface FieldForm {
  readonly field: Field;
  readonly isDate: boolean;
  /** Spellings that stand for a value: value aliases, then the allowed values themselves. */
  readonly spellings: ReadonlyMap<string, string> | undefined;
  readonly lookup: CodeLookup | undefined;
}

function compileField(pack: Pack, field: Field, lookups: Map<string, CodeLookup>): FieldForm {
  const spellings = new Map<string, string>();
  for (const value of field.constraints?.enum ?? []) spellings.set(value, value);
  for (const [value, aliases] of Object.entries(field.valueAliases ?? {})) {
    for (const alias of aliases) if (!spellings.has(alias)) spellings.set(alias, value);
  }
  const tableName = field.constraints?.codeTable;
  let lookup: CodeLookup | undefined;
  if (tableName !== undefined) {
    lookup = lookups.get(tableName);
    if (lookup === undefined) {
      lookup = createCodeLookup(resolveCodeTable(pack, tableName));
      lookups.set(tableName, lookup);
    }
  }
  return {
    field,
    isDate: field.type === 'date',
    spellings: spellings.size > 0 ? spellings : undefined,
    lookup,
  };
}

function standardize(form: FieldForm, raw: string): string {
  let value = raw;
  value = checkWhitespace(form.field, value)?.suggestion ?? value;
  value = checkFullWidth(form.field, value)?.suggestion ?? value;
  if (value === '') return value;
  if (form.isDate) {
    const parsed = parseDate(value);
    return 'iso' in parsed ? parsed.iso : value;
  }
  const spelled = form.spellings?.get(value);
  if (spelled !== undefined) return spelled;
  return form.lookup?.resolve(value)?.code ?? value;
}

/** Compiles the standardizer of a pack's dataset (code lookups are built once). */
export function createRecordStandardizer(pack: Pack, dataset: Dataset): RecordStandardizer {
  const lookups = new Map<string, CodeLookup>();
  const forms = dataset.fields.map((field) => compileField(pack, field, lookups));
  return (values) => {
    const out = new Array<string>(forms.length);
    for (let i = 0; i < forms.length; i += 1) {
      const raw = values[i];
      out[i] = raw === null || raw === undefined ? '' : standardize(forms[i] as FieldForm, raw);
    }
    return out;
  };
}
