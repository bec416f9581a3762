import { useEffect, useMemo, useRef, useState } from 'react';
import type { ChannelOutput, PackSummary } from '../../shared/ipc/contract.ts';
import type { ValueMap } from '../../shared/mapping/mapping-schema.ts';
import { useApp } from '../app-context.tsx';

type FieldInfo = PackSummary['datasets'][number]['fields'][number];
type ValueSuggestion = ChannelOutput<'mapping:value-map'>[number];

/** Matches whose code goes into the value map without asking (the standard's own spellings). */
const sureMatches = new Set(['standard', 'common', 'template']);

/** A code table this large is picked from a typed list, not a drop-down. */
const largeTable = 300;

/**
 * The value map of one code field: each distinct source value (after the column's transforms)
 * with its count, the standard code it maps to (chosen from the field's code table or allowed
 * values), and the suggestion. A sure suggestion is filled in when the editor first sees its
 * value; guesses wait for the clerk; values left unmapped are flagged, and the rules report them.
 */
export function ValueMapEditor({
  packId,
  field,
  column,
  values,
  hasMoreValues,
  sampledRows,
  valueMap,
  onChange,
  onFill,
}: {
  packId: string;
  field: FieldInfo;
  column: string;
  values: readonly { value: string; count: number }[];
  hasMoreValues: boolean;
  sampledRows: number;
  valueMap: ValueMap | undefined;
  onChange: (value: string, code: string | undefined) => void;
  /** Fills in entries the value map does not have yet (stable: the editor calls it once). */
  onFill: (field: string, entries: Readonly<Record<string, string>>) => void;
}) {
  const { api, t, f, language, notify } = useApp();
  const [suggestions, setSuggestions] = useState<readonly ValueSuggestion[]>([]);
  const [codes, setCodes] = useState<readonly { code: string; name: string }[]>(
    (field.enumValues ?? []).map((value) => ({ code: value, name: value })),
  );
  /** Values whose suggestion was already offered: a sure code is filled in once, never again. */
  const offered = useRef(new Set<string>());
  const valuesKey = JSON.stringify(values);

  useEffect(() => {
    if (field.codeTable === undefined) return;
    void (async () => {
      const result = await api.invoke('packs:codes', { packId, table: field.codeTable ?? '' });
      if (result.ok) setCodes(result.value);
      else notify(result.error.message, 'error');
    })();
  }, [api, notify, packId, field.codeTable]);

  useEffect(() => {
    const counted = JSON.parse(valuesKey) as { value: string; count: number }[];
    if (counted.length === 0) return;
    let isCurrent = true;
    void (async () => {
      const result = await api.invoke('mapping:value-map', { field: field.name, values: counted });
      if (!isCurrent) return;
      if (!result.ok) {
        notify(result.error.message, 'error');
        return;
      }
      setSuggestions(result.value);
      const entries: Record<string, string> = {};
      for (const s of result.value) {
        if (offered.current.has(s.value)) continue;
        offered.current.add(s.value);
        if (s.code !== null && sureMatches.has(s.match)) entries[s.value] = s.code;
      }
      if (Object.keys(entries).length > 0) onFill(field.name, entries);
    })();
    return () => {
      isCurrent = false;
    };
  }, [api, notify, onFill, field.name, valuesKey]);

  const names = useMemo(() => new Map(codes.map((c) => [c.code, c.name])), [codes]);
  const label = (code: string) => {
    const name = names.get(code);
    return name === undefined || name === code ? code : `${code} ${name}`;
  };
  const shown = values.length === 0 ? [] : suggestions;
  const codeOf = (value: string): string | undefined => valueMap?.[value] ?? undefined;
  const unmapped = shown.filter((s) => codeOf(s.value) === undefined).length;
  const listId = `codes-${field.name}`;

  return (
    <section className="value-map" aria-label={`${t('valueMaps')} ${field.title}`}>
      <h4>
        {f('valueMapOf', { field: `${field.title}（${field.name}）`, column })}
        <span className={unmapped > 0 ? 'warning-text' : 'ok-text'}>
          {unmapped > 0 ? f('unmappedValues', { n: unmapped }) : t('allValuesMapped')}
        </span>
      </h4>
      <p className="muted small">
        {f('valuesSampled', { rows: sampledRows })}
        {hasMoreValues ? `；${t('manyValues')}` : ''}
      </p>
      {codes.length > largeTable && (
        <datalist id={listId}>
          {codes.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </datalist>
      )}
      <table className="table compact">
        <thead>
          <tr>
            <th>{t('transformedValue')}</th>
            <th>{t('count')}</th>
            <th>{t('standardCode')}</th>
            <th>{t('reason')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((s) => {
            const code = codeOf(s.value);
            const isUnmapped = code === undefined;
            return (
              <tr key={s.value} className={isUnmapped ? 'unmapped' : undefined}>
                <td className="mono">{s.value}</td>
                <td>{s.count.toLocaleString()}</td>
                <td>
                  {codes.length > largeTable ? (
                    <input
                      list={listId}
                      aria-label={`${field.title} ${s.value}`}
                      value={code ?? ''}
                      onChange={(e) =>
                        onChange(s.value, e.target.value === '' ? undefined : e.target.value)
                      }
                    />
                  ) : (
                    <select
                      aria-label={`${field.title} ${s.value}`}
                      value={code ?? ''}
                      onChange={(e) =>
                        onChange(s.value, e.target.value === '' ? undefined : e.target.value)
                      }
                    >
                      <option value="">{t('noCode')}</option>
                      {codes.map((c) => (
                        <option key={c.code} value={c.code}>
                          {label(c.code)}
                        </option>
                      ))}
                    </select>
                  )}
                </td>
                <td className="muted">
                  {isUnmapped && <span className="badge warning">{t('notMappedValue')}</span>}{' '}
                  {s.code !== null && s.code !== code ? (
                    <button
                      type="button"
                      className="chip"
                      onClick={() => onChange(s.value, s.code ?? undefined)}
                    >
                      {t('adopt')} {label(s.code)}
                    </button>
                  ) : null}{' '}
                  {s.reason[language]}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
