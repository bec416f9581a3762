import type { Dataset, Pack } from '../pack/pack-schema.ts';
import { assertNever, err, ok, type Result } from '../result.ts';
import { createValueTransform, type ValueTransform } from './apply-transforms.ts';
import type { ContextName, FieldSource, Mapping } from './mapping-schema.ts';
import { normalizeHeader } from './normalize-header.ts';
import type { CodeLookup } from '../code-tables/code-table.ts';
import {
  createValueStandardizer,
  hasSlip,
  hasStandardForm,
} from '../standard/create-value-standardizer.ts';

/** Project facts that `context` sources read, and source facts that transforms read. */
export interface MappingContext {
  /** The providing department (提供部门). */
  readonly department?: string;
  /** The reporting period (报送期), e.g. `2025Q1`. */
  readonly period?: string;
  /** The workbook uses the 1904 date system. */
  readonly date1904?: boolean;
}

/** One source row turned into a dataset record. */
export interface MappedRecord {
  /** The standardised value of each field, in field order; undefined where no source feeds it. */
  readonly values: (string | undefined)[];
  /** The value as the source gave it (before transforms and value maps), beside it. */
  readonly sources: (string | undefined)[];
}

/** Turns source rows into dataset records with one compiled mapping. */
export interface RecordMapper {
  readonly dataset: Dataset;
  /**
   * Per field (field order), the source columns shown for it: the header, `A+B` for a join,
   * '' for a constant; undefined for a field not mapped.
   */
  readonly columnOfField: readonly (string | undefined)[];
  /** Columns the mapping names that the source does not have (their fields stay unmapped). */
  readonly missingColumns: readonly string[];
  /** Maps one row's cells (in source column order). */
  map(cells: readonly string[]): MappedRecord;
}

type Reader = (cells: readonly string[]) => string;

/** The index of each header: exact first, else by normalised header when that is unambiguous. */
function createColumnFinder(headers: readonly string[]): (name: string) => number | undefined {
  const exact = new Map<string, number>();
  const normalized = new Map<string, number | null>();
  headers.forEach((header, index) => {
    if (!exact.has(header)) exact.set(header, index);
    const key = normalizeHeader(header);
    normalized.set(key, normalized.has(key) ? null : index);
  });
  return (name) => exact.get(name) ?? normalized.get(normalizeHeader(name)) ?? undefined;
}

function contextValue(name: ContextName, context: MappingContext): string | undefined {
  switch (name) {
    case 'department':
      return context.department;
    case 'period':
      return context.period;
    default:
      return assertNever(name);
  }
}

const contextTitles: Readonly<Record<ContextName, { zh: string; en: string }>> = {
  department: { zh: '提供部门', en: 'department' },
  period: { zh: '报送期', en: 'period' },
};

/** A reader for a field's source, or the columns it lacks. */
function createReader(
  source: FieldSource,
  find: (name: string) => number | undefined,
  context: MappingContext,
): { reader?: Reader; label?: string; missing: string[]; missingFact?: ContextName } {
  switch (source.kind) {
    case 'column': {
      const index = find(source.column);
      if (index === undefined) return { missing: [source.column] };
      return { reader: (cells) => cells[index] ?? '', label: source.column, missing: [] };
    }
    case 'constant': {
      const { value } = source;
      return { reader: () => value, label: '', missing: [] };
    }
    case 'context': {
      const value = contextValue(source.name, context);
      if (value === undefined) return { missing: [], missingFact: source.name };
      return { reader: () => value, label: '', missing: [] };
    }
    case 'join': {
      const indexes = source.columns.map(find);
      const missing = source.columns.filter((_, i) => indexes[i] === undefined);
      if (missing.length > 0) return { missing };
      const { separator } = source;
      const found = indexes as number[];
      return {
        reader: (cells) => {
          let out = '';
          for (const index of found) {
            const part = (cells[index] ?? '').trim();
            if (part === '') continue;
            out = out === '' ? part : out + separator + part;
          }
          return out;
        },
        label: source.columns.join('+'),
        missing: [],
      };
    }
    case 'split': {
      const index = find(source.column);
      if (index === undefined) return { missing: [source.column] };
      const { separator, part } = source;
      return {
        reader: (cells) => {
          const pieces = (cells[index] ?? '').split(separator);
          return (pieces[part < 0 ? pieces.length + part : part] ?? '').trim();
        },
        label: source.column,
        missing: [],
      };
    }
    default:
      return assertNever(source);
  }
}

