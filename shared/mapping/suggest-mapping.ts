/**
 * Suggests a standard field for each source column, with a confidence and the reason, from the
 * header and from the values. Header tiers, best first: the field's title or identifier; a
 * synonym the pack lists; a common spelling (header-synonyms.ts); a reading of the header
 * without its numbering, its repeat number or the part in brackets; a title contained in a
 * longer header (Chinese puts the head noun last, so `联系人电话` is a 电话, not a 联系人);
 * headers alike in most of their character pairs (both four characters or more; never an edit
 * distance on short headers: 姓名 and 性别 are one edit apart). Values are evidence: they raise a
 * header match they agree with, lower one they contradict, and name a column on their own when
 * only one field takes such values (a column of valid resident IDs is 公民身份号码 whatever its
 * header). One column per field, resolved over the whole table: the best confidence wins, and
 * equal ones are reported.
 */
import type { LocalizedText } from '../i18n/localized-text.ts';
import type { Dataset, Pack } from '../pack/pack-schema.ts';
import { assertNever } from '../result.ts';
import { cleanSample, createFieldEvidence, type FieldEvidence } from './create-field-evidence.ts';
import { countyHeaderVariants, headerSynonyms } from './header-synonyms.ts';
import { moneyUnits, type MoneyUnit, type Transform } from './mapping-schema.ts';
import { normalizeHeader } from './normalize-header.ts';
import { readHeaderForms, type HeaderForm } from './read-header-forms.ts';

/** A source column as the suggester sees it: its header and some of its values. */
export interface ColumnSample {
  readonly header: string;
  /** Values from the top of the column (a few hundred is plenty); blanks are ignored. */
  readonly samples: readonly string[];
}

/** The suggestion for one source column. */
export interface ColumnSuggestion {
  /** The source header. */
  readonly column: string;
  /** The standard field identifier, or null when no field is suggested. */
  readonly field: string | null;
  /** 0..1, two decimals; 0 when no field is suggested. */
  readonly confidence: number;
  readonly reason: LocalizedText;
  /** Transforms the header implies, e.g. `元` -> `万元` for a header `罚款金额(元)`. */
  readonly transforms: readonly Transform[];
  /** For an unmapped column: the field it fits best, which another column feeds. */
  readonly contested?: string;
}

/** Two or more columns that fit one field equally well (the first in source order got it). */
export interface SuggestionTie {
  readonly field: string;
  readonly columns: readonly string[];
}

/** The suggestions for a whole table. */
export interface MappingSuggestion {
  /** One per source column, in source order. */
  readonly columns: readonly ColumnSuggestion[];
  /** Required fields no column feeds with a confident suggestion (identifiers, field order). */
  readonly unmappedRequired: readonly string[];
  readonly ties: readonly SuggestionTie[];
}

/** Suggestions at or above this confidence are applied without asking (the no-template case). */
export const confidentSuggestion = 0.8;

/** Below this a candidate is not shown at all. */
const minimumSuggestion = 0.3;
/** Share of samples that must pass a field's check for the values to agree with it. */
const agreeing = 0.8;
/** Below this share (with enough samples) the values contradict the field. */
const contradicting = 0.3;
/** A header match this strong (a title, identifier, synonym or common spelling) outweighs the values. */
const strongHeader = 0.9;

const weights = { title: 1, name: 1, synonym: 0.95, common: 0.9, titlePart: 0.9 } as const;

type AliasKind = keyof typeof weights;

interface Alias {
  readonly key: string;
  readonly field: number;
  readonly kind: AliasKind;
  /** The alias as written. */
  readonly text: string;
}

interface HeaderIndex {
  readonly byKey: ReadonlyMap<string, readonly Alias[]>;
  /** Aliases long enough, and Chinese enough, to look for inside a longer header. */
  readonly containable: readonly Alias[];
  /** Every alias, for the character-pair comparison. */
  readonly all: readonly Alias[];
}

interface Candidate {
  readonly column: number;
  readonly field: number;
  readonly score: number;
  readonly reason: LocalizedText;
}

