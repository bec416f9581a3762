/**
 * Runs every rule of a pack's dataset over records, one at a time, so that a million rows
 * stream through without being held. Compiled once per run: patterns, code lookups and
 * cross-field rules are resolved before the first record.
 */
import { createCodeLookup, type CodeLookup } from '../code-tables/code-table.ts';
import { resolveCodeTable } from '../code-tables/resolve-code-table.ts';
import type { Issue } from '../issue.ts';
import { commonValueForms } from '../mapping/common-value-forms.ts';
import type { Dataset, Field, Pack } from '../pack/pack-schema.ts';
import { createCodeTableCheck, type CodeTableCheck } from '../rules/code-table.ts';
import { checkDate } from '../rules/date.ts';
import { createEnumCheck, type EnumCheck } from '../rules/enum.ts';
import { checkFormat } from '../rules/format.ts';
import { checkFullWidth } from '../rules/full-width.ts';
import { createRecordCheck } from '../rules/index.ts';
import { checkLength } from '../rules/length.ts';
import { checkNumberType } from '../rules/number-type.ts';
import { createPatternCheck, type PatternCheck } from '../rules/pattern.ts';
import { createPrimaryKeyCheck, type PrimaryKeyCheck } from '../rules/primary-key.ts';
import type { RecordCheck, RecordRuleScope } from '../rules/record-rule.ts';
import { checkRequired, checkRequiredMapped, isBlank } from '../rules/required.ts';
import type { RuleContext, RuleIssue } from '../rules/rule-issue.ts';
import { createMemoryFirstRowIndex, type FirstRowIndex } from '../rules/first-row-index.ts';
import { createUniqueCheck, type UniqueCheck } from '../rules/unique.ts';
import { checkWhitespace } from '../rules/whitespace.ts';
import {
  createValueStandardizer,
  type ValueStandardizer,
} from '../standard/create-value-standardizer.ts';

/** Validates the records of one dataset, in source order. */
export interface DatasetValidator {
  readonly dataset: Dataset;
  /**
   * Checks one record. `values` holds the cell text for each field of the dataset, in field
   * order; `undefined` marks a field no source column is mapped to: only `required` checks it
   * (a required field with no column is an error in every record).
   */
  validateRecord(row: number, values: readonly (string | undefined)[]): Issue[];
}

interface FieldChecks {
  readonly field: Field;
  /** Source spellings of a value (valueAliases), resolved to the value they stand for. */
  readonly aliases: ReadonlyMap<string, string> | undefined;
  readonly pattern: PatternCheck | undefined;
  readonly enumCheck: EnumCheck | undefined;
  readonly codeTable: CodeTableCheck | undefined;
  readonly unique: UniqueCheck | undefined;
  /**
   * The value's standard form, as the package writes it, for the rules that judge how a value
   * is written (length, pattern); undefined when the field has neither.
   */
  readonly standardize: ValueStandardizer | undefined;
}

/** Resolves the code table a pack declares under `name` (kept here for its callers). */
export { resolveCodeTable };

/** True when a rule of `field` judges how its value is written (its length or pattern). */
function judgesWriting(field: Field): boolean {
  const constraints = field.constraints;
  return (
    constraints?.maxLength !== undefined ||
    constraints?.minLength !== undefined ||
    constraints?.pattern !== undefined
  );
}

function compileField(
  pack: Pack,
  field: Field,
  lookups: Map<string, CodeLookup>,
  index: FirstRowIndex,
): FieldChecks {
  const tableName = field.constraints?.codeTable;
  let codeTable: CodeTableCheck | undefined;
  if (tableName !== undefined) {
    const table = resolveCodeTable(pack, tableName);
    let lookup = lookups.get(tableName);
    if (lookup === undefined) {
      lookup = createCodeLookup(table);
      lookups.set(tableName, lookup);
    }
    codeTable = createCodeTableCheck(
      field,
      lookup,
      pack.codeTables?.[tableName]?.title ?? tableName,
      commonValueForms[table.id],
    );
  }
  const aliasEntries = Object.entries(field.valueAliases ?? {}).flatMap(([value, spellings]) =>
    spellings.map((spelling) => [spelling, value] as const),
  );
  return {
    field,
    aliases: aliasEntries.length > 0 ? new Map(aliasEntries) : undefined,
    pattern: createPatternCheck(field),
    enumCheck: createEnumCheck(field),
    codeTable,
    unique: createUniqueCheck(field, index),
    standardize: judgesWriting(field) ? createValueStandardizer(pack, field, lookups) : undefined,
  };
}

/**
 * Compiles the rules of `dataset` (a dataset of `pack`) into a validator. Records are checked
 * in order; the unique and primary-key rules remember keys in `index` (by default a map filled
 * as the records pass; the workspace gives one that asks its stored records).
 */
