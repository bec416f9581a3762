import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelInput, PackSummary, StoredIssueView } from '../../shared/ipc/contract.ts';
import { useApp } from '../app-context.tsx';

type Field = PackSummary['datasets'][number]['fields'][number];
type Filter = ChannelInput<'records:page'>['filter'];

interface PageRow {
  readonly rid: number;
  readonly sourceRow: number;
  readonly values: readonly (string | null)[];
  readonly issues: ReadonlyMap<string, StoredIssueView[]>;
}

const pageSize = 100;
const rowHeight = 30;

/**
 * The records of the project in a virtualised grid: only the rows on screen exist in the page,
 * fetched a page at a time from the engine, so a million rows scroll as smoothly as a hundred.
 * Cells with issues are marked and explained; double-click a cell to edit it.
 */
export function RecordsGrid({
  fields,
  filter,
  refreshKey,
  onEdit,
  highlightField,
}: {
  fields: readonly Field[];
  filter: Filter;
  /** Changes whenever the records may have changed (the project state), so pages are fetched again. */
  refreshKey: unknown;
  onEdit: (rid: number, field: string, value: string) => Promise<void>;
  /** A column to mark and scroll into view (the field of the issues being looked at). */
  highlightField?: string | undefined;
}) {
  const { api, t, notify, language } = useApp();
  const [total, setTotal] = useState(0);
  const [pages, setPages] = useState<ReadonlyMap<number, PageRow[]>>(new Map());
  const loading = useRef(new Set<number>());
  const scrollRef = useRef<HTMLDivElement>(null);
  const [editing, setEditing] = useState<{ rid: number; field: string; value: string } | undefined>(
    undefined,
  );
  const filterKey = JSON.stringify(filter);

  const loadPage = useCallback(
    async (page: number) => {
      if (loading.current.has(page)) return;
      loading.current.add(page);
      const pageFilter = JSON.parse(filterKey) as Filter;
      const result = await api.invoke('records:page', {
        offset: page * pageSize,
        limit: pageSize,
        filter: pageFilter,
      });
      loading.current.delete(page);
      if (!result.ok) {
        notify(result.error.message, 'error');
        return;
      }
      const byRecord = new Map<number, Map<string, StoredIssueView[]>>();
      for (const issue of result.value.issues) {
        const cells = byRecord.get(issue.row) ?? new Map<string, StoredIssueView[]>();
        cells.set(issue.field, [...(cells.get(issue.field) ?? []), issue]);
        byRecord.set(issue.row, cells);
      }
      setTotal(result.value.total);
      setPages((current) =>
        new Map(current).set(
          page,
          result.value.rows.map((row) => ({ ...row, issues: byRecord.get(row.rid) ?? new Map() })),
        ),
      );
    },
    [api, filterKey, notify],
  );

  useEffect(() => {
    setPages(new Map());
    loading.current.clear();
    void loadPage(0);
  }, [loadPage, refreshKey]);

  // Stable callbacks: the virtualizer re-measures every row when they change, which at a
  // million rows would cost a full pass on each render.
  const getScrollElement = useCallback(() => scrollRef.current, []);
  const estimateSize = useCallback(() => rowHeight, []);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement,
    estimateSize,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const firstPage = items.length > 0 ? Math.floor((items[0]?.index ?? 0) / pageSize) : 0;
  const lastPage =
    items.length > 0 ? Math.floor((items[items.length - 1]?.index ?? 0) / pageSize) : 0;
  useEffect(() => {
    for (let page = firstPage; page <= lastPage; page += 1)
      if (!pages.has(page)) void loadPage(page);
  }, [firstPage, lastPage, pages, loadPage]);

  useEffect(() => {
    const body = scrollRef.current;
    const head = body?.querySelector<HTMLElement>(`.grid-header [data-field="${highlightField}"]`);
    if (body === null || head === null || head === undefined) return;
    if (
      head.offsetLeft < body.scrollLeft ||
      head.offsetLeft + head.offsetWidth > body.scrollLeft + body.clientWidth
    )
      body.scrollLeft = Math.max(0, head.offsetLeft - 84);
  }, [highlightField]);

  const widths = [
    84,
    ...fields.map((f) =>
      f.format === 'gb11643' || f.format === 'gb32100' ? 180 : f.type === 'date' ? 116 : 140,
    ),
  ];
  const template = widths.map((w) => `${w}px`).join(' ');
  const totalWidth = widths.reduce((sum, w) => sum + w, 0);

  const commit = async () => {
    if (editing === undefined) return;
    const { rid, field, value } = editing;
    setEditing(undefined);
    await onEdit(rid, field, value);
  };

  return (
    <div className="grid" role="grid" aria-rowcount={total}>
      <div className="grid-body" ref={scrollRef}>
        <div className="grid-header" style={{ gridTemplateColumns: template, width: totalWidth }}>
          <div className="grid-cell head">{t('sourceRow')}</div>
          {fields.map((field) => (
            <div
              key={field.name}
              className={`grid-cell head${field.name === highlightField ? ' highlight' : ''}`}
              title={field.name}
              data-field={field.name}
            >
              {field.title}
              {field.isRequired && <span className="required-mark">*</span>}
            </div>
          ))}
        </div>
        <div
          style={{ height: virtualizer.getTotalSize(), width: totalWidth, position: 'relative' }}
        >
          {items.map((item) => {
            const row = pages.get(Math.floor(item.index / pageSize))?.[item.index % pageSize];
            return (
              <div
                key={item.key}
                className="grid-row"
                role="row"
                style={{
                  gridTemplateColumns: template,
                  transform: `translateY(${item.start}px)`,
                  height: rowHeight,
                }}
              >
                {row === undefined ? (
                  <div className="grid-cell muted">…</div>
                ) : (
                  <>
                    <div className="grid-cell row-number" title={`#${row.rid}`}>
                      {row.sourceRow}
                    </div>
                    {fields.map((field, index) => {
                      const issues = row.issues.get(field.name) ?? [];
                      const worst = issues.some((i) => i.severity === 'error')
                        ? 'error'
                        : issues.length > 0
                          ? 'warning'
                          : '';
                      const isEditing = editing?.rid === row.rid && editing.field === field.name;
                      const value = row.values[index];
                      return (
                        <div
                          key={field.name}
                          role="gridcell"
                          className={`grid-cell ${worst}${field.name === highlightField ? ' highlight' : ''}`}
                          data-field={field.name}
                          data-rid={row.rid}
                          title={issues
                            .map(
                              (i) =>
                                i.message[language] +
                                (i.suggestion === undefined
                                  ? ''
                                  : `（${t('suggestion')}：${i.suggestion}）`),
                            )
                            .join('\n')}
                          onDoubleClick={() =>
                            setEditing({ rid: row.rid, field: field.name, value: value ?? '' })
                          }
                        >
                          {isEditing ? (
                            <input
                              autoFocus
                              className="cell-editor"
                              value={editing.value}
                              onChange={(e) => setEditing({ ...editing, value: e.target.value })}
                              onKeyDown={(e) => {
                                if (e.key === 'Enter') void commit();
                                if (e.key === 'Escape') setEditing(undefined);
                              }}
                              onBlur={() => setEditing(undefined)}
                            />
                          ) : (
                            (value ?? '')
                          )}
                        </div>
                      );
                    })}
                  </>
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div className="grid-footer muted">
        {total.toLocaleString()} {t('records')} · {t('editHint')}
      </div>
    </div>
  );
}
