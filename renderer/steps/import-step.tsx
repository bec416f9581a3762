import { Fragment, useState, type DragEvent } from 'react';
import type { ChannelInput, ChannelOutput } from '../../shared/ipc/contract.ts';
import { compareLayout } from '../../shared/mapping/compare-layout.ts';
import { useApp } from '../app-context.tsx';
import type { FileRef } from '../api/window-api.ts';

type Inspection = ChannelOutput<'import:inspect'>;
type InspectedSheet = Inspection['sheets'][number];
type TextEncoding = NonNullable<ChannelInput<'import:inspect'>['encoding']>;

/** One table the clerk chose to import: a file, its sheet, the header row and the encoding. */
export interface ImportSourceChoice {
  readonly file: FileRef;
  readonly sheet: string;
  readonly headerRow: number;
  readonly encoding?: TextEncoding;
  readonly rows: number;
  readonly columns: readonly string[];
}

/** What the import step hands on to the mapping step: one or more tables of one layout. */
export interface ImportChoice {
  readonly sources: readonly ImportSourceChoice[];
}

/** One file in the import step, as inspected, with the tables ticked for import. */
export interface ImportFileEntry {
  readonly file: FileRef;
  readonly inspection: Inspection;
  /** The encoding the clerk chose for a text file; undefined: the detected one. */
  readonly encoding?: TextEncoding;
  /** The encoding the importer detected for a text file. */
  readonly detectedEncoding?: string;
  readonly included: readonly string[];
}

/** The import step's state, kept by the app while the clerk moves between steps. */
export interface ImportDraft {
  readonly files: readonly ImportFileEntry[];
  /** The table shown in the preview. */
  readonly selected?: { readonly fileId: string; readonly sheet: string };
}

const encodings: readonly TextEncoding[] = ['utf-8', 'gb18030'];

function defaultSheet(inspection: Inspection): InspectedSheet | undefined {
  return inspection.sheets.find((s) => !s.hidden && s.rows > 0) ?? inspection.sheets[0];
}

function tableLabel(entry: ImportFileEntry, sheet: string): string {
  return sheet === entry.file.name ? entry.file.name : `${entry.file.name}「${sheet}」`;
}

/** The ticked tables, in file and sheet order. */
function includedTables(
  files: readonly ImportFileEntry[],
): { entry: ImportFileEntry; sheet: InspectedSheet }[] {
  return files.flatMap((entry) =>
    entry.inspection.sheets
      .filter((sheet) => entry.included.includes(sheet.name))
      .map((sheet) => ({ entry, sheet })),
  );
}

/**
 * What the mapping step works on: the draft's ticked tables, or undefined when none is ticked or
 * their layouts differ. Derived from the draft, so the chosen file goes with the clerk whichever
 * way they reach 映射 (the button or the step bar).
 */
export function createImportChoice(draft: ImportDraft): ImportChoice | undefined {
  const tables = includedTables(draft.files);
  const reference = tables[0];
  if (reference === undefined) return undefined;
  if (tables.some(({ sheet }) => !compareLayout(reference.sheet.columns, sheet.columns).isSame))
    return undefined;
  return {
    sources: tables.map(({ entry, sheet }) => ({
      file: entry.file,
      sheet: sheet.name,
      headerRow: sheet.headerRow,
      ...(entry.encoding === undefined ? {} : { encoding: entry.encoding }),
      rows: sheet.rows,
      columns: sheet.columns,
    })),
  };
}

/**
 * 导入: pick or drop one or more files, see what the importer found in each (format, encoding,
 * sheets, header row, title and footer rows, flagged cells, a preview), override the encoding or
 * the header row, and tick the tables that feed the dataset; they must share one layout.
 */