/**
 * Compiles a mapping for a source table with these headers into a record mapper: each field's
 * source is read, its transforms applied in order, then its value map; a value the map does not
 * list but that is the standard's own spelling (男, 汉族, 已婚) becomes its code, as the rules
 * would read it, and a date in an accepted form (2021/3/5) becomes its ISO form (2021-03-05);
 * anything else is left as it is, for the rules to report. The source value is
 * kept beside the standardised one. Fails when the mapping is for another dataset, names a field
 * the dataset lacks, or needs a project fact (department, period) the context does not give.
 * Columns the source lacks are listed in `missingColumns`, and their fields are left unmapped.
 */
export function createRecordMapper(
  pack: Pack,
  dataset: Dataset,
  mapping: Mapping,
  headers: readonly string[],
  context: MappingContext = {},
): Result<RecordMapper> {
  if (mapping.dataset !== dataset.name || mapping.pack.id !== pack.id) {
    return err(
      'mapping-other-dataset',
      `该对应关系属于标准包「${mapping.pack.id}」的数据集「${mapping.dataset}」，不能用于「${pack.id}」的「${dataset.name}」`,
      `The mapping is for dataset "${mapping.dataset}" of pack "${mapping.pack.id}", not "${dataset.name}" of "${pack.id}"`,
    );
  }
  const positions = new Map(dataset.fields.map((field, index) => [field.name, index]));
  const unknown = [...Object.keys(mapping.fields), ...Object.keys(mapping.valueMaps ?? {})].filter(
    (name) => !positions.has(name),
  );
  if (unknown.length > 0) {
    const names = [...new Set(unknown)].join('、');
    return err(
      'mapping-unknown-field',
      `对应关系中的字段在数据集「${dataset.name}」中不存在：${names}`,
      `The mapping names fields that dataset "${dataset.name}" lacks: ${names}`,
    );
  }
  const find = createColumnFinder(headers);
  const width = dataset.fields.length;
  const readers: (Reader | undefined)[] = new Array<Reader | undefined>(width).fill(undefined);
  const finishers: (ValueTransform | undefined)[] = new Array<ValueTransform | undefined>(
    width,
  ).fill(undefined);
  const columnOfField: (string | undefined)[] = new Array<string | undefined>(width).fill(
    undefined,
  );
  const missingColumns: string[] = [];
  const missingFacts: ContextName[] = [];
  const lookups = new Map<string, CodeLookup>();
  for (const [name, fieldMapping] of Object.entries(mapping.fields)) {
    const index = positions.get(name) as number;
    const field = dataset.fields[index];
    if (field === undefined) continue;
    const { reader, label, missing, missingFact } = createReader(
      fieldMapping.source,
      find,
      context,
    );
    missingColumns.push(...missing);
    if (missingFact !== undefined) missingFacts.push(missingFact);
    if (reader === undefined) continue;
    const transform = createValueTransform(fieldMapping.transforms ?? [], context);
    const valueMap = new Map<string, string>();
    for (const [value, code] of Object.entries(mapping.valueMaps?.[name] ?? {})) {
      if (code !== null) valueMap.set(value, code);
    }
    // The one standardisation of a value (what the rules judge and the package writes); a
    // value with a slip is kept as read, for the rules to report with its certain fix.
    const standardize = hasStandardForm(field)
      ? createValueStandardizer(pack, field, lookups)
      : undefined;
    readers[index] = reader;
    columnOfField[index] = label;
    finishers[index] =
      valueMap.size === 0 && standardize === undefined
        ? transform
        : (value) => {
            const changed = transform(value);
            const mapped = valueMap.get(changed);
            if (mapped !== undefined) return mapped;
            if (standardize === undefined || hasSlip(field, changed)) return changed;
            return standardize(changed);
          };
  }
  if (missingFacts.length > 0) {
    const zh = missingFacts.map((fact) => contextTitles[fact].zh).join('、');
    const en = missingFacts.map((fact) => contextTitles[fact].en).join(', ');
    return err(
      'mapping-missing-fact',
      `对应关系需要${zh}，请提供`,
      `The mapping needs the ${en}; please give it`,
    );
  }
  return ok({
    dataset,
    columnOfField,
    missingColumns: [...new Set(missingColumns)],
    map(cells) {
      const values: (string | undefined)[] = new Array<string | undefined>(width);
      const sources: (string | undefined)[] = new Array<string | undefined>(width);
      for (let i = 0; i < width; i += 1) {
        const read = readers[i];
        if (read === undefined) {
          values[i] = undefined;
          sources[i] = undefined;
          continue;
        }
        const source = read(cells);
        sources[i] = source;
        values[i] = (finishers[i] as ValueTransform)(source);
      }
      return { values, sources };
    },
  });
}
