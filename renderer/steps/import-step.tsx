import { useState, type DragEvent } from 'react';
import type { ChannelOutput } from '../../shared/ipc/contract.ts';
import { useApp } from '../app-context.tsx';
import type { FileRef } from '../api/window-api.ts';

/** What the import step hands on to the mapping step. */
export interface ImportChoice {
  readonly file: FileRef;
  readonly sheet: string;
  readonly headerRow: number;
  readonly columns: readonly string[];
}

type Inspection = ChannelOutput<'import:inspect'>;

/** 导入: pick or drop a file, see what the importer found, adjust the sheet and header row. */
export function ImportStep({ onChosen }: { onChosen: (choice: ImportChoice) => void }) {
  const { api, t, notify, language } = useApp();
  const [file, setFile] = useState<FileRef | undefined>(undefined);
  const [inspection, setInspection] = useState<Inspection | undefined>(undefined);
  const [sheetName, setSheetName] = useState<string | undefined>(undefined);
  const [headerRow, setHeaderRow] = useState<number | undefined>(undefined);
  const [isBusy, setIsBusy] = useState(false);

  const inspect = async (target: FileRef, options: { sheet?: string; headerRow?: number } = {}) => {
    setIsBusy(true);
    try {
      const result = await api.invoke('import:inspect', { fileId: target.fileId, ...options });
      if (!result.ok) {
        notify(result.error.message, 'error');
        return;
      }
      setInspection(result.value);
      const visible =
        result.value.sheets.find((s) => !s.hidden && s.rows > 0) ?? result.value.sheets[0];
      const chosen =
        options.sheet === undefined
          ? visible
          : result.value.sheets.find((s) => s.name === options.sheet);
      setSheetName(chosen?.name);
      setHeaderRow(chosen?.headerRow);
    } finally {
      setIsBusy(false);
    }
  };

  const accept = async (refs: readonly FileRef[]) => {
    const [first] = refs;
    if (first === undefined) return;
    setFile(first);
    await inspect(first);
  };

  const upload = async (files: readonly File[]) => {
    if (api.upload === undefined) return;
    const refs: FileRef[] = [];
    for (const f of files) {
      const result = await api.upload(f);
      if (result.ok) refs.push(result.value);
      else notify(result.error.message, 'error');
    }
    await accept(refs);
  };

  const pick = async () => {
    const result = await api.invoke('files:pick', {});
    if (result.ok) await accept(result.value);
    else notify(result.error.message, 'error');
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    void upload([...event.dataTransfer.files]);
  };

  const sheet = inspection?.sheets.find((s) => s.name === sheetName);
  return (
    <div className="import">
      <section className="card dropzone" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
        <p>{t('dropHint')}</p>
        {api.upload !== undefined ? (
          <label className="button primary">
            {t('chooseFiles')}
            <input
              type="file"
              hidden
              accept=".xlsx,.xlsm,.xlsb,.xls,.et,.ods,.csv,.tsv,.txt"
              onChange={(e) => void upload([...(e.target.files ?? [])])}
            />
          </label>
        ) : (
          <button type="button" className="primary" onClick={() => void pick()}>
            {t('chooseFiles')}
          </button>
        )}
        {file !== undefined && (
          <p className="file-name">
            {file.name} <span className="muted">({(file.size / 1024).toFixed(0)} KB)</span>
          </p>
        )}
      </section>
      {inspection !== undefined && sheet !== undefined && file !== undefined && (
        <section className="card">
          <div className="inspect-facts">
            <span>
              {t('fileFormat')}：<strong>{inspection.format}</strong>
            </span>
            {inspection.encoding !== undefined && (
              <span>
                {t('encoding')}：<strong>{inspection.encoding}</strong>
              </span>
            )}
            <label>
              {t('sheet')}：
              <select
                value={sheet.name}
                onChange={(e) => {
                  setSheetName(e.target.value);
                  void inspect(file, { sheet: e.target.value });
                }}
              >
                {inspection.sheets.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.name}
                    {s.hidden ? `（${t('hidden')}）` : ''}（{s.rows}）
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('headerRow')}：
              <input
                type="number"
                min={1}
                value={headerRow ?? sheet.headerRow}
                onChange={(e) => setHeaderRow(Number(e.target.value))}
                style={{ width: 72 }}
              />
            </label>
            <button
              type="button"
              disabled={isBusy}
              onClick={() =>
                void inspect(file, {
                  sheet: sheet.name,
                  ...(headerRow === undefined ? {} : { headerRow }),
                })
              }
            >
              {t('inspect')}
            </button>
            <span>
              {t('dataRows')}：<strong>{sheet.rows.toLocaleString()}</strong>
            </span>
            {sheet.footerRows.length > 0 && (
              <span className="muted">
                {t('footerRows')}：{sheet.footerRows.join('、')}
              </span>
            )}
          </div>
          {sheet.flagged.length > 0 && (
            <details className="flagged" open>
              <summary>
                {t('flaggedCells')}（{sheet.flagged.length}）
              </summary>
              <ul>
                {sheet.flagged.slice(0, 20).map((cell) => (
                  <li key={`${cell.row}-${cell.column}`}>
                    {language === 'zh' ? `第 ${cell.row} 行` : `Row ${cell.row}`} [{cell.column}]{' '}
                    {cell.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <h3>{t('preview')}</h3>
          <div className="table-scroll short">
            <table className="table">
              <thead>
                <tr>
                  {sheet.columns.map((c) => (
                    <th key={c}>{c}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {sheet.sample.map((row, i) => (
                  <tr key={i}>
                    {row.map((cell, j) => (
                      <td key={j}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="form-actions">
            <button
              type="button"
              className="primary"
              disabled={sheet.columns.length === 0}
              onClick={() =>
                onChosen({
                  file,
                  sheet: sheet.name,
                  headerRow: sheet.headerRow,
                  columns: sheet.columns,
                })
              }
            >
              {t('nextMapping')}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
