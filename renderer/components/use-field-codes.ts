import { useEffect, useState } from 'react';
import type { PackSummary } from '../../shared/ipc/contract.ts';
import type { CodeEntry } from '../../shared/code-tables/code-table.ts';
import { useApp } from '../app-context.tsx';

type Field = PackSummary['datasets'][number]['fields'][number];

/** The code table of one field, as the grid shows it: the entries and the name of each code. */
export interface FieldCodes {
  readonly entries: readonly CodeEntry[];
  /** Code -> name (`01` -> 汉族). */
  readonly names: ReadonlyMap<string, string>;
}

/** No code fields (before the tables arrive, or a pack without code tables). */
const none: ReadonlyMap<string, FieldCodes> = new Map();

/**
 * The code tables of the fields that have one (性别, 民族, 文化程度 …), by field name, fetched once
 * per pack from the engine, so cells can show a code's name and the editor offer the codes.
 */
export function useFieldCodes(
  packId: string,
  fields: readonly Field[],
): ReadonlyMap<string, FieldCodes> {
  const { api, notify } = useApp();
  const [codes, setCodes] = useState<{ key: string; byField: ReadonlyMap<string, FieldCodes> }>({
    key: '',
    byField: none,
  });
  const tables = [
    ...new Set(fields.flatMap((f) => (f.codeTable === undefined ? [] : [f.codeTable]))),
  ];
  const key = `${packId}\n${fields.map((f) => `${f.name}=${f.codeTable ?? ''}`).join('\n')}`;
  const tablesKey = tables.join('\n');
  useEffect(() => {
    let isCurrent = true;
    void (async () => {
      const loaded = new Map<string, FieldCodes>();
      for (const table of tablesKey === '' ? [] : tablesKey.split('\n')) {
        const result = await api.invoke('packs:codes', { packId, table });
        if (!isCurrent) return;
        if (!result.ok) {
          notify(result.error.message, 'error');
          continue;
        }
        const entries = result.value;
        loaded.set(table, {
          entries,
          names: new Map(entries.map((e) => [e.code, e.name])),
        });
      }
      const byField = new Map<string, FieldCodes>();
      for (const line of key.split('\n').slice(1)) {
        const [field = '', table = ''] = line.split('=');
        const found = loaded.get(table);
        if (found !== undefined) byField.set(field, found);
      }
      setCodes({ key, byField });
    })();
    return () => {
      isCurrent = false;
    };
  }, [api, notify, packId, key, tablesKey]);
  return codes.key === key ? codes.byField : none;
}
