import { useEffect, useRef, useState } from 'react';
import { formatText } from '../../shared/i18n/ui-text.ts';
import { runJob } from '../api/run-job.ts';
import { useApp } from '../app-context.tsx';
import type { RecordFilter } from './record-page-store.ts';

type Format = 'xlsx' | 'csv';
type Codes = 'names' | 'codes';
type Scope = 'all' | 'view';

/** True when a view narrows or orders the records (an issue filter, a column filter or a sort). */
function isNarrowed(view: RecordFilter): boolean {
  return (
    view.withIssues === true ||
    view.rule !== undefined ||
    (view.columns?.length ?? 0) > 0 ||
    view.sort !== undefined
  );
}

/**
 * 导出数据 (issue #13): a button over the grid that opens the choices (all records or the rows
 * the grid shows, in its order; xlsx or CSV; code names beside codes or codes only), runs the
 * export as a job (its progress and 取消 are in the job bar) and offers the file: a download in
 * browser mode, a save dialog in the app.
 */
export function ExportDataMenu({
  view,
  shown,
  all,
}: {
  /** The grid's view: its issue filter, column filters and order. */
  view: RecordFilter;
  /** Rows the view shows (undefined until counted). */
  shown: number | undefined;
  /** Every record of the project (undefined until counted). */
  all: number | undefined;
}) {
  const { api, t, language, notify } = useApp();
  const [isOpen, setIsOpen] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [scope, setScope] = useState<Scope>('all');
  const [format, setFormat] = useState<Format>('xlsx');
  const [codes, setCodes] = useState<Codes>('names');
  const menuRef = useRef<HTMLDivElement>(null);
  const narrowed = isNarrowed(view);

  useEffect(() => {
    if (!isOpen) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : true) {
        if (event instanceof MouseEvent && menuRef.current?.contains(event.target as Node)) return;
        setIsOpen(false);
      }
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [isOpen]);

  const open = () => {
    // The rows on screen are what a clerk who filtered means to hand on.
    setScope(narrowed ? 'view' : 'all');
    setIsOpen(!isOpen);
  };

  const save = async (downloadId: string, name: string) => {
    if (api.download !== undefined) {
      api.download(downloadId, name);
      return;
    }
    const saved = await api.invoke('files:save', { downloadId });
    if (!saved.ok) notify(saved.error.message, 'error');
    else if (saved.value.isSaved)
      notify({
        zh: formatText('fileSaved', 'zh', { name }),
        en: formatText('fileSaved', 'en', { name }),
      });
  };

  const exportData = async () => {
    setIsOpen(false);
    setIsBusy(true);
    try {
      const finished = await runJob(api, () =>
        api.invoke('records:export', {
          format,
          codes,
          ...(scope === 'view' ? { filter: view } : {}),
        }),
      );
      if (!finished.ok) {
        notify(finished.error.message, 'error');
        return;
      }
      // How the job ended (done, cancelled) is said by the job bar.
      if (!finished.value.done.ok) return;
      await save(finished.value.started.downloadId, finished.value.started.name);
    } finally {
      setIsBusy(false);
    }
  };

  const count = (n: number | undefined) => (n === undefined ? '…' : n);
  return (
    <div className="export-data" ref={menuRef}>
      <button
        type="button"
        aria-haspopup="dialog"
        aria-expanded={isOpen}
        disabled={isBusy}
        onClick={open}
      >
        {isBusy ? t('exportingData') : t('exportData')}
      </button>
      {isOpen && (
        <div className="export-data-menu" role="dialog" aria-label={t('exportData')}>
          <fieldset>
            <legend>{t('exportScope')}</legend>
            <label>
              <input
                type="radio"
                name="export-scope"
                checked={scope === 'all'}
                onChange={() => setScope('all')}
              />{' '}
              {formatText('exportScopeAll', language, { count: count(all) })}
            </label>
            <label>
              <input
                type="radio"
                name="export-scope"
                checked={scope === 'view'}
                disabled={!narrowed}
                onChange={() => setScope('view')}
              />{' '}
              {formatText('exportScopeView', language, { count: count(shown) })}
            </label>
          </fieldset>
          <fieldset>
            <legend>{t('exportFormat')}</legend>
            <label>
              <input
                type="radio"
                name="export-format"
                checked={format === 'xlsx'}
                onChange={() => setFormat('xlsx')}
              />{' '}
              {t('exportXlsx')}
            </label>
            <label>
              <input
                type="radio"
                name="export-format"
                checked={format === 'csv'}
                onChange={() => setFormat('csv')}
              />{' '}
              {t('exportCsv')}
            </label>
          </fieldset>
          <fieldset>
            <legend>{t('exportCodes')}</legend>
            <label>
              <input
                type="radio"
                name="export-codes"
                checked={codes === 'names'}
                onChange={() => setCodes('names')}
              />{' '}
              {t('exportCodesNames')}
            </label>
            <label>
              <input
                type="radio"
                name="export-codes"
                checked={codes === 'codes'}
                onChange={() => setCodes('codes')}
              />{' '}
              {t('exportCodesOnly')}
            </label>
          </fieldset>
          <p className="muted small-text">
            {t(format === 'csv' ? 'exportCsvHint' : 'exportXlsxHint')}
          </p>
          <div className="form-actions">
            <button type="button" className="primary" onClick={() => void exportData()}>
              {t('exportStart')}
            </button>
            <button type="button" onClick={() => setIsOpen(false)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