export function ImportStep({
  draft,
  onDraft,
  onNext,
  isTraining = false,
}: {
  draft: ImportDraft;
  onDraft: (draft: ImportDraft) => void;
  /** 下一步：映射 (the draft's tables are what the mapping step works on). */
  onNext: () => void;
  /** A training project: the department's file shipped with the app is offered (使用培训文件). */
  isTraining?: boolean;
}) {
  const { api, t, f, notify, language } = useApp();
  /** The file being uploaded or inspected: a large one takes seconds, and the clerk is told. */
  const [reading, setReading] = useState<string | undefined>(undefined);
  const isBusy = reading !== undefined;
  const [headerRowInput, setHeaderRowInput] = useState<string | undefined>(undefined);
  const { files } = draft;

  const whileReading = async <T,>(name: string, work: () => Promise<T>): Promise<T> => {
    setReading(name);
    try {
      return await work();
    } finally {
      setReading(undefined);
    }
  };

  const inspect = async (
    fileId: string,
    options: { sheet?: string; headerRow?: number; encoding?: TextEncoding },
  ): Promise<Inspection | undefined> => {
    const result = await api.invoke('import:inspect', { fileId, ...options });
    if (!result.ok) {
      notify(result.error.message, 'error');
      return undefined;
    }
    return result.value;
  };

  const entryOf = async (ref: FileRef): Promise<ImportFileEntry | undefined> => {
    const inspection = await inspect(ref.fileId, {});
    if (inspection === undefined) return undefined;
    const first = defaultSheet(inspection);
    return {
      file: ref,
      inspection,
      ...(inspection.encoding === undefined ? {} : { detectedEncoding: inspection.encoding }),
      included: first === undefined ? [] : [first.name],
    };
  };

  /** Reads each file (uploading it first in browser mode) and adds it to the draft. */
  const accept = async (
    items: readonly { name: string; ref: () => Promise<FileRef | undefined> }[],
  ) => {
    let next = draft;
    for (const item of items) {
      const entry = await whileReading(item.name, async () => {
        const ref = await item.ref();
        return ref === undefined ? undefined : entryOf(ref);
      });
      if (entry === undefined) continue;
      const first = defaultSheet(entry.inspection);
      next = {
        files: [...next.files.filter((e) => e.file.fileId !== entry.file.fileId), entry],
        selected:
          next.selected ??
          (first === undefined ? undefined : { fileId: entry.file.fileId, sheet: first.name }),
      };
      onDraft(next);
    }
  };

  const upload = async (picked: readonly File[]) => {
    const send = api.upload;
    if (send === undefined) return;
    await accept(
      picked.map((file) => ({
        name: file.name,
        ref: async () => {
          const result = await send(file);
          if (result.ok) return result.value;
          notify(result.error.message, 'error');
          return undefined;
        },
      })),
    );
  };

  const pick = async () => {
    const result = await api.invoke('files:pick', { multiple: true });
    if (result.ok)
      await accept(result.value.map((ref) => ({ name: ref.name, ref: async () => ref })));
    else notify(result.error.message, 'error');
  };

  /** 培训模式: the department's file shipped with the app, as if the department had sent it. */
  const openTrainingFile = async () => {
    const result = await api.invoke('training:file', {});
    if (result.ok) await accept([{ name: result.value.name, ref: async () => result.value }]);
    else notify(result.error.message, 'error');
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    void upload([...event.dataTransfer.files]);
  };

  const replaceEntry = (entry: ImportFileEntry, selected = draft.selected) => {
    onDraft({
      files: files.map((e) => (e.file.fileId === entry.file.fileId ? entry : e)),
      ...(selected === undefined ? {} : { selected }),
    });
  };

  const changeEncoding = async (entry: ImportFileEntry, encoding: TextEncoding | undefined) => {
    const inspection = await whileReading(entry.file.name, () =>
      inspect(entry.file.fileId, encoding === undefined ? {} : { encoding }),
    );
    if (inspection === undefined) return;
    const names = new Set(inspection.sheets.map((s) => s.name));
    replaceEntry({
      file: entry.file,
      inspection,
      ...(entry.detectedEncoding === undefined ? {} : { detectedEncoding: entry.detectedEncoding }),
      ...(encoding === undefined ? {} : { encoding }),
      included: entry.included.filter((name) => names.has(name)),
    });
  };

  const changeHeaderRow = async (entry: ImportFileEntry, sheet: string, headerRow: number) => {
    const inspection = await whileReading(entry.file.name, () =>
      inspect(entry.file.fileId, {
        sheet,
        headerRow,
        ...(entry.encoding === undefined ? {} : { encoding: entry.encoding }),
      }),
    );
    const report = inspection?.sheets.find((s) => s.name === sheet);
    if (inspection === undefined || report === undefined) return;
    setHeaderRowInput(undefined);
    replaceEntry({
      ...entry,
      inspection: {
        ...entry.inspection,
        sheets: entry.inspection.sheets.map((s) => (s.name === sheet ? report : s)),
      },
    });
  };

  const toggleIncluded = (entry: ImportFileEntry, sheet: string, isIncluded: boolean) => {
    const included = isIncluded
      ? entry.inspection.sheets
          .map((s) => s.name)
          .filter((n) => n === sheet || entry.included.includes(n))
      : entry.included.filter((n) => n !== sheet);
    replaceEntry({ ...entry, included });
  };

  const removeFile = (entry: ImportFileEntry) => {
    const rest = files.filter((e) => e.file.fileId !== entry.file.fileId);
    const next = rest[0];
    const first = next === undefined ? undefined : defaultSheet(next.inspection);
    onDraft({
      files: rest,
      ...(draft.selected !== undefined && draft.selected.fileId !== entry.file.fileId
        ? { selected: draft.selected }
        : next !== undefined && first !== undefined
          ? { selected: { fileId: next.file.fileId, sheet: first.name } }
          : {}),
    });
  };

  const tables = includedTables(files);
  const reference = tables[0];
  const differences = tables.slice(1).flatMap(({ entry, sheet }) => {
    if (reference === undefined) return [];
    const layout = compareLayout(reference.sheet.columns, sheet.columns);
    if (layout.isSame) return [];
    const details = [
      ...(layout.missing.length > 0
        ? [f('columnsLacking', { columns: layout.missing.join('、') })]
        : []),
      ...(layout.extra.length > 0 ? [f('columnsExtra', { columns: layout.extra.join('、') })] : []),
    ];
    return [
      f('layoutDiffers', {
        table: tableLabel(entry, sheet.name),
        reference: tableLabel(reference.entry, reference.sheet.name),
        details: details.join('；'),
      }),
    ];
  });

  const includeSameLayout = () => {
    if (reference === undefined) return;
    onDraft({
      ...draft,
      files: files.map((entry) => ({
        ...entry,
        included: entry.inspection.sheets
          .filter(
            (sheet) =>
              entry.included.includes(sheet.name) ||
              (sheet.rows > 0 && compareLayout(reference.sheet.columns, sheet.columns).isSame),
          )
          .map((sheet) => sheet.name),
      })),
    });
  };

  const totalRows = tables.reduce((sum, { sheet }) => sum + sheet.rows, 0);

  const selectedEntry = files.find((e) => e.file.fileId === draft.selected?.fileId);
  const selectedSheet = selectedEntry?.inspection.sheets.find(
    (s) => s.name === draft.selected?.sheet,
  );

  return (
    <div className="import">
      <section className="card dropzone" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
        <p>{t('dropHint')}</p>
        {api.upload !== undefined ? (
          <label className={`button primary${isBusy ? ' disabled' : ''}`}>
            {t('chooseFiles')}
            <input
              type="file"
              hidden
              multiple
              disabled={isBusy}
              accept=".xlsx,.xlsm,.xlsb,.xls,.et,.ods,.csv,.tsv,.txt"
              onChange={(e) => {
                const picked = [...(e.target.files ?? [])];
                e.target.value = '';
                void upload(picked);
              }}
            />
          </label>
        ) : (
          <button type="button" className="primary" disabled={isBusy} onClick={() => void pick()}>
            {t('chooseFiles')}
          </button>
        )}
        {isTraining && (
          <button
            type="button"
            data-lesson="training-file"
            disabled={isBusy}
            onClick={() => void openTrainingFile()}
          >
            {t('useTrainingFile')}
          </button>
        )}
        {reading !== undefined && (
          <p className="reading-file" role="status" aria-busy="true">
            <span className="spinner" aria-hidden="true" />
            {f('readingFile', { name: reading })}
          </p>
        )}
      </section>
      {files.map((entry) => (
        <section className="card import-file" key={entry.file.fileId}>
          <div className="inspect-facts">
            <strong className="file-name">{entry.file.name}</strong>
            <span className="muted">{(entry.file.size / 1024).toFixed(0)} KB</span>
            <span>
              {t('fileFormat')}：<strong>{entry.inspection.format}</strong>
            </span>
            {entry.inspection.isText ? (
              <label>
                {t('encoding')}：
                <select
                  aria-label={`${t('encoding')} ${entry.file.name}`}
                  value={entry.encoding ?? ''}
                  disabled={isBusy}
                  onChange={(e) =>
                    void changeEncoding(
                      entry,
                      e.target.value === '' ? undefined : (e.target.value as TextEncoding),
                    )
                  }
                >
                  <option value="">
                    {f('encodingDetected', { encoding: entry.detectedEncoding ?? '' })}
                  </option>
                  {encodings.map((encoding) => (
                    <option key={encoding} value={encoding}>
                      {encoding}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            <button type="button" className="link" onClick={() => removeFile(entry)}>
              {t('removeFile')}
            </button>
          </div>
          {(entry.inspection.warnings ?? []).map((warning) => (
            <p key={warning.code} className="warning-text" role="status">
              {warning.message[language]}
            </p>
          ))}
          <table className="table sheets">
            <thead>
              <tr>
                <th>{t('includeTable')}</th>
                <th>{t('sheet')}</th>
                <th>{t('rowsCount')}</th>
                <th>{t('headerRow')}</th>
                <th>{t('columnsCount')}</th>
                <th>{t('flaggedShort')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {entry.inspection.sheets.map((sheet) => {
                const isSelected =
                  draft.selected?.fileId === entry.file.fileId &&
                  draft.selected.sheet === sheet.name;
                return (
                  <tr key={sheet.name} className={isSelected ? 'selected' : undefined}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${t('includeTable')} ${tableLabel(entry, sheet.name)}`}
                        checked={entry.included.includes(sheet.name)}
                        disabled={sheet.columns.length === 0}
                        onChange={(e) => toggleIncluded(entry, sheet.name, e.target.checked)}
                      />
                    </td>
                    <td>
                      {sheet.name}
                      {sheet.hidden ? <span className="muted">{t('hiddenMark')}</span> : null}
                    </td>
                    <td>{sheet.rows.toLocaleString()}</td>
                    <td>{sheet.headerRow === 0 ? t('noHeader') : sheet.headerRow}</td>
                    <td>{sheet.columns.length}</td>
                    <td className={sheet.flaggedCount > 0 ? 'warning-text' : 'muted'}>
                      {sheet.flaggedCount}
                    </td>
                    <td>
                      {isSelected ? (
                        <span className="muted">{t('previewing')}</span>
                      ) : (
                        <button
                          type="button"
                          className="link"
                          onClick={() => {
                            setHeaderRowInput(undefined);
                            onDraft({
                              ...draft,
                              selected: { fileId: entry.file.fileId, sheet: sheet.name },
                            });
                          }}
                        >
                          {t('previewTable')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
      {selectedEntry !== undefined && selectedSheet !== undefined && (
        <SheetPreview
          key={`${selectedEntry.file.fileId}/${selectedSheet.name}`}
          label={tableLabel(selectedEntry, selectedSheet.name)}
          sheet={selectedSheet}
          headerRowInput={headerRowInput ?? String(selectedSheet.headerRow)}
          onHeaderRowInput={setHeaderRowInput}
          isBusy={isBusy}
          onHeaderRow={(row) => void changeHeaderRow(selectedEntry, selectedSheet.name, row)}
        />
      )}
      {files.length > 0 && (
        <section className="card">
          {differences.map((line) => (
            <p key={line} className="warning-text" role="alert">
              {line}
            </p>
          ))}
          {tables.length === 0 && <p className="warning-text">{t('noTableIncluded')}</p>}
          <div className="form-actions">
            <button
              type="button"
              className="primary"
              disabled={tables.length === 0 || differences.length > 0 || isBusy}
              onClick={onNext}
            >
              {tables.length > 1
                ? f('nextMappingCount', { tables: tables.length, rows: totalRows })
                : t('nextMapping')}
            </button>
            {files.some((e) => e.inspection.sheets.length > 1) || files.length > 1 ? (
              <button type="button" disabled={reference === undefined} onClick={includeSameLayout}>
                {t('includeSameLayout')}
              </button>
            ) : null}
          </div>
        </section>
      )}
    </div>
  );
}

/** One table as the importer read it: header row (changeable), skipped rows, flags, preview. */
function SheetPreview({
  label,
  sheet,
  headerRowInput,
  onHeaderRowInput,
  isBusy,
  onHeaderRow,
}: {
  label: string;
  sheet: InspectedSheet;
  headerRowInput: string;
  onHeaderRowInput: (value: string) => void;
  isBusy: boolean;
  onHeaderRow: (row: number) => void;
}) {
  const { t, f, language } = useApp();
  const flaggedAt = new Map(sheet.flagged.map((cell) => [`${cell.row}/${cell.column}`, cell]));
  const commit = () => {
    const row = Number(headerRowInput);
    if (Number.isInteger(row) && row >= 0) onHeaderRow(row);
  };
  const renderRow = (row: InspectedSheet['sample'][number]) => (
    <tr key={row.sourceRow}>
      <td className="muted">{row.sourceRow}</td>
      {row.cells.map((cell, j) => {
        const flag = flaggedAt.get(`${row.sourceRow}/${sheet.columns[j] ?? ''}`);
        return (
          <td
            key={j}
            className={flag === undefined ? undefined : 'flagged-cell'}
            title={flag?.reason[language]}
          >
            {cell}
          </td>
        );
      })}
    </tr>
  );
  return (
    <section className="card preview">
      <h3>
        {t('preview')}：{label}
      </h3>
      <div className="inspect-facts">
        <label title={t('headerRowHint')}>
          {t('headerRow')}：
          <input
            type="number"
            min={0}
            aria-label={t('headerRow')}
            value={headerRowInput}
            onChange={(e) => onHeaderRowInput(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') commit();
            }}
            style={{ width: 72 }}
          />
        </label>
        <button type="button" disabled={isBusy} onClick={commit}>
          {t('inspect')}
        </button>
        <span>
          {t('dataRows')}：<strong>{sheet.rows.toLocaleString()}</strong>
        </span>
        <span className="muted">{sheet.headerReason[language]}</span>
      </div>
      <div className="inspect-facts">
        {sheet.headerRow > 1 && (
          <span className="skipped">{f('titleRowsSkipped', { n: sheet.headerRow - 1 })}</span>
        )}
        {sheet.footerRows.length > 0 && (
          <span className="skipped">
            {t('footerRows')}：{sheet.footerRows.join('、')}
          </span>
        )}
      </div>
      {sheet.flaggedCount > 0 && (
        <details className="flagged" open={sheet.flaggedCount <= 5}>
          <summary>{f('flaggedCount', { n: sheet.flaggedCount })}</summary>
          <ul>
            {sheet.flagged.slice(0, 20).map((cell) => (
              <li key={`${cell.row}-${cell.column}`}>
                {f('flaggedCellLine', {
                  row: String(cell.row),
                  column: cell.column,
                  value: cell.value,
                  reason: cell.reason[language],
                })}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="table-scroll short">
        <table className="table preview-table">
          <thead>
            <tr>
              <th>{t('sourceRowShort')}</th>
              {sheet.columns.map((c) => (
                <th key={c}>{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sheet.sample.map(renderRow)}
            {sheet.flaggedRows.length > 0 && (
              <Fragment>
                <tr className="separator">
                  <td colSpan={sheet.columns.length + 1}>{t('flaggedRowsBelow')}</td>
                </tr>
                {sheet.flaggedRows.map(renderRow)}
              </Fragment>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