/** Words around a field name that do not change what a column holds (`民族名称`, `本人电话`). */
const harmlessSuffixes = new Set(['名称', '代码', '编码', '信息', '情况', '名', '全称']);
const harmlessPrefixes = new Set(['本人', '个人', '人员', '居民', '所属', '当前']);
/**
 * Two-character head nouns that end many headers (`项目名称`, `交易状态`, `调试时间`): a field
 * whose title or synonym is one of them is not looked for inside longer headers.
 */
const genericHeads = new Set([
  '名称',
  '名字',
  '代码',
  '编码',
  '号码',
  '编号',
  '状态',
  '类型',
  '类别',
  '日期',
  '时间',
  '地址',
  '金额',
  '数量',
  '备注',
  '说明',
]);
const cjk = /[\u3400-\u9fff]/;
const autoNamed = /^列[A-Z]{1,3}$/;

const indexes = new WeakMap<Dataset, HeaderIndex>();
const evidences = new WeakMap<Dataset, readonly (FieldEvidence | undefined)[]>();

function buildIndex(dataset: Dataset): HeaderIndex {
  const all: Alias[] = [];
  const packKeys = new Map<string, Set<number>>();
  const add = (text: string, field: number, kind: AliasKind): void => {
    const key = normalizeHeader(text);
    if (key === '') return;
    all.push({ key, field, kind, text });
  };
  dataset.fields.forEach((field, index) => {
    add(field.title, index, 'title');
    add(field.name, index, 'name');
    for (const synonym of field.synonyms ?? []) add(synonym, index, 'synonym');
    const parts = /^(.+?)[(（](.+)[)）]$/.exec(field.title);
    if (parts !== null && normalizeHeader(field.title) !== normalizeHeader(parts[1] ?? '')) {
      add(parts[1] ?? '', index, 'titlePart');
      add(parts[2] ?? '', index, 'titlePart');
    }
  });
  for (const alias of all) {
    let fields = packKeys.get(alias.key);
    if (fields === undefined) packKeys.set(alias.key, (fields = new Set()));
    fields.add(alias.field);
  }
  const commonFor = (index: number): string[] => {
    const field = dataset.fields[index];
    if (field === undefined) return [];
    const names = new Set([field.title, ...(field.synonyms ?? [])].map(normalizeHeader));
    const out: string[] = [];
    for (const table of [headerSynonyms, countyHeaderVariants]) {
      for (const [standard, spellings] of Object.entries(table)) {
        if (names.has(normalizeHeader(standard))) out.push(standard, ...spellings);
      }
    }
    return out;
  };
  dataset.fields.forEach((_, index) => {
    for (const spelling of commonFor(index)) {
      const key = normalizeHeader(spelling);
      const owners = packKeys.get(key);
      // A header the pack gives to another field of this dataset is that field's.
      if (owners !== undefined && [...owners].some((owner) => owner !== index)) continue;
      if (owners?.has(index) === true) continue;
      add(spelling, index, 'common');
    }
  });
  const byKey = new Map<string, Alias[]>();
  for (const alias of all) {
    const list = byKey.get(alias.key);
    if (list === undefined) byKey.set(alias.key, [alias]);
    else if (!list.some((a) => a.field === alias.field)) list.push(alias);
  }
  const containable = all.filter(
    (alias) => alias.key.length >= 2 && cjk.test(alias.key) && !genericHeads.has(alias.key),
  );
  return { byKey, containable, all };
}

function aliasReason(alias: Alias, header: string, dataset: Dataset): LocalizedText {
  const title = dataset.fields[alias.field]?.title ?? '';
  switch (alias.kind) {
    case 'title':
      return { zh: `列名即字段名称「${title}」`, en: `the header is the field's title "${title}"` };
    case 'name':
      return {
        zh: `列名即字段标识符 ${alias.text}`,
        en: `the header is the field identifier ${alias.text}`,
      };
    case 'synonym':
      return {
        zh: `「${alias.text}」是标准包中「${title}」的同义名`,
        en: `"${alias.text}" is a synonym of "${title}" in the pack`,
      };
    case 'common':
      return {
        zh: `「${alias.text}」是「${title}」的常见写法`,
        en: `"${alias.text}" is a common spelling of "${title}"`,
      };
    case 'titlePart':
      return {
        zh: `列名「${header}」与字段名称「${title}」的一部分一致`,
        en: `the header "${header}" is part of the field's title "${title}"`,
      };
    default:
      return assertNever(alias.kind);
  }
}

