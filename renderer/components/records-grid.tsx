import {
  memo,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ClipboardEvent,
  type KeyboardEvent as ReactKeyboardEvent,
  type MouseEvent as ReactMouseEvent,
} from 'react';
import { flushSync } from 'react-dom';
import type { PackSummary } from '../../shared/ipc/contract.ts';
import type { Language } from '../../shared/i18n/localized-text.ts';
import { formatText, translate } from '../../shared/i18n/ui-text.ts';
import { codeNameOf } from '../../shared/code-tables/search-code-entries.ts';
import { useApp } from '../app-context.tsx';
import { ColumnFilterMenu, type ColumnFilter } from './column-filter-menu.tsx';
import {
  applyGridKey,
  clampOffset,
  createGridWindow,
  createScrollSpace,
  offsetAfterScroll,
  offsetToShowRow,
  pagesOfRows,
  pagesToFetch,
  scrollLeftToShowColumn,
  scrollTopForOffset,
  type GridCell,
  type ScrollSpace,
} from './grid-window.ts';
import {
  RecordPageStore,
  recordPageSize,
  type GridRecord,
  type RecordFilter,
} from './record-page-store.ts';
import { CodeEditor } from './code-editor.tsx';
import { ColumnChooser, ColumnHeaderMenu } from './column-menu.tsx';
import {
  createColumnView,
  fitColumnWidth,
  rowNumberWidth,
  setColumnHidden,
  setColumnWidth,
  type GridColumn,
} from './grid-columns.ts';
import { useColumnLayout } from './use-column-layout.ts';
import {
  parseCells,
  planPaste,
  rangeOf,
  editMoveOf,
  isInputMethodKey,
  rowsOf,
  serializeCells,
  type CellRange,
  type EditMove,
} from './grid-clipboard.ts';
import { ExportDataMenu } from './export-data-menu.tsx';
import type { FieldCodes } from './use-field-codes.ts';

type Field = PackSummary['datasets'][number]['fields'][number];

type RecordSort = NonNullable<RecordFilter['sort']>;

/** What the last 查找 found: how many cells match, which one is shown, whether it came round. */
interface Found {
  readonly text: string;
  readonly count: number;
  readonly ordinal?: number | undefined;
  readonly wrapped?: 'next' | 'previous' | undefined;
}

interface Editing {
  readonly rid: number;
  readonly field: string;
  readonly value: string;
  /** Started by typing on the cell: the typed text replaced the value (a code field searches it). */
  readonly isTyped?: boolean;
}

/** How a write of many cells came about (edit:cells). */
export type CellsWrite = 'paste' | 'clear' | 'fill-down';

/** The most rows one copy, paste, clear or fill-down covers (the engine is asked 1,000 a time). */
const maxRangeRows = 10_000;

const rowHeight = 30;
/** Rows drawn above and below the viewport, so a slow scroll never shows an empty edge. */
const overscan = 3;
/** Pages fetched beyond the drawn rows, in screens, so the next screen is usually there. */
const marginScreens = 2;
/** Rows drawn relative to a base row that moves in steps, so most rows keep their position. */
const baseStep = 1024;

/**
 * The records of the project in a grid that draws only the rows on screen, fetched a page at a
 * time from the engine, so a million rows scroll like a hundred. Cells with issues are marked
 * and explained; the arrow keys move between cells, double-click (or Enter, F2) edits a cell.
 * Above it, 查找 (Ctrl+F): the engine searches the rows shown, the grid jumps to the match. A
 * header click sorts (ascending, descending, original order) and its ▾ filters the column by
 * values or text, combined with the issue filter; sorting and filtering happen in the engine.
 * An edited row stays where it is until the sort or filter is applied again, as in Excel.
 *
 * Written by hand rather than with a virtualiser library: every row has one height, so the
 * window is plain arithmetic (grid-window.ts). @tanstack/react-virtual (3.19) rebuilds an
 * array of every row's position whenever the row count changes (a filter toggle at 1,000,000
 * rows) and, like react-window 2, has no answer to the browser's ~16-33 million px limit on an
 * element's height; react-virtualized's scaling needs its legacy Grid and still walks rows.
 */
