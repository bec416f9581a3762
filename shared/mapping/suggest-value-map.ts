/**
 * Suggests the value map of a code field: for each distinct source value, the standard code it
 * means (or null, left for the clerk). Tiers, best first: the standard's own spelling (a code,
 * a name, an alias of the code table, a value alias of the pack); the same after removing a
 * slip (spaces, full-width forms), which the rules still report; a common form the table does
 * not list (M -> 1, 大专 -> 31); and, as a guess, the one code whose name the value contains or
 * is contained in (汉族人 -> 01).
 */
import {
  createCodeLookup,
  normalizeCodeValue,
  type CodeLookup,
} from '../code-tables/code-table.ts';
import type { LocalizedText } from '../i18n/localized-text.ts';
import type { Field, Pack } from '../pack/pack-schema.ts';
import { toHalfWidth } from '../text/half-width.ts';
import { resolveCodeTable } from '../validate/dataset-validator.ts';
import { commonValueForms } from './common-value-forms.ts';
import {
  createStandardValueResolver,
  type StandardValueResolver,
} from './create-standard-value-resolver.ts';

/** A distinct source value and how many cells hold it. */
export interface ValueCount {
  readonly value: string;
  readonly count: number;
}

/** How a suggested code was found. */
export type ValueMatch = 'standard' | 'slip' | 'common' | 'guess' | 'template' | 'none';

/** The suggestion for one distinct value. */
export interface ValueSuggestion {
  readonly value: string;
  readonly count: number;
  /** The standard code (for a field with allowed values, the allowed value), or null. */
  readonly code: string | null;
  readonly match: ValueMatch;
  /** 1 standard (or a template's decision), 0.9 slip, 0.85 common form, 0.6 guess, 0 none. */
  readonly confidence: number;
  readonly reason: LocalizedText;
}

/** The value-map suggestion of one field. */
export interface ValueMapSuggestion {
  readonly field: string;
  /** One per distinct value, most frequent first. */
  readonly values: readonly ValueSuggestion[];
  /** The same as a value map: source value -> code or null. */
  readonly map: Readonly<Record<string, string | null>>;
}

interface Choice {
  readonly code: string;
  /** The name shown beside the code. */
  readonly name: string;
}

/** What a code field's values can be resolved against. */
interface Vocabulary {
  /** What the rules accept without a word. */
  readonly standard: StandardValueResolver;
  /** Exact spellings (value aliases, allowed values) before the code table. */
  readonly exact: ReadonlyMap<string, Choice>;
  readonly lookup: CodeLookup | undefined;
  readonly common: Readonly<Record<string, string>>;
  /** Names long enough to look for inside a value, with their codes. */
  readonly names: readonly { readonly name: string; readonly choice: Choice }[];
  readonly byCode: ReadonlyMap<string, Choice>;
}

function createVocabulary(pack: Pack, field: Field): Vocabulary | undefined {
  const standard = createStandardValueResolver(pack, field);
  if (standard === undefined) return undefined;
  const tableName = field.constraints?.codeTable;
  const allowed = field.constraints?.enum;
  const exact = new Map<string, Choice>();
  const byCode = new Map<string, Choice>();
  const names: { name: string; choice: Choice }[] = [];
  let lookup: CodeLookup | undefined;
  let common: Readonly<Record<string, string>> = {};
  if (tableName !== undefined) {
    const table = resolveCodeTable(pack, tableName);
    lookup = createCodeLookup(table);
    common = commonValueForms[table.id] ?? {};
    for (const entry of table.entries) {
      const choice = { code: entry.code, name: entry.name };
      byCode.set(entry.code, choice);
      for (const name of [entry.name, ...entry.aliases]) {
        if (name.length >= 2 && !/^[\x20-\x7e]+$/.test(name)) names.push({ name, choice });
      }
    }
  } else {
    for (const value of allowed ?? []) {
      const choice = { code: value, name: value };
      exact.set(value, choice);
      byCode.set(value, choice);
      if (value.length >= 2) names.push({ name: value, choice });
    }
  }
  for (const [code, spellings] of Object.entries(field.valueAliases ?? {})) {
    const choice = byCode.get(code) ?? { code, name: code };
    for (const spelling of spellings) exact.set(spelling, choice);
  }
  return { standard, exact, lookup, common, names, byCode };
}