function withHow(form: HeaderForm, reason: LocalizedText): LocalizedText {
  if (form.how === undefined) return reason;
  return { zh: `${form.how.zh}，${reason.zh}`, en: `${form.how.en}, ${reason.en}` };
}

/** A field name found inside a longer header, scored by where it sits and what is left over. */
function containmentScore(
  key: string,
  alias: Alias,
  title: string,
): { score: number; reason: LocalizedText } | undefined {
  const at = key.endsWith(alias.key) ? key.length - alias.key.length : key.indexOf(alias.key);
  if (at < 0 || key === alias.key) return undefined;
  const prefix = key.slice(0, at);
  const suffix = key.slice(at + alias.key.length);
  const share = alias.key.length / key.length;
  const weight = alias.kind === 'common' ? 0.97 : 1;
  const isHarmless =
    (prefix === '' && harmlessSuffixes.has(suffix)) ||
    (suffix === '' && harmlessPrefixes.has(prefix));
  // One character left over most often makes a word with its neighbour: 商户号 is 商户 + 号,
  // not 商 + 户号.
  if (!isHarmless && (prefix.length === 1 || suffix.length === 1)) return undefined;
  if (isHarmless) {
    const extra = prefix === '' ? suffix : prefix;
    return {
      score: 0.85 * weight,
      reason: {
        zh: `列名含「${alias.text}」（即「${title}」），多出的「${extra}」不改变含义`,
        en: `the header holds "${alias.text}" ("${title}"); the extra "${extra}" changes nothing`,
      },
    };
  }
  if (suffix === '') {
    return {
      score: (0.6 + 0.15 * share) * weight,
      reason: {
        zh: `列名以「${alias.text}」（即「${title}」）结尾`,
        en: `the header ends with "${alias.text}" ("${title}")`,
      },
    };
  }
  if (prefix === '') {
    return {
      score: (0.45 + 0.1 * share) * weight,
      reason: {
        zh: `列名以「${alias.text}」（即「${title}」）开头`,
        en: `the header starts with "${alias.text}" ("${title}")`,
      },
    };
  }
  return {
    score: (0.4 + 0.1 * share) * weight,
    reason: {
      zh: `列名中含有「${alias.text}」（即「${title}」）`,
      en: `the header contains "${alias.text}" ("${title}")`,
    },
  };
}

