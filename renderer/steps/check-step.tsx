import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ChannelOutput, PackSummary, ProjectState } from '../../shared/ipc/contract.ts';
import { formatText, translate } from '../../shared/i18n/ui-text.ts';
import { useApp } from '../app-context.tsx';
import { ErrorWorkbookPanel } from '../components/error-workbook-panel.tsx';
import { ImportProgress, type RunningImport } from '../components/import-progress.tsx';
import { PrintReport } from '../components/print-report.tsx';
import { IssueList, type IssueSelection } from '../components/issue-list.tsx';
import { QualityChart } from '../components/quality-chart.tsx';
import { CellDetailsPane } from '../components/cell-details-pane.tsx';
import { columnLayoutKey } from '../components/grid-columns.ts';
import { RecordsGrid, type ActiveCell, type CellsWrite } from '../components/records-grid.tsx';
import { ReplacePanel } from '../components/replace-panel.tsx';
import { useFieldCodes } from '../components/use-field-codes.ts';
import { useWaitingChanges } from '../components/use-waiting-changes.ts';
import { ValueMapPanel } from '../components/value-map-panel.tsx';

/**
 * 检查与修正: the quality summary, the issues by rule and field, the grid to fix them in, and the
 * bulk fixes: suggestions, a value map, replace in a column, and the error-workbook round trip.
 */
