import { useEffect, useRef, useState, type CSSProperties } from 'react';
import type { ChannelOutput } from '../../shared/ipc/contract.ts';
import { codeNameOf } from '../../shared/code-tables/search-code-entries.ts';
import { useApp } from '../app-context.tsx';
import type { RecordFilter } from './record-page-store.ts';
import type { FieldCodes } from './use-field-codes.ts';

/** One column's filter (筛选): the values kept ('' = blank) and/or a text the value contains. */
export type ColumnFilter = NonNullable<RecordFilter['columns']>[number];

type ValueList = ChannelOutput<'records:column-values'>;

/** How long typing pauses before the value list is asked for again. */
const typingPauseMs = 250;

/**
 * A column's filter menu, like Excel's AutoFilter: a text the value must contain, and the
 * column's values with how many rows hold each (the most common first, capped by the engine),
 * to tick the ones to keep. The counts are of the rows the other filters keep. A code field's
 * values show their names beside them (2 女, 01 汉族), as the grid's cells do.
 */
export function ColumnFilterMenu({
  field,
  title,
  view,
  current,
  codes,
  style,
  onApply,
  onClose,
}: {
  field: string;
  title: string;
  /** The grid's view now (its issue filter, column filters and sort). */
  view: RecordFilter;
  current: ColumnFilter | undefined;
  /** The field's code table, if it has one: each code is listed with its name. */
  codes?: FieldCodes | undefined;
  style: CSSProperties;
  /** The new filter of the column (undefined: none). */
  onApply: (filter: ColumnFilter | undefined) => void;
  onClose: () => void;
}) {
  const { api, t, f, notify } = useApp();
  const [text, setText] = useState(current?.text ?? '');
  const [list, setList] = useState<ValueList | undefined>(undefined);
  /** The ticked values; undefined: all of them (no value filter). */
  const [ticked, setTicked] = useState<ReadonlySet<string> | undefined>(
    current?.values === undefined ? undefined : new Set(current.values),
  );
  const menuRef = useRef<HTMLDivElement>(null);
  const viewKey = JSON.stringify(view);

  useEffect(() => {
    let isCurrent = true;
    const timer = setTimeout(() => {
      void (async () => {
        const result = await api.invoke('records:column-values', {
          filter: JSON.parse(viewKey) as RecordFilter,
          field,
          ...(text.trim() === '' ? {} : { text: text.trim() }),
        });
        if (!isCurrent) return;
        if (result.ok) setList(result.value);
        else notify(result.error.message, 'error');
      })();
    }, typingPauseMs);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [api, notify, field, text, viewKey]);

  // A click elsewhere closes the menu, as Escape does.
  useEffect(() => {
    const onDown = (event: MouseEvent) => {
      if (!(event.target instanceof Node) || menuRef.current?.contains(event.target) !== true)
        onClose();
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [onClose]);

  const values = list?.values ?? [];
  /** A code's name after it, as in the grid; nothing for a value not in the code table. */
  const codeName = (value: string) => {
    const name = codes === undefined || value === '' ? undefined : codeNameOf(codes.names, value);
    return name === undefined ? null : <span className="code-name"> {name}</span>;
  };
  const isTicked = (value: string) => ticked === undefined || ticked.has(value);
  const isAllTicked = values.every((v) => isTicked(v.value));
  const toggle = (value: string) => {
    const next = new Set(ticked ?? values.map((v) => v.value));
    if (next.has(value)) next.delete(value);
    else next.add(value);
    setTicked(values.every((v) => next.has(v.value)) ? undefined : next);
  };

  const apply = () => {
    const contains = text.trim();
    const kept =
      ticked === undefined ? undefined : values.map((v) => v.value).filter((v) => ticked.has(v));
    if (contains === '' && kept === undefined) onApply(undefined);
    else
      onApply({
        field,
        ...(contains === '' ? {} : { text: contains }),
        ...(kept === undefined ? {} : { values: kept }),
      });
  };

  return (
    <div
      className="column-filter-menu"
      role="dialog"
      aria-label={`${t('filterColumn')}：${title}`}
      ref={menuRef}
      style={style}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <strong>
        {t('filterColumn')}：{title}
      </strong>
      <label className="filter-contains">
        {t('filterContains')}
        <input
          autoFocus
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') apply();
          }}
        />
      </label>
      {list === undefined ? (
        <p className="muted">{t('working')}</p>
      ) : (
        <>
          <label className="filter-value all">
            <input
              type="checkbox"
              checked={isAllTicked}
              onChange={() => setTicked(isAllTicked ? new Set() : undefined)}
            />
            {t('filterSelectAll')}
          </label>
          <ul className="filter-values">
            {values.map((v) => (
              <li key={v.value} data-value={v.value}>
                <label className="filter-value">
                  <input
                    type="checkbox"
                    checked={isTicked(v.value)}
                    onChange={() => toggle(v.value)}
                  />
                  <span className="filter-value-text">
                    {v.value === '' ? t('filterBlank') : v.value}
                    {codeName(v.value)}
                  </span>
                  <span className="muted filter-count">{v.count.toLocaleString()}</span>
                </label>
              </li>
            ))}
          </ul>
          {list.distinct > values.length && (
            <p className="muted filter-capped">
              {f('filterCapped', { shown: values.length, distinct: list.distinct })}
            </p>
          )}
        </>
      )}
      <div className="filter-buttons">
        <button type="button" className="primary" onClick={apply}>
          {t('filterApply')}
        </button>
        <button type="button" onClick={() => onApply(undefined)} disabled={current === undefined}>
          {t('filterClear')}
        </button>
        <button type="button" onClick={onClose}>
          {t('filterCancel')}
        </button>
      </div>
    </div>
  );
}