/** Dice coefficient of the character pairs of two strings. */
function pairSimilarity(a: string, b: string): number {
  const pairs = new Map<string, number>();
  for (let i = 0; i + 1 < a.length; i += 1) {
    const pair = a.slice(i, i + 2);
    pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i + 1 < b.length; i += 1) {
    const pair = b.slice(i, i + 2);
    const left = pairs.get(pair) ?? 0;
    if (left > 0) {
      shared += 1;
      pairs.set(pair, left - 1);
    }
  }
  return (2 * shared) / (a.length - 1 + (b.length - 1));
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

interface ColumnFacts {
  /** The non-blank samples, cleaned. */
  readonly values: readonly string[];
  /** Share of the values each kind accepts, by evidence key (computed on first use). */
  readonly shares: Map<string, number>;
  /** Share of the values that are telling for each kind, by evidence key. */
  readonly tellingShares: Map<string, number>;
}

function readColumnFacts(samples: readonly string[]): ColumnFacts {
  const values: string[] = [];
  for (const sample of samples) {
    const value = cleanSample(sample);
    if (value !== '') values.push(value);
  }
  return { values, shares: new Map(), tellingShares: new Map() };
}

function measure(
  facts: ColumnFacts,
  cache: Map<string, number>,
  key: string,
  test: (value: string) => boolean,
): number {
  let share = cache.get(key);
  if (share === undefined) {
    let passing = 0;
    for (const value of facts.values) if (test(value)) passing += 1;
    share = facts.values.length === 0 ? 0 : passing / facts.values.length;
    cache.set(key, share);
  }
  return share;
}

function shareOf(facts: ColumnFacts, evidence: FieldEvidence): number {
  return measure(facts, facts.shares, evidence.key, evidence.test);
}

function tellingShareOf(facts: ColumnFacts, evidence: FieldEvidence): number {
  return measure(facts, facts.tellingShares, evidence.key, evidence.isTelling);
}

/**
 * What values alone make of a field: checksum kinds name it whatever the header says; telling
 * kinds name it when the header says nothing, and hint at it otherwise; weak kinds (dates,
 * numbers) hint at it only when the header says nothing. Lower when several fields take such
 * values. Undefined when the values say nothing.
 */
function valueOnlyScore(
  kind: FieldEvidence,
  facts: ColumnFacts,
  isInformative: boolean,
  isOnly: boolean,
): { score: number; share: number } | undefined {
  const share = shareOf(facts, kind);
  if (share < agreeing) return undefined;
  if (kind.strength === 'checksum') return { score: isOnly ? 0.85 : 0.45, share };
  if (kind.strength === 'telling') {
    const telling = tellingShareOf(facts, kind);
    if (telling >= agreeing) {
      return { score: isInformative ? (isOnly ? 0.5 : 0.3) : isOnly ? 0.85 : 0.45, share: telling };
    }
    // A code table's codes as bare numbers: any numeric column would pass.
    if (kind.key.startsWith('code:') || kind.key.startsWith('enum:')) return undefined;
  }
  if (isInformative) return undefined;
  return { score: isOnly ? 0.5 : 0.3, share };
}

function joinReasons(first: LocalizedText, second: LocalizedText): LocalizedText {
  return { zh: `${first.zh}；${second.zh}`, en: `${first.en}; ${second.en}` };
}

/** Header candidates for one column: the best score per field. */
function headerCandidates(
  header: string,
  forms: readonly HeaderForm[],
  index: HeaderIndex,
  dataset: Dataset,
): Map<number, { score: number; reason: LocalizedText }> {
  const best = new Map<number, { score: number; reason: LocalizedText }>();
  const offer = (field: number, score: number, reason: LocalizedText): void => {
    const current = best.get(field);
    if (current === undefined || score > current.score) best.set(field, { score, reason });
  };
  for (const form of forms) {
    for (const alias of index.byKey.get(form.key) ?? []) {
      offer(
        alias.field,
        weights[alias.kind] - form.penalty,
        withHow(form, aliasReason(alias, header, dataset)),
      );
    }
  }
  for (const form of forms) {
    if (!cjk.test(form.key)) continue;
    for (const alias of index.containable) {
      if (form.key.length >= 4 && alias.kind !== 'common' && alias.key.endsWith(form.key)) {
        const dropped = alias.key.slice(0, alias.key.length - form.key.length);
        if (dropped.length > 0) {
          const title = dataset.fields[alias.field]?.title ?? '';
          const score =
            dropped.length <= 2 ? 0.85 : 0.6 + (0.2 * form.key.length) / alias.key.length;
          offer(
            alias.field,
            score - form.penalty,
            withHow(form, {
              zh: `列名是「${alias.text}」（即「${title}」）省去开头的「${dropped}」`,
              en: `the header is "${alias.text}" ("${title}") without the leading "${dropped}"`,
            }),
          );
        }
      }
      if (!form.key.includes(alias.key)) continue;
      const title = dataset.fields[alias.field]?.title ?? '';
      const found = containmentScore(form.key, alias, title);
      if (found !== undefined)
        offer(alias.field, found.score - form.penalty, withHow(form, found.reason));
    }
  }
  const [first] = forms;
  if (first !== undefined && first.key.length >= 4) {
    for (const alias of index.all) {
      if (alias.key.length < 4 || best.has(alias.field)) continue;
      const similarity = pairSimilarity(first.key, alias.key);
      if (similarity < 0.6) continue;
      const title = dataset.fields[alias.field]?.title ?? '';
      offer(alias.field, 0.35 + 0.75 * (similarity - 0.6), {
        zh: `列名与「${alias.text}」（即「${title}」）字面相近（相同的二字组占 ${percent(similarity)}）`,
        en: `the header looks like "${alias.text}" ("${title}"): ${percent(similarity)} of character pairs shared`,
      });
    }
  }
  return best;
}

/** Weighs the header candidates of one column with its values, and adds candidates from values alone. */
function columnCandidates(
  column: number,
  sample: ColumnSample,
  forms: readonly HeaderForm[],
  index: HeaderIndex,
  evidence: readonly (FieldEvidence | undefined)[],
  dataset: Dataset,
): Candidate[] {
  const byField = headerCandidates(sample.header, forms, index, dataset);
  const facts = readColumnFacts(sample.samples);
  const enough = facts.values.length >= 3;
  const out: Candidate[] = [];
  for (const [field, found] of byField) {
    const kind = evidence[field];
    let { score, reason } = found;
    if (kind !== undefined && enough) {
      const share = shareOf(facts, kind);
      if (share >= agreeing) {
        score += (1 - score) * 0.5;
        reason = joinReasons(reason, {
          zh: `样本中 ${percent(share)} 的值${kind.label.zh}`,
          en: `${percent(share)} of the sampled values ${kind.label.en}`,
        });
      } else if (share < contradicting && facts.values.length >= 5) {
        // A header that names the field keeps it (the rules will report every bad value); a
        // weaker header match gives way to what the values say.
        score = score >= strongHeader ? score - 0.1 : score * 0.5;
        reason = joinReasons(reason, {
          zh: `但样本中只有 ${percent(share)} 的值${kind.label.zh}`,
          en: `but only ${percent(share)} of the sampled values ${kind.label.en}`,
        });
      }
    }
    out.push({ column, field, score, reason });
  }
  if (!enough) return out;
  const informative = !autoNamed.test(sample.header) && normalizeHeader(sample.header) !== '';
  // Values alone: group the fields by the kind of value they take.
  const groups = new Map<string, number[]>();
  evidence.forEach((kind, field) => {
    if (kind === undefined) return;
    const group = groups.get(kind.key);
    if (group === undefined) groups.set(kind.key, [field]);
    else group.push(field);
  });
  for (const fields of groups.values()) {
    const kind = evidence[fields[0] ?? -1];
    if (kind === undefined) continue;
    const only = fields.length === 1;
    const found = valueOnlyScore(kind, facts, informative, only);
    if (found === undefined) continue;
    const { score, share } = found;
    const lead = informative
      ? { zh: '列名未对应到该字段', en: 'the header does not name the field' }
      : { zh: '列名没有提供线索', en: 'the header tells nothing' };
    for (const field of fields) {
      const title = dataset.fields[field]?.title ?? '';
      const current = out.find((c) => c.field === field);
      if (current !== undefined && current.score >= score) continue;
      const tail = only
        ? {
            zh: `，数据集中只有「${title}」接受这类值`,
            en: `, and only "${title}" takes such values`,
          }
        : {
            zh: `，数据集中有 ${fields.length} 个字段接受这类值，请确认`,
            en: `; ${fields.length} fields take such values, please confirm`,
          };
      const candidate = {
        column,
        field,
        score,
        reason: {
          zh: `${lead.zh}；但样本中 ${percent(share)} 的值${kind.label.zh}${tail.zh}`,
          en: `${lead.en}; but ${percent(share)} of the sampled values ${kind.label.en}${tail.en}`,
        },
      };
      if (current === undefined) out.push(candidate);
      else out[out.indexOf(current)] = candidate;
    }
  }
  return out;
}

function round(score: number): number {
  return Math.round(Math.min(1, Math.max(0, score)) * 100) / 100;
}

function unitTransforms(unit: MoneyUnit | undefined, fieldUnit: string | undefined): Transform[] {
  if (unit === undefined || fieldUnit === undefined || unit === fieldUnit) return [];
  if (!(fieldUnit in moneyUnits)) return [];
  return [{ kind: 'unit', from: unit, to: fieldUnit as MoneyUnit }];
}

/** Suggests a field for each column of a source table (see the file comment for how). */
export function suggestMapping(
  pack: Pack,
  dataset: Dataset,
  columns: readonly ColumnSample[],
): MappingSuggestion {
  let index = indexes.get(dataset);
  if (index === undefined) indexes.set(dataset, (index = buildIndex(dataset)));
  let evidence = evidences.get(dataset);
  if (evidence === undefined)
    evidences.set(dataset, (evidence = createFieldEvidence(pack, dataset)));

  const forms = columns.map((column) => readHeaderForms(column.header));
  const candidates: Candidate[] = [];
  columns.forEach((column, i) => {
    for (const candidate of columnCandidates(
      i,
      column,
      forms[i]?.forms ?? [],
      index,
      evidence,
      dataset,
    )) {
      if (candidate.score >= minimumSuggestion) candidates.push(candidate);
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.column - b.column || a.field - b.field);

  const fieldOfColumn = new Map<number, Candidate>();
  const columnOfField = new Map<number, Candidate>();
  const ties: SuggestionTie[] = [];
  for (const candidate of candidates) {
    if (fieldOfColumn.has(candidate.column) || columnOfField.has(candidate.field)) continue;
    fieldOfColumn.set(candidate.column, candidate);
    columnOfField.set(candidate.field, candidate);
    const rivals = candidates.filter(
      (other) =>
        other.field === candidate.field &&
        other.column !== candidate.column &&
        Math.abs(other.score - candidate.score) < 1e-9 &&
        !fieldOfColumn.has(other.column),
    );
    if (rivals.length > 0) {
      ties.push({
        field: dataset.fields[candidate.field]?.name ?? '',
        columns: [candidate, ...rivals].map((c) => columns[c.column]?.header ?? ''),
      });
    }
  }

  const suggestions = columns.map((column, i): ColumnSuggestion => {
    const chosen = fieldOfColumn.get(i);
    if (chosen !== undefined) {
      const field = dataset.fields[chosen.field];
      const transforms = unitTransforms(forms[i]?.unit, field?.unit);
      const tie = ties.find((t) => t.field === field?.name && t.columns[0] === column.header);
      let reason = chosen.reason;
      if (transforms.length > 0) {
        reason = joinReasons(reason, {
          zh: `列名单位为${forms[i]?.unit ?? ''}，标准为${field?.unit ?? ''}，将换算`,
          en: `the header's unit is ${forms[i]?.unit ?? ''} and the standard's ${field?.unit ?? ''}: converted`,
        });
      }
      if (tie !== undefined) {
        const others = tie.columns.slice(1).join('」「');
        reason = joinReasons(reason, {
          zh: `列「${others}」同样可能对应此字段，请确认`,
          en: `column "${tie.columns.slice(1).join('", "')}" fits this field equally well; please confirm`,
        });
      }
      return {
        column: column.header,
        field: field?.name ?? null,
        confidence: round(chosen.score),
        reason,
        transforms,
      };
    }
    const best = candidates.find((c) => c.column === i);
    if (best === undefined) {
      return {
        column: column.header,
        field: null,
        confidence: 0,
        reason: { zh: '没有找到对应的标准字段', en: 'no standard field fits' },
        transforms: [],
      };
    }
    const field = dataset.fields[best.field];
    const winner = columnOfField.get(best.field);
    const winnerHeader = winner === undefined ? '' : (columns[winner.column]?.header ?? '');
    return {
      column: column.header,
      field: null,
      confidence: 0,
      reason: {
        zh: `最可能是「${field?.title ?? ''}」（${round(best.score)}：${best.reason.zh}），但该字段已由列「${winnerHeader}」对应`,
        en: `most likely "${field?.title ?? ''}" (${round(best.score)}: ${best.reason.en}), but column "${winnerHeader}" already feeds that field`,
      },
      transforms: [],
      contested: field?.name ?? '',
    };
  });

  const confident = new Set(
    suggestions
      .filter((s) => s.field !== null && s.confidence >= confidentSuggestion)
      .map((s) => s.field),
  );
  const unmappedRequired = dataset.fields
    .filter((field) => field.constraints?.required === true && !confident.has(field.name))
    .map((field) => field.name);
  return { columns: suggestions, unmappedRequired, ties };
}
