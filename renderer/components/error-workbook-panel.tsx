import { useEffect, useState } from 'react';
import type { MergeReport, ProjectState } from '../../shared/ipc/contract.ts';
import { formatText, translate } from '../../shared/i18n/ui-text.ts';
import { runJob } from '../api/run-job.ts';
import type { FileRef } from '../api/window-api.ts';
import { useApp } from '../app-context.tsx';
import { useWaitingChanges } from './use-waiting-changes.ts';

/** A written error workbook the clerk can save (again). */
interface Exported {
  readonly downloadId: string;
  readonly name: string;
}

/**
 * The error-workbook round trip (DESIGN.md step 4): export the records with issues for the
 * department, then merge its fixed copy back by record id and see what the merge did, with each
 * conflict (a cell changed on both sides) listed for the clerk to decide.
 */
export function ErrorWorkbookPanel({
  fieldTitles,
  onProject,
}: {
  fieldTitles: ReadonlyMap<string, string>;
  onProject: (state: ProjectState) => void;
}) {
  const { api, t, notify, language, runningJob } = useApp();
  const changes = useWaitingChanges(runningJob, language);
  const [isBusy, setIsBusy] = useState(false);
  const [exported, setExported] = useState<Exported | undefined>(undefined);
  const [report, setReport] = useState<MergeReport | null>(null);
  /** Conflicts the clerk resolved by taking the department's value, as `rid:field`. */
  const [taken, setTaken] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    void (async () => {
      const last = await api.invoke('errors:last-merge', {});
      if (last.ok) setReport(last.value);
    })();
  }, [api]);

  const save = async (file: Exported) => {
    if (api.download !== undefined) {
      api.download(file.downloadId, file.name);
      return;
    }
    const saved = await api.invoke('files:save', { downloadId: file.downloadId });
    if (!saved.ok) notify(saved.error.message, 'error');
    else if (saved.value.isSaved)
      notify({
        zh: formatText('fileSaved', 'zh', { name: file.name }),
        en: formatText('fileSaved', 'en', { name: file.name }),
      });
  };

  const exportWorkbook = async () => {
    setIsBusy(true);
    try {
      const finished = await runJob(api, () => api.invoke('errors:export', {}));
      if (!finished.ok) {
        notify(finished.error.message, 'error');
        return;
      }
      // How the job ended is said by the job bar; a written workbook is offered at once.
      if (!finished.value.done.ok) return;
      const file = {
        downloadId: finished.value.started.downloadId,
        name: finished.value.started.name,
      };
      setExported(file);
      await save(file);
    } finally {
      setIsBusy(false);
    }
  };

  const merge = async (file: FileRef | undefined) => {
    if (file === undefined) return;
    setIsBusy(true);
    try {
      const finished = await runJob(api, () => api.invoke('errors:merge', { fileId: file.fileId }));
      if (!finished.ok) {
        notify(finished.error.message, 'error');
        return;
      }
      if (!finished.value.done.ok) return;
      const last = await api.invoke('errors:last-merge', {});
      if (last.ok) {
        setReport(last.value);
        setTaken(new Set());
      }
    } finally {
      setIsBusy(false);
    }
  };

  const uploadAndMerge = async (files: FileList | null) => {
    const chosen = files?.[0];
    if (chosen === undefined || api.upload === undefined) return;
    const uploaded = await api.upload(chosen);
    if (uploaded.ok) await merge(uploaded.value);
    else notify(uploaded.error.message, 'error');
  };

  const pickAndMerge = async () => {
    const picked = await api.invoke('files:pick', {});
    if (picked.ok) await merge(picked.value[0]);
    else notify(picked.error.message, 'error');
  };

  const takeTheirs = async (conflict: MergeReport['conflicts'][number]) => {
    const result = await changes.run(`${conflict.rid}:${conflict.field}`, () =>
      api.invoke('edit:cell', {
        rid: conflict.rid,
        field: conflict.field,
        value: conflict.theirs,
        why: translate('takeTheirsWhy', 'zh'),
      }),
    );
    if (!result.ok) {
      notify(result.error.message, 'error');
      return;
    }
    setTaken(new Set(taken).add(`${conflict.rid}:${conflict.field}`));
    onProject(result.value);
  };

  const title = (field: string): string => fieldTitles.get(field) ?? field;
  return (
    <section className="card error-workbook">
      <h3>{t('errorWorkbook')}</h3>
      <p className="muted small-text">{t('errorWorkbookHint')}</p>
      <div className="form-actions wrap">
        <button
          type="button"
          className="primary"
          data-lesson="export-errors"
          disabled={isBusy}
          onClick={() => void exportWorkbook()}
        >
          {t('exportErrorWorkbook')}
        </button>
        {api.upload !== undefined ? (
          <label className={`button${isBusy ? ' disabled' : ''}`}>
            {t('mergeFixedWorkbook')}
            <input
              type="file"
              hidden
              disabled={isBusy}
              accept=".xlsx,.xls,.et,.ods"
              onChange={(e) => {
                void uploadAndMerge(e.target.files);
                e.target.value = '';
              }}
            />
          </label>
        ) : (
          <button type="button" disabled={isBusy} onClick={() => void pickAndMerge()}>
            {t('mergeFixedWorkbook')}
          </button>
        )}
      </div>
      {exported !== undefined && (
        <p className="small-text">
          <span className="mono">{exported.name}</span>{' '}
          <button type="button" className="link" onClick={() => void save(exported)}>
            {t('saveAgain')}
          </button>
        </p>
      )}
      {report !== null && (
        <div
          className="merge-report"
          role="region"
          aria-label={formatText('mergeResult', language, { file: report.file })}
        >
          <h4>{formatText('mergeResult', language, { file: report.file })}</h4>
          <dl className="facts">
            <dt>{t('mergeApplied')}</dt>
            <dd data-fact="applied">{report.applied.toLocaleString()}</dd>
            <dt>{t('mergeAlreadyEqual')}</dt>
            <dd>{report.alreadyEqual.toLocaleString()}</dd>
            <dt>{t('mergeConflicts')}</dt>
            <dd data-fact="conflicts" className={report.conflictCount > 0 ? 'count error' : ''}>
              {report.conflictCount.toLocaleString()}
            </dd>
            {report.unreadable.length > 0 && (
              <>
                <dt>{t('mergeUnreadable')}</dt>
                <dd className="count error">{report.unreadable.length.toLocaleString()}</dd>
              </>
            )}
            {report.unreadableRows.length > 0 && (
              <>
                <dt>{t('mergeUnreadableRows')}</dt>
                <dd data-fact="unreadable-rows" className="count error">
                  {report.unreadableRows.length.toLocaleString()}
                </dd>
              </>
            )}
            {report.unknownRecords.length > 0 && (
              <>
                <dt>{t('mergeUnknown')}</dt>
                <dd data-fact="unknown">{report.unknownRecords.join('、')}</dd>
              </>
            )}
            {report.duplicateRecords.length > 0 && (
              <>
                <dt>{t('mergeDuplicate')}</dt>
                <dd>{report.duplicateRecords.join('、')}</dd>
              </>
            )}
          </dl>
          <p className="small-text">
            {formatText('mergeIssueCounts', language, {
              errorsBefore: report.before.errors,
              errorsAfter: report.after.errors,
              warningsBefore: report.before.warnings,
              warningsAfter: report.after.warnings,
            })}
          </p>
          {report.operationId !== undefined && (
            <p className="muted small-text">{t('mergeUndoHint')}</p>
          )}
          {report.unreadable.length > 0 && (
            <ul className="small-text">
              {report.unreadable.map((u) => (
                <li key={`${u.rid}:${u.field}`}>
                  {t('recordId')} {u.rid}「{title(u.field)}」：{u.reason}
                </li>
              ))}
            </ul>
          )}
          {report.unreadableRows.length > 0 && (
            <ul className="small-text" data-list="unreadable-rows">
              {report.unreadableRows.map((r) => (
                <li key={r.row}>
                  {formatText('mergeUnreadableRow', language, {
                    row: r.row,
                    recordId: r.recordId,
                    reason: r.reason,
                  })}
                </li>
              ))}
            </ul>
          )}
          {report.conflicts.length > 0 && (
            <>
              <p className="small-text">{t('conflictHint')}</p>
              {report.conflictCount > report.conflicts.length && (
                <p className="muted small-text">
                  {formatText('conflictsShown', language, {
                    shown: report.conflicts.length,
                    count: report.conflictCount,
                  })}
                </p>
              )}
              <ul className="conflicts">
                {report.conflicts.map((c) => {
                  const isTaken = taken.has(`${c.rid}:${c.field}`);
                  return (
                    <li key={`${c.rid}:${c.field}`} data-conflict={`${c.rid}:${c.field}`}>
                      <div className="conflict-head">
                        <strong>
                          {formatText('conflictRecord', language, {
                            rid: c.rid,
                            row: c.sourceRow,
                            field: title(c.field),
                          })}
                        </strong>
                        {isTaken ? (
                          <span className="muted">{t('taken')}</span>
                        ) : (
                          <button
                            type="button"
                            className="small"
                            disabled={changes.isWaiting(`${c.rid}:${c.field}`)}
                            aria-busy={changes.isWaiting(`${c.rid}:${c.field}`)}
                            onClick={() => void takeTheirs(c)}
                          >
                            {changes.label(`${c.rid}:${c.field}`, t('takeTheirs'))}
                          </button>
                        )}
                      </div>
                      <dl className="facts">
                        <dt>{t('valueAtExport')}</dt>
                        <dd className="mono">{c.base}</dd>
                        <dt>{t('departmentValue')}</dt>
                        <dd className="mono">{c.theirs}</dd>
                        <dt>{t('projectValue')}</dt>
                        <dd className="mono">{c.ours}</dd>
                      </dl>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
