/**
 * The standard packs that ship with the app (DESIGN.md section 2, step 1). Each JSON file is
 * checked by the pack loader when this module loads: a bundled pack that fails is a bug, so it
 * throws rather than returning an error for a clerk.
 */
import { parsePack } from '../pack/load-pack.ts';
import type { Pack } from '../pack/pack-schema.ts';
import legalEntityBase from './legal-entity-base.json' with { type: 'json' };
import popBase from './pop-base.json' with { type: 'json' };
import sgsXzcf from './sgs-xzcf.json' with { type: 'json' };
import sgsXzxk from './sgs-xzxk.json' with { type: 'json' };

function loadBundled(file: string, json: unknown): Pack {
  const result = parsePack(json);
  if (!result.ok) {
    const details = (result.error.details ?? []).join('\n  ');
    throw new Error(`Bundled pack ${file} is invalid: ${result.error.message.en}\n  ${details}`);
  }
  return deepFreeze(result.value);
}

/** Freezes a parsed pack so no caller can change the copy every other caller shares. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The bundled packs: 人口基础信息, 法人单位基础信息, 行政许可 and 行政处罚 (双公示). */
export const bundledPacks: readonly Pack[] = [
  loadBundled('pop-base.json', popBase),
  loadBundled('legal-entity-base.json', legalEntityBase),
  loadBundled('sgs-xzxk.json', sgsXzxk),
  loadBundled('sgs-xzcf.json', sgsXzcf),
];

/** Finds a bundled pack by its id (`pop-base`, `legal-entity-base`, `sgs-xzxk`, `sgs-xzcf`). */
export function findBundledPack(id: string): Pack | undefined {
  return bundledPacks.find((pack) => pack.id === id);
}
