import { useEffect, useState } from 'react';
import type { ChannelOutput, PackSummary, ProjectState } from '../../shared/ipc/contract.ts';
import { useApp } from '../app-context.tsx';
import type { ImportChoice } from './import-step.tsx';

type Suggestion = ChannelOutput<'mapping:suggest'>;

/** 映射: each source column's suggested standard field, with its confidence and reason; the clerk confirms. */
export function MappingStep({
  project,
  choice,
  onStarted,
}: {
  project: ProjectState;
  choice: ImportChoice | undefined;
  onStarted: () => void;
}) {
  const { api, t, notify } = useApp();
  const [fields, setFields] = useState<PackSummary['datasets'][number]['fields']>([]);
  const [suggestion, setSuggestion] = useState<Suggestion | undefined>(undefined);
  const [columns, setColumns] = useState<{ column: string; field: string | null }[]>([]);

  useEffect(() => {
    void (async () => {
      const packs = await api.invoke('packs:list', {});
      if (packs.ok) {
        setFields(
          packs.value
            .find((p) => p.id === project.packId)
            ?.datasets.find((d) => d.name === project.dataset)?.fields ?? [],
        );
      }
    })();
  }, [api, project.packId, project.dataset]);

  useEffect(() => {
    if (choice === undefined) return;
    void (async () => {
      const result = await api.invoke('mapping:suggest', {
        fileId: choice.file.fileId,
        sheet: choice.sheet,
        headerRow: choice.headerRow,
      });
      if (!result.ok) {
        notify(result.error.message, 'error');
        return;
      }
      setSuggestion(result.value);
      setColumns(result.value.columns.map((c) => ({ column: c.column, field: c.field })));
    })();
  }, [api, choice, notify]);

  if (choice === undefined) return <div className="card muted">{t('noFileYet')}</div>;

  const used = new Set(columns.map((c) => c.field).filter((f): f is string => f !== null));
  const missing = fields.filter((f) => f.isRequired && !used.has(f.name));

  const start = async () => {
    const result = await api.invoke('project:import', {
      fileId: choice.file.fileId,
      sheet: choice.sheet,
      headerRow: choice.headerRow,
      columns,
    });
    if (result.ok) onStarted();
    else notify(result.error.message, 'error');
  };

  return (
    <div className="mapping card">
      <h2>
        {choice.file.name} · {choice.sheet}
      </h2>
      {suggestion?.template !== undefined && <p className="notice-inline">{suggestion.template}</p>}
      <table className="table">
        <thead>
          <tr>
            <th>{t('sourceColumn')}</th>
            <th>{t('standardField')}</th>
            <th>{t('confidence')}</th>
            <th>{t('reason')}</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((entry, index) => {
            const suggested = suggestion?.columns[index];
            return (
              <tr key={entry.column}>
                <td>{entry.column}</td>
                <td>
                  <select
                    aria-label={entry.column}
                    value={entry.field ?? ''}
                    onChange={(e) => {
                      const next = [...columns];
                      next[index] = {
                        column: entry.column,
                        field: e.target.value === '' ? null : e.target.value,
                      };
                      setColumns(next);
                    }}
                  >
                    <option value="">{t('notMapped')}</option>
                    {fields.map((f) => (
                      <option
                        key={f.name}
                        value={f.name}
                        disabled={used.has(f.name) && entry.field !== f.name}
                      >
                        {f.title}（{f.name}）
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {suggested?.field === entry.field &&
                    suggested?.field !== null &&
                    suggested !== undefined && (
                      <span
                        className="confidence"
                        style={{ ['--level' as string]: suggested.confidence }}
                      >
                        {Math.round(suggested.confidence * 100)}%
                      </span>
                    )}
                </td>
                <td className="muted">
                  {suggested?.field === entry.field ? suggested.reason : ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {missing.length > 0 && (
        <p className="warning-text">
          {t('unmappedRequired')}：{missing.map((f) => f.title).join('、')}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="primary" onClick={() => void start()}>
          {t('startImport')}
        </button>
      </div>
    </div>
  );
}