function resolveExact(vocabulary: Vocabulary, value: string): Choice | undefined {
  const exact = vocabulary.exact.get(value);
  if (exact !== undefined) return exact;
  const entry = vocabulary.lookup?.resolve(value);
  return entry === undefined ? undefined : { code: entry.code, name: entry.name };
}

/** The one code whose name the value contains, or that contains the value; else undefined. */
function guess(vocabulary: Vocabulary, key: string): Choice | undefined {
  if (key.length < 2) return undefined;
  let found: Choice | undefined;
  let longest = 0;
  let isShared = false;
  for (const { name, choice } of vocabulary.names) {
    const nameKey = normalizeCodeValue(name);
    if (!key.includes(nameKey) && !nameKey.includes(key)) continue;
    const length = key.includes(nameKey) ? nameKey.length : key.length;
    if (length > longest) {
      longest = length;
      found = choice;
      isShared = false;
    } else if (length === longest && found?.code !== choice.code) {
      isShared = true;
    }
  }
  return isShared ? undefined : found;
}

function suggestOne(vocabulary: Vocabulary, value: string, count: number): ValueSuggestion {
  const standardCode = vocabulary.standard(value);
  const standard =
    standardCode === undefined
      ? undefined
      : (vocabulary.byCode.get(standardCode) ?? { code: standardCode, name: standardCode });
  if (standard !== undefined) {
    return {
      value,
      count,
      code: standard.code,
      match: 'standard',
      confidence: 1,
      reason: {
        zh: standard.code === value ? '是标准代码' : `是「${standard.name}」的标准写法`,
        en:
          standard.code === value
            ? 'is a standard code'
            : `is a standard spelling of "${standard.name}"`,
      },
    };
  }
  const clean = toHalfWidth(value).trim();
  if (clean !== value && clean !== '') {
    const slip = resolveExact(vocabulary, clean);
    if (slip !== undefined) {
      return {
        value,
        count,
        code: slip.code,
        match: 'slip',
        confidence: 0.9,
        reason: {
          zh: `去掉空格或全角字符后是「${slip.name}」（检查时仍会提示）`,
          en: `is "${slip.name}" once spaces or full-width forms are removed (still reported)`,
        },
      };
    }
  }
  const key = normalizeCodeValue(clean);
  const commonCode = vocabulary.common[key];
  const common = commonCode === undefined ? undefined : vocabulary.byCode.get(commonCode);
  if (common !== undefined) {
    return {
      value,
      count,
      code: common.code,
      match: 'common',
      confidence: 0.85,
      reason: { zh: `常见写法，指「${common.name}」`, en: `a common form of "${common.name}"` },
    };
  }
  const guessed = guess(vocabulary, key);
  if (guessed !== undefined) {
    return {
      value,
      count,
      code: guessed.code,
      match: 'guess',
      confidence: 0.6,
      reason: {
        zh: `与「${guessed.name}」字面相近，请确认`,
        en: `resembles "${guessed.name}"; please confirm`,
      },
    };
  }
  return {
    value,
    count,
    code: null,
    match: 'none',
    confidence: 0,
    reason: { zh: '没有对应的代码，请选择', en: 'no code fits; please choose one' },
  };
}

/**
 * Suggests the value map of a field with a code table or allowed values, for its distinct
 * values with their counts; undefined for any other field.
 */
export function suggestValueMap(
  pack: Pack,
  field: Field,
  values: readonly ValueCount[],
): ValueMapSuggestion | undefined {
  const vocabulary = createVocabulary(pack, field);
  if (vocabulary === undefined) return undefined;
  const suggestions = values
    .filter((v) => v.value.trim() !== '')
    .map((v) => suggestOne(vocabulary, v.value, v.count))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  const map: Record<string, string | null> = {};
  for (const suggestion of suggestions) map[suggestion.value] = suggestion.code;
  return { field: field.name, values: suggestions, map };
}
