/**
 * GB 32100-2015 Table 1 with its amendment: which entity types (机构类别, 2nd character of a
 * unified social credit code) each registration authority (登记管理部门, 1st character) issues.
 */
import usccData from './data/uscc-entity-types.json' with { type: 'json' };

/** One registration authority and entity type pair, e.g. 9 工商 / 1 企业. */
export interface UsccEntityType {
  readonly authority: string;
  readonly authorityName: string;
  readonly type: string;
  readonly typeName: string;
}

interface UsccIndex {
  readonly pairs: ReadonlyMap<number, UsccEntityType>;
  readonly authorities: ReadonlyMap<number, string>;
}

let index: UsccIndex | undefined;

function buildIndex(): UsccIndex {
  const pairs = new Map<number, UsccEntityType>();
  const authorities = new Map<number, string>();
  for (const authority of usccData.authorities) {
    authorities.set(authority.code.charCodeAt(0), authority.name);
    for (const type of authority.types) {
      pairs.set(authority.code.charCodeAt(0) * 0x10000 + type.code.charCodeAt(0), {
        authority: authority.code,
        authorityName: authority.name,
        type: type.code,
        typeName: type.name,
      });
    }
  }
  return { pairs, authorities };
}

function usccIndex(): UsccIndex {
  index ??= buildIndex();
  return index;
}

/** The name of a registration authority from its character code (`9` -> 工商), if defined. */
export function lookupUsccAuthority(authorityCharCode: number): string | undefined {
  return usccIndex().authorities.get(authorityCharCode);
}

/**
 * The authority and entity-type pair of a credit code's first two characters, given as
 * character codes (so that a hot loop cuts no substring); undefined when the pair is not defined.
 */
export function lookupUsccEntityType(
  authorityCharCode: number,
  typeCharCode: number,
): UsccEntityType | undefined {
  return usccIndex().pairs.get(authorityCharCode * 0x10000 + typeCharCode);
}

/** Every defined pair, in the order of the standard's table. */
export function listUsccEntityTypes(): readonly UsccEntityType[] {
  return [...usccIndex().pairs.values()];
}
