/** The engine's handlers of standard packs: listing, importing, and their code tables. */
import type { PackSummary } from '../../../shared/ipc/contract.ts';
import { err, ok } from '../../../shared/result.ts';
import { recordRuleTypes } from '../../../shared/rules/index.ts';
import { resolveCodeTable } from '../../../shared/validate/dataset-validator.ts';
import { findPack, importPack, listPacks } from '../packs/pack-store.ts';
import type { EngineHandlers } from './handler.ts';

function summarizePack(
  pack: Parameters<typeof resolveCodeTable>[0],
  origin: 'bundled' | 'imported',
): PackSummary {
  return {
    id: pack.id,
    title: pack.title,
    version: pack.version,
    origin,
    ...(pack.description === undefined ? {} : { description: pack.description }),
    datasets: pack.datasets.map((dataset) => ({
      name: dataset.name,
      title: dataset.title,
      fields: dataset.fields.map((field) => ({
        name: field.name,
        title: field.title,
        type: field.type,
        ...(field.format === undefined ? {} : { format: field.format }),
        ...(field.description === undefined ? {} : { description: field.description }),
        isRequired: field.constraints?.required === true,
        isUnique: field.constraints?.unique === true,
        ...(field.constraints?.codeTable === undefined
          ? {}
          : { codeTable: field.constraints.codeTable }),
        ...(field.constraints?.enum === undefined ? {} : { enumValues: field.constraints.enum }),
        ...(field.unit === undefined ? {} : { unit: field.unit }),
        sharing: field.classification.sharing,
        opening: field.classification.opening,
        mask: field.classification.mask,
      })),
      rules: (dataset.rules ?? []).map((rule) => ({
        id: rule.id,
        type: rule.type,
        severity: rule.severity ?? 'error',
        description: rule.description?.zh ?? recordRuleTypes[rule.type].zh,
      })),
    })),
    codeTables: Object.entries(pack.codeTables ?? {}).map(([name, spec]) => ({
      name,
      title: spec.title,
      source: spec.source ?? '',
      size: resolveCodeTable(pack, name).entries.length,
    })),
  };
}

/** One handler per channel of standard packs: listing, importing, and their code tables. */
export const packsHandlers: Pick<EngineHandlers, 'packs:list' | 'packs:import' | 'packs:codes'> = {
  async 'packs:list'() {
    const { packs } = await listPacks();
    return ok(packs.map(({ pack, origin }) => summarizePack(pack, origin)));
  },

  async 'packs:import'(input, session) {
    const file = session.file(input.fileId);
    if (!file.ok) return file;
    const imported = await importPack(file.value.path, file.value.name);
    if (!imported.ok) return imported;
    const { pack, file: stored, isNew } = imported.value;
    return ok({ pack: summarizePack(pack, 'imported'), file: stored, isNew });
  },

  async 'packs:codes'(input) {
    const pack = await findPack(input.packId);
    if (!pack.ok) return pack;
    if (pack.value.codeTables?.[input.table] === undefined) {
      return err(
        'code-table-not-found',
        `标准包中没有代码表「${input.table}」`,
        `The pack has no code table "${input.table}"`,
      );
    }
    const table = resolveCodeTable(pack.value, input.table);
    return ok(table.entries.map((e) => ({ code: e.code, name: e.name, aliases: [...e.aliases] })));
  },
};
