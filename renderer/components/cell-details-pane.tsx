import { useEffect, useState } from 'react';
import type { ChannelOutput, PackSummary, StoredIssueView } from '../../shared/ipc/contract.ts';
import { codeNameOf } from '../../shared/code-tables/search-code-entries.ts';
import { findSourceColumn } from '../../shared/mapping/find-source-column.ts';
import { useApp } from '../app-context.tsx';
import type { ActiveCell } from './records-grid.tsx';
import type { FieldCodes } from './use-field-codes.ts';

type Field = PackSummary['datasets'][number]['fields'][number];
type Source = ChannelOutput<'records:source'>;

/**
 * 详情: why the selected cell has an issue, in a pane below the grid that folds to one line (so
 * it never hides the grid at 1366×768). It shows each issue's rule and message, the value as
 * read from the source file and the value after standardisation (a code with its name), the
 * suggestion with 采用, and the row's other issues. Opened with its button or Alt+Enter in the grid.
 */
export function CellDetailsPane({
  cell,
  fields,
  codes,
  ruleTitles,
  isOpen,
  onToggle,
  onAdopt,
}: {
  cell: ActiveCell | undefined;
  fields: readonly Field[];
  codes: ReadonlyMap<string, FieldCodes>;
  /** Rule id -> the rule's Chinese (or English) title, from the quality summary. */
  ruleTitles: ReadonlyMap<string, string>;
  isOpen: boolean;
  onToggle: () => void;
  /** Stores a suggestion in the cell (checked like any edit). */
  onAdopt: (rid: number, field: string, value: string) => void;
}) {
  const { api, t, f, language, notify } = useApp();
  const rid = cell?.record.rid;
  const [source, setSource] = useState<{ rid: number; source: Source } | undefined>(undefined);
  useEffect(() => {
    if (!isOpen || rid === undefined) return;
    let isCurrent = true;
    void (async () => {
      const result = await api.invoke('records:source', { rid });
      if (!isCurrent) return;
      if (result.ok) setSource({ rid, source: result.value });
      else notify(result.error.message, 'error');
    })();
    return () => {
      isCurrent = false;
    };
  }, [api, notify, isOpen, rid]);

  const fieldIndex = fields.findIndex((x) => x.name === cell?.field);
  const field = fields[fieldIndex];
  const titleOf = (name: string) => fields.find((x) => x.name === name)?.title ?? name;
  /** A value as the clerk reads it: a code with its name, an empty value said so. */
  const shown = (fieldName: string, value: string | null | undefined): string => {
    if (value === null || value === undefined || value === '') return t('emptyValue');
    const names = codes.get(fieldName)?.names;
    const name = names === undefined ? undefined : codeNameOf(names, value);
    return name === undefined ? value : `${value} ${name}`;
  };
  const ruleTitle = (rule: string) => ruleTitles.get(rule) ?? rule;

  const issueItem = (issue: StoredIssueView, canAdopt: boolean) => (
    <li key={issue.id} className={`detail-issue ${issue.severity}`}>
      <strong>{ruleTitle(issue.rule)}</strong>
      {!canAdopt && <span className="muted"> · {titleOf(issue.field)}</span>}
      <span className="muted"> · {shown(issue.field, issue.value)}</span>
      <div>{issue.message[language]}</div>
      {issue.suggestion !== undefined && cell !== undefined && (
        <div className="detail-suggestion">
          {t('suggestion')}：<code>{shown(issue.field, issue.suggestion)}</code>{' '}
          {canAdopt && (
            <button
              type="button"
              className="small"
              onClick={() => onAdopt(cell.record.rid, issue.field, issue.suggestion ?? '')}
            >
              {t('adopt')}
            </button>
          )}
        </div>
      )}
    </li>
  );

  const body = () => {
    if (cell === undefined || field === undefined)
      return <p className="muted">{t('detailsNoCell')}</p>;
    const { record } = cell;
    const own = record.issues.get(field.name) ?? [];
    const others = [...record.issues.entries()]
      .filter(([name]) => name !== field.name)
      .flatMap(([, list]) => list);
    const read = source?.rid === record.rid ? source.source : undefined;
    const column = read === undefined || read === null ? -1 : findSourceColumn(read.columns, field);
    return (
      <div className="details-body">
        <section>
          <h4>
            {field.title} <span className="muted">{field.name}</span>
          </h4>
          <p className="muted">{f('detailsRecord', { rid: record.rid, row: record.sourceRow })}</p>
          <dl>
            <dt>{t('valueNow')}</dt>
            <dd data-detail="standardised">{shown(field.name, record.values[fieldIndex])}</dd>
            <dt>{t('valueInSource')}</dt>
            <dd data-detail="source">
              {read === undefined ? (
                t('working')
              ) : read === null ? (
                t('sourceNotFound')
              ) : column >= 0 ? (
                <>
                  {read.cells[column] === '' || read.cells[column] === undefined
                    ? t('emptyValue')
                    : read.cells[column]}{' '}
                  <span className="muted">
                    （{read.file}
                    {read.sheet === read.file ? '' : ` / ${read.sheet}`} · {read.columns[column]}）
                  </span>
                </>
              ) : (
                <span className="muted">{t('sourceColumnUnknown')}</span>
              )}
            </dd>
          </dl>
          {read !== undefined && read !== null && (
            <details open={column < 0}>
              <summary>{t('sourceWholeRow')}</summary>
              <dl className="source-row">
                {read.columns.map((header, index) => (
                  <div key={index} className={index === column ? 'highlight' : undefined}>
                    <dt>{header}</dt>
                    <dd>{read.cells[index] ?? ''}</dd>
                  </div>
                ))}
              </dl>
            </details>
          )}
        </section>
        <section>
          <h4>{t('cellIssues')}</h4>
          {own.length === 0 ? (
            <p className="muted">{t('cellNoIssues')}</p>
          ) : (
            <ul className="detail-issues" data-detail="cell-issues">
              {own.map((issue) => issueItem(issue, true))}
            </ul>
          )}
          {others.length > 0 && (
            <>
              <h4>{t('rowOtherIssues')}</h4>
              <ul className="detail-issues" data-detail="row-issues">
                {others.map((issue) => issueItem(issue, false))}
              </ul>
            </>
          )}
        </section>
      </div>
    );
  };

  return (
    <section className={`details-pane${isOpen ? ' open' : ''}`} aria-label={t('details')}>
      <button
        type="button"
        className="details-toggle"
        aria-expanded={isOpen}
        title={t('detailsHint')}
        onClick={onToggle}
      >
        {isOpen ? '▾' : '▸'} {t('details')} <span className="muted">Alt+Enter</span>
      </button>
      {isOpen && body()}
    </section>
  );
}