export function RecordsGrid({
  fields: allFields,
  layoutKey,
  filter,
  refreshKey,
  onEdit,
  onWriteCells,
  highlightField,
  codes = noCodes,
  onActiveCellChange,
  onDetailsKey,
}: {
  fields: readonly Field[];
  /**
   * Where the clerk's column widths, frozen and hidden columns are kept (`columnLayoutKey`:
   * per project and pack); undefined: not remembered.
   */
  layoutKey?: string | undefined;
  filter: RecordFilter;
  /** Changes whenever the records may have changed (the project state), so pages are fetched again. */
  refreshKey: unknown;
  onEdit: (rid: number, field: string, value: string) => Promise<void>;
  /** Writes many cells as one operation (a paste, Delete, Ctrl+D). */
  onWriteCells: (
    how: CellsWrite,
    cells: readonly { rid: number; field: string; value: string }[],
  ) => Promise<void>;
  /** A column to mark and scroll into view (the field of the issues being looked at). */
  highlightField?: string | undefined;
  /** The code tables of code fields, by field name: cells show the name beside the code. */
  codes?: ReadonlyMap<string, FieldCodes>;
  /** Told the record and field of the active cell whenever either (or the record) changes. */
  onActiveCellChange?: (cell: ActiveCell | undefined) => void;
  /** Alt+Enter on the grid: show or hide the details of the active cell. */
  onDetailsKey?: () => void;
}) {
  const { api, t, f, notify, language } = useApp();
  const [store] = useState(() => new RecordPageStore(api, (message) => notify(message, 'error')));
  useSyncExternalStore(store.subscribe, store.getVersion);
  const [sort, setSort] = useState<RecordSort | undefined>(undefined);
  const [columnFilters, setColumnFilters] = useState<readonly ColumnFilter[]>([]);
  const [filterMenu, setFilterMenu] = useState<{ field: string; left: number; top: number }>();
  const [findText, setFindText] = useState('');
  const [findField, setFindField] = useState('');
  const [found, setFound] = useState<Found | undefined>(undefined);
  const [isFinding, setIsFinding] = useState(false);
  const findRef = useRef<HTMLInputElement>(null);
  const [layout, setLayout] = useColumnLayout(layoutKey);
  const columnView = useMemo(() => createColumnView(allFields, layout), [allFields, layout]);
  const { columns, totalWidth } = columnView;
  /** The shown fields: the grid's column indexes (the active cell's) count these. */
  const fields = useMemo(() => columns.map((c) => c.field), [columns]);
  const [columnMenu, setColumnMenu] = useState<
    { kind: 'chooser' } | { kind: 'header'; field: string; left: number; top: number }
  >();
  /** The column being resized by a drag of its header's right edge. */
  const resizing = useRef<{ field: string; startX: number; startWidth: number }>(undefined);
  // The view the engine pages through: the issue filter, the column filters and the order.
  const issueFilterKey = JSON.stringify(filter);
  const gridView = useMemo<RecordFilter>(
    () => ({
      ...(JSON.parse(issueFilterKey) as RecordFilter),
      ...(columnFilters.length > 0 ? { columns: [...columnFilters] } : {}),
      ...(sort === undefined ? {} : { sort }),
    }),
    [issueFilterKey, columnFilters, sort],
  );
  const filterKey = JSON.stringify(gridView);
  const idPrefix = useId();
  const gridRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const headerRef = useRef<HTMLDivElement>(null);
  /** The newest offset and space, for the wheel listener and the scroll handler. */
  const latest = useRef<{
    filterKey: string;
    total: number | undefined;
    space: ScrollSpace;
    offset: number;
    /** The element's scroll position as last seen or set. */
    scrollTop: number;
    /** The position the grid set to show an exact offset, until the browser says otherwise. */
    expectedScrollTop?: number;
  }>({
    filterKey,
    total: undefined,
    space: createScrollSpace({ count: 0, rowHeight, viewportHeight: 0 }),
    offset: 0,
    scrollTop: 0,
  });
  const [size, setSize] = useState({ height: 0, header: rowHeight + 2 });
  // The virtual offset (content px at the top of the viewport) and the active cell belong to a
  // filter: a new filter starts at its top.
  // `anchor` is where a selection started (a click, before Shift+arrows or a drag); the range
  // runs from it to the active cell.
  const [view, setView] = useState<{
    filterKey: string;
    offset: number;
    active?: GridCell;
    anchor?: GridCell;
  }>({
    filterKey,
    offset: 0,
  });
  const [editing, setEditing] = useState<Editing | undefined>(undefined);
  if (view.filterKey !== filterKey) {
    setView({ filterKey, offset: 0 });
    setEditing(undefined);
    setFound(undefined);
  }

  const total = store.totalOf(filterKey);
  const count = total ?? 0;
  const space = createScrollSpace({
    count,
    rowHeight,
    viewportHeight: Math.max(0, size.height - size.header),
  });
  const offset = clampOffset(space, view.offset);
  const win = createGridWindow(space, offset, overscan);
  const active =
    view.active !== undefined && view.active.row < count
      ? { row: view.active.row, column: Math.min(view.active.column, fields.length - 1) }
      : undefined;
  const anchor =
    active === undefined || view.anchor === undefined
      ? active
      : {
          row: Math.min(view.anchor.row, count - 1),
          column: Math.min(view.anchor.column, fields.length - 1),
        };
  const selection =
    active === undefined || anchor === undefined ? undefined : rangeOf(anchor, active);
  const isDragging = useRef(false);

  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);

  useEffect(() => {
    const body = bodyRef.current;
    const header = headerRef.current;
    if (body === null || header === null) return;
    const observer = new ResizeObserver(() =>
      setSize({ height: body.clientHeight, header: header.offsetHeight }),
    );
    observer.observe(body);
    observer.observe(header);
    return () => observer.disconnect();
  }, []);

  // Ctrl+F anywhere on the step goes to the search box (the browser's own find sees only the
  // rows drawn).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        findRef.current?.focus();
        findRef.current?.select();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // The records changed (an edit, undo, a new import): what is kept is stale.
  const lastRefresh = useRef(refreshKey);
  useEffect(() => {
    if (lastRefresh.current === refreshKey) return;
    lastRefresh.current = refreshKey;
    store.invalidate();
  }, [store, refreshKey]);

  const plan =
    total === undefined
      ? { drawn: [0], margin: [] }
      : pagesToFetch(win, total, recordPageSize, win.pageRows * marginScreens);
  const planKey = JSON.stringify(plan);
  useEffect(() => {
    const { drawn, margin } = JSON.parse(planKey) as { drawn: number[]; margin: number[] };
    store.want(filterKey, drawn, margin);
  }, [store, filterKey, planKey]);
  const isBusy = !store.isCurrent(filterKey, plan.drawn);

  // Keep the element's scroll position on the virtual offset (after a key, a wheel turn in a
  // compressed space, a new filter or a resize); a position the browser set itself is left.
  // The last known position is kept, not read: reading scrollTop here would force a layout.
  useLayoutEffect(() => {
    const state = latest.current;
    state.space = space;
    state.offset = offset;
    state.filterKey = filterKey;
    state.total = total;
    const body = bodyRef.current;
    if (body === null) return;
    const top = scrollTopForOffset(space, offset);
    if (Math.abs(state.scrollTop - top) > 1) {
      state.expectedScrollTop = top;
      state.scrollTop = top;
      body.scrollTop = top;
    }
  });

  const moveTo = useCallback(
    (next: number, nextActive?: GridCell, nextAnchor?: GridCell) => {
      const state = latest.current;
      state.offset = clampOffset(state.space, next);
      // Ask for the rows now, not after the placeholders are drawn.
      if (state.total !== undefined) {
        const { drawn, margin } = pagesToFetch(
          createGridWindow(state.space, state.offset, overscan),
          state.total,
          recordPageSize,
          Math.floor(state.space.viewportHeight / rowHeight) * marginScreens,
        );
        store.want(state.filterKey, drawn, margin);
      }
      const offsetNow = state.offset;
      setView((current) => ({
        ...current,
        offset: offsetNow,
        active: nextActive ?? current.active,
        anchor: nextActive === undefined ? current.anchor : (nextAnchor ?? nextActive),
      }));
    },
    [setView, store],
  );

  const onScroll = () => {
    const body = bodyRef.current;
    if (body === null) return;
    const state = latest.current;
    state.scrollTop = body.scrollTop;
    const next = offsetAfterScroll(
      state.space,
      state.offset,
      state.scrollTop,
      state.expectedScrollTop,
    );
    if (Math.abs(state.scrollTop - (state.expectedScrollTop ?? Number.NaN)) > 1)
      state.expectedScrollTop = undefined;
    if (next !== state.offset) moveTo(next);
  };

  // In a compressed space a scrolled pixel is several rows' worth: the wheel moves the virtual
  // offset by exact pixels instead (a listener of our own, since React's wheel is passive).
  useEffect(() => {
    const body = bodyRef.current;
    if (body === null) return;
    const onWheel = (event: WheelEvent) => {
      const state = latest.current;
      if (state.space.ratio === 1 || event.ctrlKey) return;
      event.preventDefault();
      const unit =
        event.deltaMode === 1 ? rowHeight : event.deltaMode === 2 ? state.space.viewportHeight : 1;
      const isSideways = event.shiftKey && event.deltaX === 0;
      body.scrollLeft += (isSideways ? event.deltaY : event.deltaX) * unit;
      if (!isSideways && event.deltaY !== 0) moveTo(state.offset + event.deltaY * unit);
    };
    body.addEventListener('wheel', onWheel, { passive: false });
    return () => body.removeEventListener('wheel', onWheel);
  }, [moveTo]);

  const widths = useMemo(() => [rowNumberWidth, ...columns.map((c) => c.width)], [columns]);
  /** The row number and the frozen columns stay in place when scrolling right. */
  const stickyColumns = 1 + columns.filter((c) => c.isFrozen).length;

  const showColumn = (column: number) => {
    const body = bodyRef.current;
    if (body === null) return;
    body.scrollLeft = scrollLeftToShowColumn({
      widths,
      column: column + 1,
      scrollLeft: body.scrollLeft,
      viewportWidth: body.clientWidth,
      stickyColumns,
    });
  };

  // The column of the issues being looked at comes into view when it is chosen.
  const highlightColumn = fields.findIndex((f) => f.name === highlightField);
  useEffect(() => {
    const body = bodyRef.current;
    if (body === null || highlightColumn < 0) return;
    body.scrollLeft = scrollLeftToShowColumn({
      widths,
      column: highlightColumn + 1,
      scrollLeft: body.scrollLeft,
      viewportWidth: body.clientWidth,
      stickyColumns,
    });
  }, [highlightColumn, widths, stickyColumns]);

  const find = async (direction: 'next' | 'previous') => {
    const text = findText.trim();
    if (text === '' || isFinding) return;
    setIsFinding(true);
    const result = await api.invoke('records:find', {
      filter: gridView,
      text,
      ...(findField === '' ? {} : { field: findField }),
      ...(active === undefined
        ? {}
        : { from: { row: active.row, column: columns[active.column]?.index ?? 0 } }),
      direction,
    });
    setIsFinding(false);
    if (!result.ok) {
      notify(result.error.message, 'error');
      return;
    }
    const { count: matches, match } = result.value;
    setFound({
      text,
      count: matches,
      ordinal: match?.ordinal,
      wrapped: match?.isWrapped === true ? direction : undefined,
    });
    if (match === undefined) return;
    // The engine counts every field; a match in a hidden column shows that column again, so
    // the clerk sees what was found.
    const matchField = allFields[match.column]?.name ?? '';
    const isHidden = !fields.some((field) => field.name === matchField);
    const shown = isHidden
      ? createColumnView(allFields, setColumnHidden(layout, matchField, false)).columns
      : columns;
    if (isHidden) setLayout(setColumnHidden(layout, matchField, false));
    const column = Math.max(
      0,
      shown.findIndex((c) => c.index === match.column),
    );
    const state = latest.current;
    moveTo(offsetToShowRow(state.space, state.offset, match.row), { row: match.row, column });
    if (!isHidden) showColumn(column);
  };

  /** A header click: ascending, then descending, then the original order. */
  const cycleSort = (field: string) => {
    setSort((current) =>
      current?.field !== field
        ? { field, direction: 'asc' }
        : current.direction === 'asc'
          ? { field, direction: 'desc' }
          : undefined,
    );
  };

  const applyColumnFilter = (field: string, next: ColumnFilter | undefined) => {
    setColumnFilters((current) => [
      ...current.filter((c) => c.field !== field),
      ...(next === undefined ? [] : [next]),
    ]);
    setFilterMenu(undefined);
  };

  const openFilterMenu = (field: string, button: HTMLElement) => {
    if (filterMenu?.field === field) {
      setFilterMenu(undefined);
      return;
    }
    const grid = gridRef.current?.getBoundingClientRect();
    const cell = button.closest('[role=columnheader]')?.getBoundingClientRect();
    if (grid === undefined || cell === undefined) return;
    const menuWidth = 300;
    setFilterMenu({
      field,
      left: Math.max(0, Math.min(cell.left - grid.left, grid.width - menuWidth - 4)),
      top: cell.bottom - grid.top,
    });
  };

  const closeFilterMenu = useCallback(() => setFilterMenu(undefined), []);
  const closeColumnMenu = useCallback(() => setColumnMenu(undefined), []);

  /** Opens a header's menu (冻结到此列, 取消冻结, 适合列宽, 隐藏此列) at a point on the screen. */
  const openHeaderMenu = (field: string, x: number, y: number) => {
    const grid = gridRef.current?.getBoundingClientRect();
    if (grid === undefined) return;
    const menuWidth = 180;
    setFilterMenu(undefined);
    setColumnMenu({
      kind: 'header',
      field,
      left: Math.max(0, Math.min(x - grid.left, grid.width - menuWidth - 4)),
      top: Math.max(0, y - grid.top),
    });
  };

  /** A step of a header edge's drag (or its end, which keeps the width). */
  const dragResize = (clientX: number, isFinal: boolean) => {
    const drag = resizing.current;
    if (drag === undefined) return;
    if (isFinal) resizing.current = undefined;
    setLayout(setColumnWidth(layout, drag.field, drag.startWidth + clientX - drag.startX), isFinal);
  };

  /**
   * Double-click on a header's edge: the column fits its header and the drawn rows' texts.
   * The texts are measured as laid out (a Range over each cell's content is as wide as the
   * text, clipped or not), so the font, the code names and the sort arrow all count.
   */
  const fitColumn = (column: GridColumn) => {
    const grid = gridRef.current;
    if (grid === null) return;
    const name = CSS.escape(column.field.name);
    const range = document.createRange();
    const textWidth = (element: Element) => {
      range.selectNodeContents(element);
      return range.getBoundingClientRect().width;
    };
    const measured: number[] = [];
    const header = grid.querySelector(`.grid-header [data-field="${name}"]`);
    const sortButton = header?.querySelector('.head-sort');
    const title = header?.querySelector('.head-title');
    if (
      header instanceof HTMLElement &&
      sortButton instanceof HTMLElement &&
      title instanceof HTMLElement
    ) {
      // The whole title, the sort arrow, the button's padding, and the header's other parts
      // (the filter button): the sort button itself grows to fill the header, so it is not
      // measured as is.
      const button = getComputedStyle(sortButton);
      const arrow = sortButton.querySelector('.sort-arrow');
      measured.push(
        textWidth(title) +
          (arrow instanceof HTMLElement ? arrow.offsetWidth + parseFloat(button.columnGap) : 0) +
          parseFloat(button.paddingLeft) +
          parseFloat(button.paddingRight) +
          header.offsetWidth -
          sortButton.offsetWidth +
          1,
      );
    }
    for (const cell of grid.querySelectorAll(
      `.grid-row:not(.placeholder) [data-field="${name}"]`,
    )) {
      const style = getComputedStyle(cell);
      const chrome =
        parseFloat(style.paddingLeft) +
        parseFloat(style.paddingRight) +
        parseFloat(style.borderLeftWidth) +
        parseFloat(style.borderRightWidth);
      measured.push(textWidth(cell) + chrome + 1);
    }
    setLayout(setColumnWidth(layout, column.field.name, fitColumnWidth(measured)));
  };

  /** Edits a cell: keeping its value (F2, Enter, double-click) or replacing it with `typed`. */
  const startEditing = (row: number, column: number, typed?: string) => {
    const record = store.recordAt(filterKey, row);
    const field = fields[column];
    if (record === undefined || field === undefined) return;
    setView((current) => ({ ...current, active: { row, column }, anchor: { row, column } }));
    setEditing(
      typed === undefined
        ? {
            rid: record.rid,
            field: field.name,
            value: record.values[columns[column]?.index ?? -1] ?? '',
          }
        : { rid: record.rid, field: field.name, value: typed, isTyped: true },
    );
  };

  /** Moves the active cell (and the view to it), the selection collapsing onto it. */
  const goTo = (next: GridCell, base = offset) => {
    moveTo(offsetToShowRow(space, clampOffset(space, base), next.row), next);
    showColumn(next.column);
  };

  const stopEditing = (isSaved: boolean, value?: string, move?: EditMove) => {
    const current = editing;
    setEditing(undefined);
    gridRef.current?.focus({ preventScroll: true });
    if (isSaved && current !== undefined)
      void onEdit(current.rid, current.field, value ?? current.value);
    if (isSaved && move !== undefined && active !== undefined) {
      const step = { down: [1, 0], right: [0, 1], left: [0, -1] }[move];
      goTo({
        row: Math.min(Math.max(0, active.row + (step[0] ?? 0)), count - 1),
        column: Math.min(Math.max(0, active.column + (step[1] ?? 0)), fields.length - 1),
      });
    }
  };

  /**
   * The records of a range of rows of the view: from the pages kept when all are there (a copy
   * must set the clipboard before its event ends), else asked of the engine, 1,000 at a time.
   */
  const recordsOfRows = (top: number, bottom: number): GridRecord[] | undefined => {
    const kept: GridRecord[] = [];
    for (let row = top; row <= bottom; row += 1) {
      const record = store.recordAt(filterKey, row);
      if (record === undefined) return undefined;
      kept.push(record);
    }
    return kept;
  };

  const fetchRecordsOfRows = async (
    top: number,
    bottom: number,
  ): Promise<GridRecord[] | undefined> => {
    const kept = recordsOfRows(top, bottom);
    if (
      kept !== undefined &&
      store.isCurrent(filterKey, pagesOfRows(top, bottom + 1, recordPageSize))
    )
      return kept;
    const records: GridRecord[] = [];
    for (let offsetRow = top; offsetRow <= bottom; offsetRow += 1000) {
      const page = await api.invoke('records:page', {
        offset: offsetRow,
        limit: Math.min(1000, bottom - offsetRow + 1),
        filter: gridView,
      });
      if (!page.ok) {
        notify(page.error.message, 'error');
        return undefined;
      }
      for (const row of page.value.rows) records.push({ ...row, issues: new Map() });
    }
    return records;
  };

  const isTooLarge = (range: CellRange): boolean => {
    if (rowsOf(range) <= maxRangeRows) return false;
    notify(
      {
        zh: formatText('rangeTooLarge', 'zh', { limit: maxRangeRows }),
        en: formatText('rangeTooLarge', 'en', { limit: maxRangeRows }),
      },
      'error',
    );
    return true;
  };

  const textOf = (records: readonly GridRecord[], range: CellRange): string =>
    serializeCells(
      records.map((record) => {
        const values: string[] = [];
        for (let column = range.left; column <= range.right; column += 1)
          values.push(record.values[columns[column]?.index ?? -1] ?? '');
        return values;
      }),
    );

  /** Ctrl+C: the selection as tab-separated text, which Excel and WPS paste as cells. */
  const copySelection = (event: ClipboardEvent<HTMLDivElement>) => {
    if (event.target instanceof HTMLInputElement || selection === undefined) return;
    event.preventDefault();
    if (isTooLarge(selection)) return;
    const kept = recordsOfRows(selection.top, selection.bottom);
    if (kept !== undefined) {
      event.clipboardData.setData('text/plain', textOf(kept, selection));
      return;
    }
    // Rows not drawn yet: fetched first, then written with the async Clipboard API.
    const range = selection;
    void (async () => {
      const records = await fetchRecordsOfRows(range.top, range.bottom);
      if (records === undefined) return;
      try {
        await navigator.clipboard.writeText(textOf(records, range));
      } catch (error) {
        console.error('clipboard write failed', error);
        notify({ zh: translate('copyFailed', 'zh'), en: translate('copyFailed', 'en') }, 'error');
      }
    })();
  };

  /** Writes cells of the view, by row and column, as one operation; selects what was written. */
  const writeCells = async (
    how: CellsWrite,
    cells: readonly { row: number; column: number; value: string }[],
    range: CellRange,
  ) => {
    if (cells.length === 0) return;
    const records = await fetchRecordsOfRows(range.top, range.bottom);
    if (records === undefined) return;
    const written = cells.flatMap(({ row, column, value }) => {
      const record = records[row - range.top];
      const field = fields[column];
      return record === undefined || field === undefined
        ? []
        : [{ rid: record.rid, field: field.name, value }];
    });
    await onWriteCells(how, written);
  };

  /** Ctrl+V: a block copied from Excel or WPS, pasted at the selection as one operation. */
  const pasteText = (text: string) => {
    if (selection === undefined) return;
    const plan = planPaste(parseCells(text), selection, {
      rowCount: count,
      columnCount: fields.length,
    });
    if (isTooLarge(plan.range)) return;
    setView((current) => ({
      ...current,
      anchor: { row: plan.range.top, column: plan.range.left },
      active: { row: plan.range.bottom, column: plan.range.right },
    }));
    void (async () => {
      await writeCells('paste', plan.cells, plan.range);
      if (plan.isClipped)
        notify({ zh: translate('pasteClipped', 'zh'), en: translate('pasteClipped', 'en') });
    })();
  };

  const onPaste = (event: ClipboardEvent<HTMLDivElement>) => {
    if (event.target instanceof HTMLInputElement || selection === undefined) return;
    event.preventDefault();
    pasteText(event.clipboardData.getData('text/plain'));
  };

  /** Delete: the selection emptied, as one operation. */
  const clearSelection = (range: CellRange) => {
    if (isTooLarge(range)) return;
    const cells: { row: number; column: number; value: string }[] = [];
    for (let row = range.top; row <= range.bottom; row += 1)
      for (let column = range.left; column <= range.right; column += 1)
        cells.push({ row, column, value: '' });
    void writeCells('clear', cells, range);
  };

  /** Ctrl+D: the top row of the selection copied down it (one row: the row above, as Excel). */
  const fillDown = (range: CellRange) => {
    const from = range.bottom > range.top ? range.top : range.top - 1;
    if (from < 0) return;
    const span = { ...range, top: from };
    if (isTooLarge(span)) return;
    void (async () => {
      const records = await fetchRecordsOfRows(span.top, span.bottom);
      const source = records?.[0];
      if (source === undefined) return;
      const cells: { row: number; column: number; value: string }[] = [];
      for (let row = from + 1; row <= span.bottom; row += 1)
        for (let column = span.left; column <= span.right; column += 1)
          cells.push({ row, column, value: source.values[columns[column]?.index ?? -1] ?? '' });
      await writeCells('fill-down', cells, span);
    })();
  };

  // The details pane follows the active cell, and its record when a page arrives after an edit.
  const activeRecord = active === undefined ? undefined : store.recordAt(filterKey, active.row);
  const activeField = active === undefined ? undefined : fields[active.column]?.name;
  useEffect(() => {
    onActiveCellChange?.(
      activeRecord === undefined || activeField === undefined
        ? undefined
        : { record: activeRecord, field: activeField },
    );
  }, [onActiveCellChange, activeRecord, activeField]);

  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    if (
      event.target instanceof HTMLInputElement ||
      (event.target instanceof HTMLElement &&
        event.target.closest('.column-filter-menu') !== null) ||
      count === 0
    )
      return;
    const from = active ?? { row: win.firstVisible, column: 0 };
    if (event.key === 'Enter' && event.altKey) {
      event.preventDefault();
      if (active === undefined) setView((current) => ({ ...current, active: from }));
      onDetailsKey?.();
      return;
    }
    if (event.key === 'Enter' || event.key === 'F2') {
      event.preventDefault();
      startEditing(from.row, from.column);
      return;
    }
    const isCtrl = event.ctrlKey || event.metaKey;
    const range = selection ?? rangeOf(from, from);
    if (event.key === 'Delete' && !isCtrl && !event.altKey) {
      event.preventDefault();
      clearSelection(range);
      return;
    }
    if (isCtrl && !event.altKey && event.key.toLowerCase() === 'd') {
      event.preventDefault();
      fillDown(range);
      return;
    }
    if (event.key === 'Tab' && !isCtrl && !event.altKey) {
      event.preventDefault();
      goTo({
        row: from.row,
        column: Math.min(Math.max(0, from.column + (event.shiftKey ? -1 : 1)), fields.length - 1),
      });
      return;
    }
    // An input method's first key (拼音): the editor is put in place and focused before the
    // key's default action, so the composition goes into it. Checked before printable keys: on
    // macOS and Linux that key is the letter itself, which must not be typed as well.
    if (isInputMethodKey(event)) {
      flushSync(() => startEditing(from.row, from.column, ''));
      return;
    }
    // A printable key on a cell starts editing it with what was typed, as in Excel.
    if (event.key.length === 1 && !isCtrl && !event.altKey) {
      event.preventDefault();
      startEditing(from.row, from.column, event.key);
      return;
    }
    const next = applyGridKey(
      from,
      { key: event.key, isCtrl },
      { rowCount: count, columnCount: fields.length, pageRows: win.pageRows },
    );
    if (next === undefined) return;
    event.preventDefault();
    const step = next.row - from.row;
    // PageUp/PageDown move the view by the same rows as the cell, like a spreadsheet.
    const base =
      event.key === 'PageUp' || event.key === 'PageDown' ? offset + step * rowHeight : offset;
    // Shift extends the selection from where it started.
    moveTo(
      offsetToShowRow(space, clampOffset(space, base), next.row),
      next,
      event.shiftKey ? (anchor ?? from) : next,
    );
    showColumn(next.column);
  };

  const cellAt = (event: ReactMouseEvent): GridCell | undefined => {
    const cell = (event.target as HTMLElement).closest<HTMLElement>('[data-field]');
    const row = cell?.closest<HTMLElement>('[data-row]');
    const column = fields.findIndex((f) => f.name === cell?.dataset.field);
    if (row === null || row === undefined || column < 0) return undefined;
    return { row: Number(row.dataset.row), column };
  };

  // Rows are keyed by slot (index modulo the slots), not by index: a row scrolled out lends
  // its elements to the row scrolled in, and a jump only changes texts, never the element tree.
  const slots = Math.max(64, 2 ** Math.ceil(Math.log2(win.end - win.start + 1)));
  const indexOfSlot = new Array<number | undefined>(slots).fill(undefined);
  for (let index = win.start; index < win.end; index += 1) indexOfSlot[index % slots] = index;
  const baseRow = win.start - (win.start % baseStep);
  const rows = indexOfSlot.map((index, slot) => {
    if (index === undefined) return null;
    const record = store.recordAt(filterKey, index);
    const isEditingRow = record !== undefined && editing?.rid === record.rid;
    return (
      <GridRow
        key={slot}
        index={index}
        top={(index - baseRow) * rowHeight}
        record={record}
        columns={columns}
        width={totalWidth}
        activeId={active?.row === index ? activeIdOf(idPrefix, active) : undefined}
        activeColumn={active?.row === index ? active.column : undefined}
        selectedFrom={isSelectedRow(selection, index) ? selection?.left : undefined}
        selectedTo={isSelectedRow(selection, index) ? selection?.right : undefined}
        editing={isEditingRow ? editing : undefined}
        language={language}
        suggestionLabel={t('suggestion')}
        highlightField={highlightField}
        codes={codes}
        foundText={found !== undefined && found.count > 0 ? found.text.toLowerCase() : undefined}
        foundField={findField}
        onEditingChange={setEditing}
        onStopEditing={isEditingRow ? stopEditing : undefined}
      />
    );
  });
  const activeId =
    active !== undefined && active.row >= win.start && active.row < win.end
      ? activeIdOf(idPrefix, active)
      : undefined;
  const lastVisible = Math.min(count, Math.ceil((offset + space.viewportHeight) / rowHeight));
  const all = store.allRecords();
  const menuField = allFields.find((field) => field.name === filterMenu?.field);
  const headerMenuColumn =
    columnMenu?.kind === 'header'
      ? columns.find((c) => c.field.name === columnMenu.field)
      : undefined;
  const frozenThrough = columns.filter((c) => c.isFrozen).at(-1)?.field.name;
  const findStatus = isFinding
    ? t('finding')
    : found === undefined
      ? ''
      : found.count === 0
        ? f('findNone', { text: found.text })
        : [
            f('findCount', { ordinal: found.ordinal ?? 0, count: found.count }),
            found.wrapped === undefined
              ? ''
              : t(found.wrapped === 'next' ? 'findWrappedNext' : 'findWrappedPrevious'),
          ]
            .filter((part) => part !== '')
            .join('，');

  return (
    <>
      <div className="grid-find" role="search">
        <input
          ref={findRef}
          type="search"
          className="find-text"
          aria-label={t('find')}
          placeholder={t('findPlaceholder')}
          value={findText}
          onChange={(e) => {
            setFindText(e.target.value);
            setFound(undefined);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void find(e.shiftKey ? 'previous' : 'next');
            }
            if (e.key === 'Escape') gridRef.current?.focus({ preventScroll: true });
          }}
        />
        <select
          aria-label={t('findInColumn')}
          value={findField}
          onChange={(e) => {
            setFindField(e.target.value);
            setFound(undefined);
          }}
        >
          <option value="">{t('findAllColumns')}</option>
          {allFields.map((field) => (
            <option key={field.name} value={field.name}>
              {field.title}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={findText.trim() === '' || isFinding}
          onClick={() => void find('previous')}
        >
          {t('findPrevious')}
        </button>
        <button
          type="button"
          disabled={findText.trim() === '' || isFinding}
          onClick={() => void find('next')}
        >
          {t('findNext')}
        </button>
        <span className="find-status muted" role="status">
          {findStatus}
        </span>
        {columnFilters.length > 0 && (
          <button type="button" className="chip" onClick={() => setColumnFilters([])}>
            {t('clearAllFilters')} ✕
          </button>
        )}
        <button
          type="button"
          className="column-chooser-button"
          aria-haspopup="dialog"
          aria-expanded={columnMenu?.kind === 'chooser'}
          title={t('columnsHint')}
          onMouseDown={(event) => event.stopPropagation()}
          onClick={() =>
            setColumnMenu((current) =>
              current?.kind === 'chooser' ? undefined : { kind: 'chooser' },
            )
          }
        >
          {layout.hidden.length === 0
            ? t('columns')
            : f('columnsHidden', { count: layout.hidden.length })}{' '}
          ▾
        </button>
        {columnMenu?.kind === 'chooser' && (
          <ColumnChooser
            fields={allFields}
            hidden={layout.hidden}
            style={{ right: 0, top: '100%' }}
            onHiddenChange={(field, isHidden) =>
              setLayout(setColumnHidden(layout, field, isHidden))
            }
            onShowAll={() => setLayout({ ...layout, hidden: [] })}
            onClose={closeColumnMenu}
          />
        )}
        <ExportDataMenu view={gridView} shown={total} all={all} />
      </div>
      <div
        className="grid"
        role="grid"
        ref={gridRef}
        tabIndex={0}
        aria-rowcount={count + 1}
        aria-colcount={fields.length + 1}
        aria-busy={isBusy}
        aria-activedescendant={activeId}
        aria-multiselectable={true}
        onKeyDown={onKeyDown}
        onCopy={copySelection}
        onPaste={onPaste}
      >
        <div className="grid-body" ref={bodyRef} onScroll={onScroll}>
          <div
            className="grid-space"
            style={{
              height: size.header + Math.max(space.scrollHeight, space.viewportHeight),
              width: totalWidth,
            }}
          >
            <div
              className="grid-header"
              role="row"
              aria-rowindex={1}
              ref={headerRef}
              style={{ width: totalWidth }}
            >
              <div
                className="grid-cell head row-number"
                role="columnheader"
                style={{ width: rowNumberWidth }}
              >
                {t('sourceRow')}
              </div>
              {columns.map((gridColumn, column) => {
                const { field } = gridColumn;
                const direction = sort?.field === field.name ? sort.direction : undefined;
                const isFiltered = columnFilters.some((c) => c.field === field.name);
                return (
                  <div
                    key={field.name}
                    className={`grid-cell head${field.name === highlightField ? ' highlight' : ''}${isFiltered ? ' filtered' : ''}${frozenClass(columns, column)}`}
                    role="columnheader"
                    title={field.name}
                    onContextMenu={(event) => {
                      event.preventDefault();
                      openHeaderMenu(field.name, event.clientX, event.clientY);
                    }}
                    aria-sort={
                      direction === undefined
                        ? undefined
                        : direction === 'asc'
                          ? 'ascending'
                          : 'descending'
                    }
                    data-field={field.name}
                    style={
                      gridColumn.isFrozen
                        ? { width: gridColumn.width, left: gridColumn.left }
                        : { width: gridColumn.width }
                    }
                  >
                    <button
                      type="button"
                      className="head-sort"
                      title={`${field.name} · ${t('sortHint')}`}
                      onClick={() => cycleSort(field.name)}
                      onKeyDown={(event) => {
                        if (
                          event.key === 'ContextMenu' ||
                          (event.key === 'F10' && event.shiftKey)
                        ) {
                          event.preventDefault();
                          const box = event.currentTarget.getBoundingClientRect();
                          openHeaderMenu(field.name, box.left, box.bottom);
                        }
                      }}
                    >
                      <span className="head-title">
                        {field.title}
                        {field.isRequired && <span className="required-mark">*</span>}
                      </span>
                      {direction !== undefined && (
                        <span
                          className="sort-arrow"
                          aria-label={t(direction === 'asc' ? 'sortAscending' : 'sortDescending')}
                        >
                          {direction === 'asc' ? '▲' : '▼'}
                        </span>
                      )}
                    </button>
                    <button
                      type="button"
                      className={`head-filter${isFiltered ? ' on' : ''}`}
                      aria-label={`${t('filterColumn')} ${field.title}`}
                      aria-haspopup="dialog"
                      aria-expanded={filterMenu?.field === field.name}
                      onMouseDown={(event) => event.stopPropagation()}
                      onClick={(event) => openFilterMenu(field.name, event.currentTarget)}
                    >
                      ▾
                    </button>
                    <div
                      className="column-resize"
                      role="separator"
                      aria-orientation="vertical"
                      aria-label={`${t('resizeColumn')}：${field.title}`}
                      title={t('resizeColumn')}
                      onMouseDown={(event) => event.stopPropagation()}
                      onPointerDown={(event) => {
                        if (event.button !== 0) return;
                        event.preventDefault();
                        event.currentTarget.setPointerCapture(event.pointerId);
                        resizing.current = {
                          field: field.name,
                          startX: event.clientX,
                          startWidth: gridColumn.width,
                        };
                      }}
                      onPointerMove={(event) => dragResize(event.clientX, false)}
                      onPointerUp={(event) => dragResize(event.clientX, true)}
                      onPointerCancel={(event) => dragResize(event.clientX, true)}
                      onDoubleClick={() => fitColumn(gridColumn)}
                    />
                  </div>
                );
              })}
            </div>
            <div
              className="grid-window"
              style={{ top: size.header, height: space.viewportHeight, width: totalWidth }}
              onMouseDown={(event) => {
                const cell = cellAt(event);
                if (cell === undefined || event.button !== 0) return;
                if (event.target instanceof HTMLInputElement) return;
                // A drag or Shift+click selects cells, not the page's text.
                event.preventDefault();
                gridRef.current?.focus({ preventScroll: true });
                isDragging.current = true;
                setView((current) => ({
                  ...current,
                  active: cell,
                  anchor: event.shiftKey ? (current.anchor ?? current.active ?? cell) : cell,
                }));
              }}
              onMouseMove={(event) => {
                if (!isDragging.current || (event.buttons & 1) === 0) {
                  isDragging.current = false;
                  return;
                }
                const cell = cellAt(event);
                if (
                  cell !== undefined &&
                  (cell.row !== active?.row || cell.column !== active.column)
                )
                  setView((current) => ({ ...current, active: cell }));
              }}
              onMouseUp={() => {
                isDragging.current = false;
              }}
              onDoubleClick={(event) => {
                const cell = cellAt(event);
                if (cell !== undefined) startEditing(cell.row, cell.column);
              }}
            >
              <div
                className="grid-rows"
                style={{ transform: `translateY(${baseRow * rowHeight - offset}px)` }}
              >
                {rows}
              </div>
            </div>
          </div>
        </div>
        <div className="grid-footer muted">
          {total === undefined ? (
            t('working')
          ) : (
            <>
              <strong className="rows-shown">
                {f('rowsShown', { shown: count, all: all ?? count })}
              </strong>
              {` · ${count === 0 ? 0 : (win.firstVisible + 1).toLocaleString()}–${lastVisible.toLocaleString()} / ${count.toLocaleString()} ${t('records')}`}
            </>
          )}{' '}
          · {t('editHint')}
        </div>
        {filterMenu !== undefined && menuField !== undefined && (
          <ColumnFilterMenu
            key={filterMenu.field}
            field={menuField.name}
            title={menuField.title}
            view={gridView}
            current={columnFilters.find((c) => c.field === menuField.name)}
            codes={codes.get(menuField.name)}
            style={{ left: filterMenu.left, top: filterMenu.top }}
            onApply={(next) => applyColumnFilter(menuField.name, next)}
            onClose={closeFilterMenu}
          />
        )}
        {columnMenu?.kind === 'header' && headerMenuColumn !== undefined && (
          <ColumnHeaderMenu
            key={columnMenu.field}
            title={headerMenuColumn.field.title}
            isFrozenThrough={frozenThrough === columnMenu.field}
            hasFrozen={frozenThrough !== undefined}
            style={{ left: columnMenu.left, top: columnMenu.top }}
            onFreeze={() => setLayout({ ...layout, frozenThrough: columnMenu.field })}
            onUnfreeze={() => setLayout({ ...layout, frozenThrough: null })}
            onFit={() => fitColumn(headerMenuColumn)}
            onHide={() => setLayout(setColumnHidden(layout, columnMenu.field, true))}
            onClose={closeColumnMenu}
          />
        )}
      </div>
    </>
  );
}

/** Whether a row is in a selected range of more than one cell (one cell shows as active only). */
function isSelectedRow(selection: CellRange | undefined, row: number): boolean {
  return (
    selection !== undefined &&
    row >= selection.top &&
    row <= selection.bottom &&
    (selection.bottom > selection.top || selection.right > selection.left)
  );
}

/** No code fields. */
const noCodes: ReadonlyMap<string, FieldCodes> = new Map();

/** The cell the keyboard or the mouse is on: its record (values and issues) and its field. */
export interface ActiveCell {
  readonly record: GridRecord;
  readonly field: string;
}

/** The classes of a frozen column's cells: sticky, and the last one with a border. */
function frozenClass(columns: readonly GridColumn[], column: number): string {
  if (columns[column]?.isFrozen !== true) return '';
  return columns[column + 1]?.isFrozen === true ? ' frozen' : ' frozen frozen-last';
}

/** Focuses a cell editor as it appears, the caret after the text (typed or kept, as with F2). */
function placeCaretAtEnd(input: HTMLInputElement | null): void {
  if (input === null || document.activeElement === input) return;
  input.focus({ preventScroll: true });
  input.setSelectionRange(input.value.length, input.value.length);
}

function activeIdOf(idPrefix: string, cell: GridCell): string {
  return `${idPrefix}-active-${cell.row}-${cell.column}`;
}

/**
 * One drawn row; redrawn only when its record, its position or its active cell changes. A row
 * not fetched yet has the same cells, empty, so its data arriving only fills in texts.
 */
const GridRow = memo(function GridRow({
  index,
  top,
  record,
  columns,
  width,
  activeId,
  activeColumn,
  selectedFrom,
  selectedTo,
  editing,
  language,
  suggestionLabel,
  highlightField,
  codes,
  foundText,
  foundField,
  onEditingChange,
  onStopEditing,
}: {
  index: number;
  top: number;
  record: GridRecord | undefined;
  /** The shown columns (the row number not counted). */
  columns: readonly GridColumn[];
  width: number;
  /** The id the active cell carries (for aria-activedescendant), on the active row only. */
  activeId: string | undefined;
  activeColumn: number | undefined;
  /** The columns of the selected range, on the rows in it only. */
  selectedFrom: number | undefined;
  selectedTo: number | undefined;
  editing: Editing | undefined;
  language: Language;
  suggestionLabel: string;
  highlightField: string | undefined;
  codes: ReadonlyMap<string, FieldCodes>;
  /** The text 查找 found (lower case), marked in the cells that hold it. */
  foundText: string | undefined;
  /** The field 查找 looked in ('' = all). */
  foundField: string;
  onEditingChange: (editing: Editing) => void;
  /** Given to the row being edited only, so the other rows are not redrawn. */
  onStopEditing: ((isSaved: boolean, value?: string, move?: EditMove) => void) | undefined;
}) {
  const className =
    record === undefined
      ? 'grid-row placeholder'
      : activeColumn === undefined
        ? 'grid-row'
        : 'grid-row active-row';
  return (
    <div
      className={className}
      role="row"
      aria-rowindex={index + 2}
      aria-busy={record === undefined ? true : undefined}
      data-row={index}
      data-rid={record?.rid}
      style={{ width, transform: `translateY(${top}px)` }}
    >
      <div
        className="grid-cell row-number"
        style={{ width: rowNumberWidth }}
        title={record === undefined ? undefined : `#${record.rid}`}
      >
        {record === undefined ? '…' : record.sourceRow}
      </div>
      {columns.map(({ field, index: valueIndex, width: cellWidth, left, isFrozen }, column) => {
        const issues = record?.issues.get(field.name);
        const worst =
          issues === undefined
            ? ''
            : issues.some((i) => i.severity === 'error')
              ? ' error'
              : ' warning';
        const isActive = activeColumn === column;
        const isSelected =
          selectedFrom !== undefined &&
          selectedTo !== undefined &&
          column >= selectedFrom &&
          column <= selectedTo;
        const isEditing = editing?.field === field.name;
        const fieldCodes = codes.get(field.name);
        const value = record?.values[valueIndex] ?? '';
        const codeName = fieldCodes === undefined ? undefined : codeNameOf(fieldCodes.names, value);
        const isFound =
          foundText !== undefined &&
          (foundField === '' || foundField === field.name) &&
          value.toLowerCase().includes(foundText);
        return (
          <div
            key={field.name}
            id={isActive ? activeId : undefined}
            role={record === undefined ? undefined : 'gridcell'}
            aria-selected={isActive || isSelected ? true : undefined}
            className={`grid-cell${worst}${isActive ? ' active' : ''}${isSelected ? ' selected' : ''}${field.name === highlightField ? ' highlight' : ''}${isFound ? ' found' : ''}${frozenClass(columns, column)}`}
            data-field={field.name}
            style={isFrozen ? { width: cellWidth, left } : { width: cellWidth }}
            title={issues
              ?.map(
                (i) =>
                  i.message[language] +
                  (i.suggestion === undefined ? '' : `（${suggestionLabel}：${i.suggestion}）`),
              )
              .join('\n')}
          >
            {isEditing && fieldCodes !== undefined ? (
              <CodeEditor
                value={editing.value}
                codes={fieldCodes}
                label={field.title}
                isTyped={editing.isTyped === true}
                onChange={(next) => onEditingChange({ ...editing, value: next })}
                onStop={(next, move) =>
                  next === undefined ? onStopEditing?.(false) : onStopEditing?.(true, next, move)
                }
              />
            ) : isEditing ? (
              <input
                ref={placeCaretAtEnd}
                className="cell-editor"
                aria-label={field.title}
                value={editing.value}
                onChange={(e) => onEditingChange({ ...editing, value: e.target.value })}
                onKeyDown={(e) => {
                  // Enter or Esc while an input method composes is the input method's own.
                  if (isInputMethodKey(e)) return;
                  const move = editMoveOf(e);
                  if (move !== undefined) {
                    e.preventDefault();
                    onStopEditing?.(true, undefined, move);
                  }
                  if (e.key === 'Escape') {
                    e.preventDefault();
                    onStopEditing?.(false);
                  }
                }}
                onBlur={() => onStopEditing?.(false)}
              />
            ) : codeName === undefined ? (
              value
            ) : (
              <>
                {value} <span className="code-name">{codeName}</span>
              </>
            )}
          </div>
        );
      })}
    </div>
  );
});
