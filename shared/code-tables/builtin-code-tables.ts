/**
 * The code tables that ship with the app, built from ../shared/reference by
 * scripts/build-code-tables.ts into data/*.json. Each table and its lookup is built once.
 */
import type { BuiltinCodeTable } from '../pack/pack-schema.ts';
import { assertNever } from '../result.ts';
import { createCodeLookup, type CodeEntry, type CodeLookup, type CodeTable } from './code-table.ts';
import educationData from './data/education.json' with { type: 'json' };
import ethnicGroupData from './data/ethnic-group.json' with { type: 'json' };
import householdRelationshipData from './data/household-relationship.json' with { type: 'json' };
import maritalStatusData from './data/marital-status.json' with { type: 'json' };
import politicalAffiliationData from './data/political-affiliation.json' with { type: 'json' };
import sexData from './data/sex.json' with { type: 'json' };
import { listDivisions, type Division } from './divisions.ts';

const tables = new Map<BuiltinCodeTable, CodeTable>();
const lookups = new Map<BuiltinCodeTable, CodeLookup>();

/**
 * The division table for value maps: the current codes only (a present-day field holds a
 * present-day code; the `gb2260` format accepts historical codes with a warning). Each division
 * can also be named with its parents (菏泽市牡丹区, 山东省菏泽市牡丹区); a bare name shared by
 * two divisions (朝阳区) resolves to nothing.
 */
function createDivisionTable(): CodeTable {
  const current = listDivisions().filter((d) => d.status === 'current');
  const byCode = new Map<string, Division>(current.map((d) => [d.code, d]));
  const entries = current.map((division): CodeEntry => {
    const names: string[] = [];
    let qualified = division.name;
    let parent = division.parent === undefined ? undefined : byCode.get(division.parent);
    while (parent !== undefined) {
      qualified = parent.name + qualified;
      names.push(qualified);
      parent = parent.parent === undefined ? undefined : byCode.get(parent.parent);
    }
    return {
      code: division.code,
      name: division.name,
      aliases: names,
      ...(division.parent === undefined ? {} : { parent: division.parent }),
      category: division.level,
    };
  });
  return {
    id: 'division',
    title: '行政区划代码',
    source: 'GB/T 2260: Ministry of Civil Affairs list as of 2024-12-31 (yescallop/areacodes)',
    entries,
  };
}

function createTable(id: BuiltinCodeTable): CodeTable {
  switch (id) {
    case 'sex':
      return sexData;
    case 'marital-status':
      return maritalStatusData;
    case 'ethnic-group':
      return ethnicGroupData;
    case 'household-relationship':
      return householdRelationshipData;
    case 'education':
      return educationData;
    case 'political-affiliation':
      return politicalAffiliationData;
    case 'division':
      return createDivisionTable();
    default:
      return assertNever(id);
  }
}

/** A built-in code table (性别, 民族, 行政区划, ...), built on first use. */
export function getBuiltinCodeTable(id: BuiltinCodeTable): CodeTable {
  let table = tables.get(id);
  if (table === undefined) {
    table = createTable(id);
    tables.set(id, table);
  }
  return table;
}

/** The lookup of a built-in code table, built on first use and shared after. */
export function getBuiltinCodeLookup(id: BuiltinCodeTable): CodeLookup {
  let lookup = lookups.get(id);
  if (lookup === undefined) {
    lookup = createCodeLookup(getBuiltinCodeTable(id));
    lookups.set(id, lookup);
  }
  return lookup;
}
