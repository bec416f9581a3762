/**
 * Builds the code tables the app ships (shared/code-tables/data/*.json) from the reference CSVs
 * in ../shared/reference. Run with `npx tsx scripts/build-code-tables.ts` and commit the output;
 * `--check` only says whether the committed files are up to date.
 *
 * Codes stay strings (leading zeros!). The common spellings that spreadsheets use (男, 汉, 中共党员,
 * ...) are added here as aliases, each with the place it comes from.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const referenceDir = resolve(repoRoot, '../shared/reference');
const outDir = join(repoRoot, 'shared/code-tables/data');

type Row = Record<string, string>;

/** Reads a reference CSV as rows of text (never numbers), failing loudly on a parse error. */
function readCsv(file: string): Row[] {
  const parsed = Papa.parse<Row>(readFileSync(join(referenceDir, file), 'utf8'), {
    header: true,
    skipEmptyLines: true,
    dynamicTyping: false,
  });
  if (parsed.errors.length > 0) {
    throw new Error(
      `${file}: ${parsed.errors.map((e) => `row ${e.row}: ${e.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

function column(row: Row, name: string, file: string): string {
  const value = row[name];
  if (value === undefined) throw new Error(`${file}: no column ${name}`);
  return value.trim();
}

interface EntryJson {
  code: string;
  name: string;
  aliases: string[];
  parent?: string;
  category?: string;
  note?: string;
}

interface TableJson {
  id: string;
  title: string;
  source: string;
  entries: EntryJson[];
}

function entry(
  code: string,
  name: string,
  aliases: readonly string[],
  extra: { parent?: string; category?: string; note?: string } = {},
): EntryJson {
  const unique = [...new Set(aliases.filter((a) => a !== '' && a !== name && a !== code))];
  const out: EntryJson = { code, name, aliases: unique };
  if (extra.parent) out.parent = extra.parent;
  if (extra.category) out.category = extra.category;
  if (extra.note) out.note = extra.note;
  return out;
}

/** Spellings seen in spreadsheets, per table and code; each list says where it comes from. */
const curatedAliases: Record<string, Record<string, readonly string[]>> = {
  // reference README section 5: "In spreadsheets, also accept the values 男 and 女."
  sex: { '1': ['男'], '2': ['女'] },
  // Census and household-register usage (有配偶, 离异), as the project brief asks; not in the standard.
  'marital-status': { '20': ['有配偶'], '40': ['离异'], '90': ['未说明'] },
  // reference README section 5 and the `note` column of ethnic-groups.csv.
  'ethnic-group': { '97': ['其他未识别民族'], '98': ['外国人入籍', '外国人入中国籍'] },
  // reference README section 5: "Current usage often writes 12 as 无党派人士" (also its short name).
  'political-affiliation': { '12': ['无党派人士'] },
};

function curated(table: string, code: string): readonly string[] {
  return curatedAliases[table]?.[code] ?? [];
}

function buildSex(): TableJson {
  const file = 'sex.csv';
  return {
    id: 'sex',
    title: '人的性别代码',
    source:
      'GB/T 2261.1-2003; codes 5 and 6 are disputed (kept with a note); 男/女 accepted as spreadsheet spellings',
    entries: readCsv(file).map((row) => {
      const code = column(row, 'code', file);
      const note = column(row, 'note', file);
      return entry(code, column(row, 'name', file), curated('sex', code), { note });
    }),
  };
}

function buildMaritalStatus(): TableJson {
  const file = 'marital-status.csv';
  return {
    id: 'marital-status',
    title: '婚姻状况代码',
    source: 'GB/T 2261.2-2003; aliases 有配偶, 离异 and 未说明 from common usage',
    entries: readCsv(file).map((row) => {
      const code = column(row, 'code', file);
      return entry(code, column(row, 'name', file), curated('marital-status', code), {
        parent: column(row, 'parent_code', file),
      });
    }),
  };
}

function buildEthnicGroup(): TableJson {
  const file = 'ethnic-groups.csv';
  return {
    id: 'ethnic-group',
    title: '民族代码',
    source:
      'GB 3304-1991 (codes 01-56, romanization, letter codes); 97 and 98 are a widespread extension, not GB 3304',
    entries: readCsv(file).map((row) => {
      const code = column(row, 'code', file);
      const name = column(row, 'name', file);
      // Spreadsheets often drop the 族 (汉, 回); a bare 其他 has no 族 to drop.
      const short = name.endsWith('族') ? name.slice(0, -1) : '';
      const aliases = [
        short,
        column(row, 'roman', file),
        column(row, 'letter_code', file),
        ...curated('ethnic-group', code),
      ];
      return entry(code, name, aliases, { note: column(row, 'note', file) });
    }),
  };
}

function buildHouseholdRelationship(): TableJson {
  const file = 'household-relationship.csv';
  return {
    id: 'household-relationship',
    title: '家庭关系代码',
    source: 'GB/T 4761-2008; category is the one-digit 类别 code',
    entries: readCsv(file).map((row) =>
      entry(column(row, 'code', file), column(row, 'name', file), [], {
        category: column(row, 'category_code', file),
      }),
    ),
  };
}

function buildEducation(): TableJson {
  const file = 'education.csv';
  return {
    id: 'education',
    title: '学历代码',
    source: 'GB/T 4658-2006 (one source: tourze/gb-t-4658); category is the 类别 code',
    entries: readCsv(file).map((row) => {
      const code = column(row, 'code', file);
      const category = column(row, 'category_code', file);
      return entry(code, column(row, 'name', file), [], {
        category: category === code ? '' : category,
      });
    }),
  };
}

function buildPoliticalAffiliation(): TableJson {
  const file = 'political-affiliation.csv';
  return {
    id: 'political-affiliation',
    title: '政治面貌代码',
    source: 'GB/T 4762-1984 (one source: tourze/gb-t-4762); short names from common usage',
    entries: readCsv(file).map((row) => {
      const code = column(row, 'code', file);
      const aliases = [
        column(row, 'common_short_name', file),
        ...curated('political-affiliation', code),
      ];
      return entry(code, column(row, 'name', file), aliases);
    }),
  };
}

const divisionLevels = ['province', 'prefecture', 'county', 'summary'] as const;

/** Division status in the JSON: current, historical, or historical known only from mumuy. */
const divisionStatus = { current: 0, historical: 1, weak: 2 } as const;

/** One division as a tuple: code, name, level index, parent code, status, successor codes. */
type DivisionTuple =
  [string, string, number, string, number] | [string, string, number, string, number, string];

function levelIndex(level: string, file: string): number {
  const index = (divisionLevels as readonly string[]).indexOf(level);
  if (index < 0) throw new Error(`${file}: unknown level ${level}`);
  return index;
}

/** Successor codes without the `[year]` notes the source adds, and without the code itself. */
function successors(code: string, newCodes: string): string {
  const codes = newCodes
    .split(';')
    .map((c) => c.replace(/\[\d+\]$/, '').trim())
    .filter((c) => /^\d{6}$/.test(c) && c !== code);
  return [...new Set(codes)].join(';');
}

function buildDivisions(): { source: string; levels: readonly string[]; rows: DivisionTuple[] } {
  const currentFile = 'admin-divisions.csv';
  const historicalFile = 'admin-divisions-historical.csv';
  const rows = new Map<string, DivisionTuple>();
  for (const row of readCsv(currentFile)) {
    const code = column(row, 'code', currentFile);
    if (rows.has(code)) throw new Error(`${currentFile}: duplicate code ${code}`);
    rows.set(code, [
      code,
      column(row, 'name', currentFile),
      levelIndex(column(row, 'level', currentFile), currentFile),
      column(row, 'parent_code', currentFile),
      divisionStatus.current,
    ]);
  }
  // A historical code may have several rows (renamed, then abolished): keep the latest name,
  // and call it weak only when every row for it comes from mumuy.
  const historical = new Map<string, Row[]>();
  for (const row of readCsv(historicalFile)) {
    const code = column(row, 'code', historicalFile);
    historical.set(code, [...(historical.get(code) ?? []), row]);
  }
  const until = (row: Row): number => Number(column(row, 'valid_until', historicalFile) || '0');
  for (const [code, codeRows] of historical) {
    if (rows.has(code)) continue;
    const latest = codeRows.reduce((a, b) => (until(b) > until(a) ? b : a));
    const isWeak = codeRows.every((r) => column(r, 'source', historicalFile) === 'mumuy');
    const next = successors(code, column(latest, 'new_codes', historicalFile));
    const tuple: DivisionTuple = [
      code,
      column(latest, 'name', historicalFile),
      levelIndex(column(latest, 'level', historicalFile), historicalFile),
      column(latest, 'parent_code', historicalFile),
      isWeak ? divisionStatus.weak : divisionStatus.historical,
    ];
    rows.set(code, next === '' ? tuple : [...tuple, next]);
  }
  return {
    source:
      'GB/T 2260: MCA list as of 2024-12-31 (yescallop/areacodes data/2024.txt) plus abolished, renamed and summary codes 1980-2024 (yescallop result.csv, cn/GB2260, mumuy/data_location)',
    levels: divisionLevels,
    rows: [...rows.values()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
  };
}

interface UsccAuthorityJson {
  code: string;
  name: string;
  types: { code: string; name: string }[];
}

function buildUsccEntityTypes(): { source: string; authorities: UsccAuthorityJson[] } {
  const file = 'uscc-entity-types.csv';
  const authorities = new Map<string, UsccAuthorityJson>();
  for (const row of readCsv(file)) {
    const code = column(row, 'authority_code', file);
    const authority = authorities.get(code) ?? {
      code,
      name: column(row, 'authority_name', file),
      types: [],
    };
    authority.types.push({
      code: column(row, 'type_code', file),
      name: column(row, 'type_name', file),
    });
    authorities.set(code, authority);
  }
  return {
    source: 'GB 32100-2015 Table 1 with its amendment (A, N); four public implementations agree',
    authorities: [...authorities.values()],
  };
}

/** `--check`: compare with the committed files instead of writing them (exit 1 on a difference). */
const isCheck = process.argv.includes('--check');
const stale: string[] = [];

/** Writes (or checks) one JSON file: one entry or row per line, so that a diff reads well. */
function write(name: string, value: unknown): void {
  const path = join(outDir, `${name}.json`);
  const text = `${JSON.stringify(value).replace(/\},\{/g, '},\n{').replace(/\],\[/g, '],\n[')}\n`;
  if (isCheck) {
    if (!existsSync(path) || readFileSync(path, 'utf8') !== text) stale.push(path);
    return;
  }
  writeFileSync(path, text);
  process.stdout.write(`wrote ${path} (${Buffer.byteLength(text)} bytes)\n`);
}

mkdirSync(outDir, { recursive: true });
for (const table of [
  buildSex(),
  buildMaritalStatus(),
  buildEthnicGroup(),
  buildHouseholdRelationship(),
  buildEducation(),
  buildPoliticalAffiliation(),
]) {
  write(table.id, table);
}
write('divisions', buildDivisions());
write('uscc-entity-types', buildUsccEntityTypes());
if (stale.length > 0) {
  process.stderr.write(
    `out of date with ${referenceDir}; run npx tsx scripts/build-code-tables.ts:\n${stale.join('\n')}\n`,
  );
  process.exit(1);
}