export function createDatasetValidator(
  pack: Pack,
  dataset: Dataset,
  context: RuleContext,
  index: FirstRowIndex = createMemoryFirstRowIndex(),
): DatasetValidator {
  const lookups = new Map<string, CodeLookup>();
  const fieldChecks = dataset.fields.map((field) => compileField(pack, field, lookups, index));
  const positions = new Map(dataset.fields.map((field, index) => [field.name, index]));
  const scope: RecordRuleScope = {
    fields: dataset.fields,
    context,
    indexOf(name) {
      const index = positions.get(name);
      if (index === undefined) throw new Error(`dataset ${dataset.name}: no field ${name}`);
      return index;
    },
  };
  const recordChecks: RecordCheck[] = (dataset.rules ?? []).map((rule) =>
    createRecordCheck(rule, scope),
  );
  const keyIndexes = (dataset.primaryKey ?? []).map((name) => scope.indexOf(name));
  const primaryKey: PrimaryKeyCheck | undefined = createPrimaryKeyCheck(
    keyIndexes.map((position) => dataset.fields[position] as Field),
    index,
  );
  const width = dataset.fields.length;
  const cursor: CellCursor = { value: '' };

  return {
    dataset,
    validateRecord(row, values) {
      const found: RuleIssue[] = [];
      const texts: string[] = new Array<string>(width);
      const normalized: (string | undefined)[] = new Array<string | undefined>(width);
      for (let i = 0; i < width; i += 1) {
        const checks = fieldChecks[i] as FieldChecks;
        const raw = values[i];
        texts[i] = '';
        normalized[i] = undefined;
        if (raw === undefined) {
          const issue = checkRequiredMapped(checks.field);
          if (issue) found.push(issue);
          continue;
        }
        if (isBlank(raw)) {
          const issue = checkRequired(checks.field, raw);
          if (issue) found.push(issue);
          continue;
        }
        checkCell(checks, raw, row, context, found, cursor, texts, normalized, i);
      }
      if (primaryKey !== undefined) {
        const keys: string[] = [];
        for (const index of keyIndexes) keys.push(normalized[index] ?? '');
        const issue = primaryKey(row, keys);
        if (issue) found.push(issue);
      }
      const record = { texts, normalized };
      for (const check of recordChecks) {
        for (const issue of check(record)) found.push(issue);
      }
      const issues: Issue[] = [];
      for (const issue of found) issues.push({ ...issue, row });
      return issues;
    },
  };
}

/** A cell's value as the rules pass it along (one per validator, reused for every cell). */
interface CellCursor {
  value: string;
}

/**
 * Records a cell rule's issue. A certain suggestion is applied and checking goes on; a warning
 * lets checking go on with the value as it is; an error without a suggestion stops the cell.
 */
function accept(cursor: CellCursor, found: RuleIssue[], issue: RuleIssue | undefined): boolean {
  if (issue === undefined) return true;
  found.push(issue);
  if (issue.suggestion !== undefined) {
    cursor.value = issue.suggestion;
    return true;
  }
  return issue.severity === 'warning';
}

/**
 * Runs the cell rules on one non-blank cell at position `i`, writing its text and normalised
 * value (undefined when the cell failed) into the record arrays. Each rule sees the value as the
 * rules before it left it, so a bad value is reported once. Written without closures: it runs
 * for every cell of a million-row table.
 */
function checkCell(
  checks: FieldChecks,
  raw: string,
  row: number,
  context: RuleContext,
  found: RuleIssue[],
  cursor: CellCursor,
  texts: string[],
  normalizedValues: (string | undefined)[],
  i: number,
): void {
  const { field } = checks;
  cursor.value = raw;
  texts[i] = raw.trim();
  normalizedValues[i] = undefined;
  if (!accept(cursor, found, checkWhitespace(field, cursor.value))) return;
  if (!accept(cursor, found, checkFullWidth(field, cursor.value))) return;
  if (!accept(cursor, found, checkNumberType(field, cursor.value))) return;
  texts[i] = cursor.value;
  let normalized: string | undefined;
  const date = checkDate(field, cursor.value);
  if (date !== undefined) {
    if (date.issue !== undefined) {
      found.push(date.issue);
      return;
    }
    normalized = date.iso;
  }
  const canonical = checks.aliases?.get(cursor.value);
  if (canonical !== undefined) normalized = canonical;
  if (field.format === undefined) {
    // Length and pattern judge the value as the package writes it (2021-03-05, not 2021/3/5;
    // the code, not the alias), so a record cannot pass here and fail in its package.
    const written = checks.standardize?.(cursor.value) ?? cursor.value;
    if (!accept(cursor, found, checkLength(field, written))) return;
    if (checks.pattern !== undefined && !accept(cursor, found, checks.pattern(written))) return;
  } else if (!accept(cursor, found, checkFormat(field, cursor.value, context))) {
    texts[i] = cursor.value;
    return;
  }
  texts[i] = cursor.value;
  if (checks.enumCheck !== undefined) {
    const result = checks.enumCheck(cursor.value);
    if (result.issue !== undefined) {
      found.push(result.issue);
      return;
    }
    normalized = result.canonical;
  }
  if (checks.codeTable !== undefined) {
    const result = checks.codeTable(cursor.value);
    if (result.issue !== undefined) {
      found.push(result.issue);
      // A common form (初中) stands for its suggested code (71): checking goes on with that.
      if (result.issue.suggestion === undefined) return;
      normalized = result.issue.suggestion;
    } else {
      normalized = result.code;
    }
  }
  normalized ??= cursor.value;
  if (checks.unique !== undefined) {
    const issue = checks.unique(row, normalized);
    if (issue) found.push(issue);
  }
  normalizedValues[i] = normalized;
}