export function CheckStep({
  project,
  onProject,
  importing,
}: {
  project: ProjectState;
  onProject: (state: ProjectState) => void;
  /** The import the clerk started, while it runs: its progress shows instead of a verdict. */
  importing: RunningImport | undefined;
}) {
  const { api, t, notify, runningJob, language } = useApp();
  const isImporting = importing !== undefined;
  const changes = useWaitingChanges(runningJob, language);
  // Set at the first click, before React re-renders the buttons disabled: a double-click on
  // 一键采用建议值 must not apply (and record) it twice.
  const applying = useRef(false);
  const [summary, setSummary] = useState<ChannelOutput<'quality:summary'> | undefined>(undefined);
  const [fields, setFields] = useState<PackSummary['datasets'][number]['fields']>([]);
  const [onlyIssues, setOnlyIssues] = useState(false);
  const [selection, setSelection] = useState<IssueSelection | undefined>(undefined);
  const [valueMap, setValueMap] = useState<Required<IssueSelection> | undefined>(undefined);
  const codes = useFieldCodes(project.packId, fields);
  const [activeCell, setActiveCell] = useState<ActiveCell | undefined>(undefined);
  const [isDetailsOpen, setIsDetailsOpen] = useState(false);
  const toggleDetails = useCallback(() => setIsDetailsOpen((isOpen) => !isOpen), []);

  useEffect(() => {
    void (async () => {
      const packs = await api.invoke('packs:list', {});
      if (packs.ok) {
        const dataset = packs.value
          .find((p) => p.id === project.packId)
          ?.datasets.find((d) => d.name === project.dataset);
        setFields(dataset?.fields ?? []);
      }
    })();
  }, [api, project.packId, project.dataset]);

  // An import started: the summary shown was of the project before it, so none until it ends.
  const [wasImporting, setWasImporting] = useState(isImporting);
  if (wasImporting !== isImporting) {
    setWasImporting(isImporting);
    if (isImporting) setSummary(undefined);
  }

  useEffect(() => {
    if (isImporting) return;
    let isCurrent = true;
    void (async () => {
      const result = await api.invoke('quality:summary', {});
      if (!isCurrent) return;
      if (result.ok) setSummary(result.value);
      else notify(result.error.message, 'error');
    })();
    // The project state changes after every edit, undo or redo: fetch the summary again.
    return () => {
      isCurrent = false;
    };
  }, [api, notify, project, isImporting]);

  const fieldTitles = useMemo(() => new Map(fields.map((f) => [f.name, f.title])), [fields]);
  const ruleTitles = useMemo(
    () => new Map((summary?.rules ?? []).map((r) => [r.rule, r.title[language]])),
    [summary, language],
  );

  const edit = useCallback(
    async (rid: number, field: string, value: string) => {
      // A cell edited in the grid has no button: while an import or merge runs, the edit waits
      // for it, and the clerk is told so.
      if (runningJob !== undefined)
        notify({
          zh: formatText('editWaiting', 'zh', { job: runningJob.zh }),
          en: formatText('editWaiting', 'en', { job: runningJob.en }),
        });
      const result = await api.invoke('edit:cell', { rid, field, value });
      if (result.ok) onProject(result.value);
      else notify(result.error.message, 'error');
    },
    [api, notify, onProject, runningJob],
  );

  const writeCells = useCallback(
    async (how: CellsWrite, cells: readonly { rid: number; field: string; value: string }[]) => {
      if (runningJob !== undefined)
        notify({
          zh: formatText('editWaiting', 'zh', { job: runningJob.zh }),
          en: formatText('editWaiting', 'en', { job: runningJob.en }),
        });
      const result = await api.invoke('edit:cells', { how, cells: [...cells] });
      if (!result.ok) {
        notify(result.error.message, 'error');
        return;
      }
      onProject(result.value.state);
      const { count } = result.value;
      notify(
        count === 0
          ? { zh: translate('nothingChanged', 'zh'), en: translate('nothingChanged', 'en') }
          : {
              zh: formatText('cellsChanged', 'zh', { count }),
              en: formatText('cellsChanged', 'en', { count }),
            },
      );
    },
    [api, notify, onProject, runningJob],
  );

  const applySuggestions = async (ruleId: string) => {
    if (applying.current) return;
    applying.current = true;
    let result;
    try {
      // The buttons stay disabled (and say what they wait for) until the change is done.
      result = await changes.run('edit:apply-suggestions', () =>
        api.invoke('edit:apply-suggestions', { rule: ruleId }),
      );
    } finally {
      applying.current = false;
    }
    if (result.ok) {
      onProject(result.value.state);
      const count = result.value.count;
      notify({
        zh: formatText('suggestionsApplied', 'zh', { count }),
        en: formatText('suggestionsApplied', 'en', { count }),
      });
    } else notify(result.error.message, 'error');
  };

  const openValueMap = (target: Required<IssueSelection>) => {
    setValueMap(target);
    setSelection(target);
  };

  const select = (next: IssueSelection | undefined) => {
    setSelection(next);
    // The value map belongs to the rows it was opened on.
    if (next?.rule !== valueMap?.rule || next?.field !== valueMap?.field) setValueMap(undefined);
  };

  const ruleSummary = summary?.rules.find((r) => r.rule === selection?.rule);
  // A rule whose issues are all in one field points at that column too.
  const highlightField =
    selection?.field ??
    (ruleSummary?.fields.length === 1 ? ruleSummary.fields[0]?.field : undefined);
  const filter =
    selection !== undefined
      ? selection.field === undefined
        ? { rule: selection.rule }
        : { rule: selection.rule, field: selection.field }
      : onlyIssues
        ? { withIssues: true }
        : {};
  const valueMapField = fields.find((f) => f.name === valueMap?.field);

  return (
    <div className="check">
      <aside className="check-side">
        <section className="card">
          <div className="card-title">
            <h3>{t('qualitySummary')}</h3>
            <button type="button" disabled={summary === undefined} onClick={() => window.print()}>
              {t('printReport')}
            </button>
          </div>
          {importing !== undefined ? (
            <ImportProgress job={importing} />
          ) : summary === undefined ? (
            <p className="muted">{t('working')}</p>
          ) : (
            <QualityChart summary={summary} />
          )}
        </section>
        <section className="card issues-card">
          <h3>{t('issuesByRule')}</h3>
          {isImporting && <p className="muted">{t('verdictAfterImport')}</p>}
          {summary !== undefined && summary.rules.length === 0 && (
            <p className="muted">{t('noIssues')}</p>
          )}
          {summary !== undefined && (
            <IssueList
              rules={summary.rules}
              fieldTitles={fieldTitles}
              selection={selection}
              onSelect={select}
              onApplySuggestions={(rule) => void applySuggestions(rule)}
              applyLabel={changes.label('edit:apply-suggestions', t('applySuggestions'))}
              isApplying={changes.isWaiting('edit:apply-suggestions')}
              onValueMap={openValueMap}
            />
          )}
        </section>
        <section className="card">
          <h3>{t('replaceInField')}</h3>
          <ReplacePanel fields={fields} project={project} onProject={onProject} />
        </section>
        <ErrorWorkbookPanel fieldTitles={fieldTitles} onProject={onProject} />
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
          {selection !== undefined && (
            <button type="button" className="chip" onClick={() => select(undefined)}>
              {ruleSummary?.title[language] ?? selection.rule}
              {selection.field === undefined
                ? ''
                : ` · ${fieldTitles.get(selection.field) ?? selection.field}`}{' '}
              ✕
            </button>
          )}
        </div>
        {valueMap !== undefined && valueMapField !== undefined && (
          <ValueMapPanel
            packId={project.packId}
            field={valueMapField}
            rule={valueMap.rule}
            refreshKey={project}
            onApplied={onProject}
            onClose={() => setValueMap(undefined)}
          />
        )}
        {fields.length > 0 && (
          <RecordsGrid
            fields={fields}
            layoutKey={columnLayoutKey(project.projectId, project.packId, project.dataset)}
            filter={filter}
            refreshKey={project}
            onEdit={edit}
            onWriteCells={writeCells}
            highlightField={highlightField}
            codes={codes}
            onActiveCellChange={setActiveCell}
            onDetailsKey={toggleDetails}
          />
        )}
        {fields.length > 0 && (
          <CellDetailsPane
            cell={activeCell}
            fields={fields}
            codes={codes}
            ruleTitles={ruleTitles}
            isOpen={isDetailsOpen}
            onToggle={toggleDetails}
            onAdopt={(rid, field, value) => void edit(rid, field, value)}
          />
        )}
      </section>
      <PrintReport project={project} summary={summary} fieldTitles={fieldTitles} />
    </div>
  );
}
