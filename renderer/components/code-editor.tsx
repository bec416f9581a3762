import { useId, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { searchCodeEntries } from '../../shared/code-tables/search-code-entries.ts';
import { useApp } from '../app-context.tsx';
import type { FieldCodes } from './use-field-codes.ts';
import { editMoveOf, isInputMethodKey, type EditMove } from './grid-clipboard.ts';

/** Options shown at once; typing narrows a long table (行政区划) to what is wanted. */
const shownOptions = 50;

/**
 * The editor of a code field's cell: a text box that searches the field's code table as the
 * clerk types (汉 finds 01 汉族, 2 finds 2 女性) and a list of the codes found. ↓/↑ choose,
 * Enter stores the chosen entry's code (or the typed text when nothing is chosen), Esc cancels;
 * a click on an option stores it. The list is drawn over the page (a portal), so the grid's
 * clipped rows never cut it off.
 *
 * Written by hand: the project has no component library, and a combobox of one text box and
 * one list is a few lines with the ARIA 1.2 combobox pattern (aria-activedescendant).
 */
export function CodeEditor({
  value,
  codes,
  label,
  isTyped = false,
  onChange,
  onStop,
}: {
  value: string;
  codes: FieldCodes;
  /** The field's title, for screen readers. */
  label: string;
  /** The value was typed on the cell (it replaced the code): the list is searched for it. */
  isTyped?: boolean;
  onChange: (value: string) => void;
  /**
   * Ends editing: `value` is what to store, undefined to cancel; `move` where the active cell
   * goes after (Enter down, Tab right, Shift+Tab left).
   */
  onStop: (value: string | undefined, move?: EditMove) => void;
}) {
  const { t } = useApp();
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  // The typed text narrows the list; the cell's current value shows every code at first.
  const [query, setQuery] = useState<string | undefined>(isTyped ? value : undefined);
  const found = searchCodeEntries(codes.entries, query ?? '', shownOptions);
  // At first the cell's code is chosen; after typing, the best match, unless the text was
  // cleared: then nothing is, so Enter empties the cell.
  const current =
    query === undefined ? found.findIndex((e) => e.code === value) : query.trim() === '' ? -1 : 0;
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  const chosenIndex = Math.min(chosen ?? current, found.length - 1);
  const [place, setPlace] = useState<{ left: number; top: number; width: number } | undefined>();

  useLayoutEffect(() => {
    const box = inputRef.current?.getBoundingClientRect();
    if (box !== undefined)
      setPlace({ left: box.left, top: box.bottom, width: Math.max(box.width, 220) });
  }, []);

  useLayoutEffect(() => {
    if (chosenIndex >= 0)
      document.getElementById(`${listId}-${chosenIndex}`)?.scrollIntoView({ block: 'nearest' });
  }, [listId, chosenIndex]);

  const optionId = (index: number) => `${listId}-${index}`;

  return (
    <>
      <input
        ref={inputRef}
        autoFocus
        onFocus={(e) => e.currentTarget.setSelectionRange(value.length, value.length)}
        className="cell-editor"
        role="combobox"
        aria-label={label}
        aria-expanded={true}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={chosenIndex >= 0 ? optionId(chosenIndex) : undefined}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          setQuery(e.target.value);
          setChosen(undefined);
        }}
        onKeyDown={(e) => {
          // Enter or Esc while an input method composes is the input method's own.
          if (isInputMethodKey(e)) return;
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            const step = e.key === 'ArrowDown' ? 1 : -1;
            setChosen(Math.max(0, Math.min(found.length - 1, chosenIndex + step)));
          } else if (editMoveOf(e) !== undefined) {
            e.preventDefault();
            onStop(found[chosenIndex]?.code ?? value, editMoveOf(e));
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onStop(undefined);
          }
        }}
        onBlur={() => onStop(undefined)}
      />
      {place !== undefined &&
        createPortal(
          <ul
            id={listId}
            role="listbox"
            aria-label={label}
            className="code-options"
            style={{ left: place.left, top: place.top, minWidth: place.width }}
          >
            {found.length === 0 && <li className="muted">{t('noCodeMatch')}</li>}
            {found.map((entry, index) => (
              <li
                key={entry.code}
                id={optionId(index)}
                role="option"
                aria-selected={index === chosenIndex}
                className={index === chosenIndex ? 'chosen' : undefined}
                // Keep the focus in the text box (its blur would cancel the edit).
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => onStop(entry.code)}
              >
                <span className="code">{entry.code}</span> {entry.name}
              </li>
            ))}
          </ul>,
          document.body,
        )}
    </>
  );
}
