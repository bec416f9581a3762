import { useCallback, useEffect, useState } from 'react';
import type { ChannelOutput, PackSummary, ProjectState } from '../../shared/ipc/contract.ts';
import { useApp } from '../app-context.tsx';
import { QualityChart } from '../components/quality-chart.tsx';
import { RecordsGrid } from '../components/records-grid.tsx';

/** Rules whose issues carry a certain suggestion, so they can be fixed in one step. */
const suggestingRules = new Set(['whitespace', 'full-width', 'resident-id', 'credit-code', 'type']);

/** 检查与修正: the quality summary, the issues by rule, and the grid to fix them in. */
export function CheckStep({
  project,
  onProject,
}: {
  project: ProjectState;
  onProject: (state: ProjectState) => void;
}) {
  const { api, t, notify } = useApp();
  const [summary, setSummary] = useState<ChannelOutput<'quality:summary'> | undefined>(undefined);
  const [fields, setFields] = useState<PackSummary['datasets'][number]['fields']>([]);
  const [onlyIssues, setOnlyIssues] = useState(false);
  const [rule, setRule] = useState<string | undefined>(undefined);
  const [replace, setReplace] = useState({ field: '', find: '', replacement: '' });

  useEffect(() => {
    void (async () => {
      const packs = await api.invoke('packs:list', {});
      if (packs.ok) {
        const dataset = packs.value
          .find((p) => p.id === project.packId)
          ?.datasets.find((d) => d.name === project.dataset);
        setFields(dataset?.fields ?? []);
        setReplace((r) => ({ ...r, field: r.field || (dataset?.fields[0]?.name ?? '') }));
      }
    })();
  }, [api, project.packId, project.dataset]);

  useEffect(() => {
    void (async () => {
      const result = await api.invoke('quality:summary', {});
      if (result.ok) setSummary(result.value);
      else notify(result.error.message, 'error');
    })();
    // The project state changes after every edit, undo or redo: fetch the summary again.
  }, [api, notify, project]);

  const edit = useCallback(
    async (rid: number, field: string, value: string) => {
      const result = await api.invoke('edit:cell', { rid, field, value });
      if (result.ok) onProject(result.value);
      else notify(result.error.message, 'error');
    },
    [api, notify, onProject],
  );

  const applySuggestions = async (ruleId: string) => {
    const result = await api.invoke('edit:apply-suggestions', { rule: ruleId });
    if (result.ok) {
      onProject(result.value.state);
      notify({
        zh: `已采用建议值 ${result.value.count} 处`,
        en: `Applied ${result.value.count} suggestions`,
      });
    } else notify(result.error.message, 'error');
  };

  const runReplace = async () => {
    const result = await api.invoke('edit:replace', replace);
    if (result.ok) {
      onProject(result.value.state);
      notify({ zh: `已替换 ${result.value.count} 处`, en: `Replaced ${result.value.count} cells` });
    } else notify(result.error.message, 'error');
  };

  const filter = rule !== undefined ? { rule } : onlyIssues ? { withIssues: true } : {};

  return (
    <div className="check">
      <aside className="check-side">
        <section className="card">
          <h3>{t('qualitySummary')}</h3>
          {summary === undefined ? (
            <p className="muted">{t('working')}</p>
          ) : (
            <QualityChart summary={summary} />
          )}
        </section>
        <section className="card">
          <h3>{t('issuesByRule')}</h3>
          {summary !== undefined && summary.rules.length === 0 && (
            <p className="muted">{t('noIssues')}</p>
          )}
          <ul className="rule-list">
            {summary?.rules.map((r) => (
              <li key={r.rule} className={rule === r.rule ? 'selected' : ''}>
                <button
                  type="button"
                  className="link"
                  onClick={() => setRule(rule === r.rule ? undefined : r.rule)}
                  title={t('filterByRule')}
                >
                  {r.title}
                </button>
                <span className="count error">{r.errors}</span>
                <span className="count warning">{r.warnings}</span>
                {suggestingRules.has(r.rule) && (
                  <button
                    type="button"
                    className="small"
                    onClick={() => void applySuggestions(r.rule)}
                  >
                    {t('applySuggestions')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
        <section className="card">
          <h3>{t('replaceInField')}</h3>
          <form
            className="form compact"
            onSubmit={(event) => {
              event.preventDefault();
              void runReplace();
            }}
          >
            <select
              value={replace.field}
              onChange={(e) => setReplace({ ...replace, field: e.target.value })}
              aria-label={t('fields')}
            >
              {fields.map((f) => (
                <option key={f.name} value={f.name}>
                  {f.title}
                </option>
              ))}
            </select>
            <input
              placeholder={t('find')}
              value={replace.find}
              onChange={(e) => setReplace({ ...replace, find: e.target.value })}
            />
            <input
              placeholder={t('replaceWith')}
              value={replace.replacement}
              onChange={(e) => setReplace({ ...replace, replacement: e.target.value })}
            />
            <button type="submit" disabled={replace.find === ''}>
              {t('replace')}
            </button>
          </form>
        </section>
      </aside>
      <section className="check-main card">
        <div className="toolbar">
          <label>
            <input
              type="checkbox"
              checked={onlyIssues}
              onChange={(e) => setOnlyIssues(e.target.checked)}
            />{' '}
            {t('onlyIssueRows')}
          </label>
          {rule !== undefined && (
            <button type="button" className="chip" onClick={() => setRule(undefined)}>
              {summary?.rules.find((r) => r.rule === rule)?.title ?? rule} ✕
            </button>
          )}
        </div>
        {fields.length > 0 && (
          <RecordsGrid fields={fields} filter={filter} refreshKey={project} onEdit={edit} />
        )}
      </section>
    </div>
  );
}
