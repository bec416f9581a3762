import { useCallback, useRef, useState } from 'react';
import { translate } from '../../shared/i18n/ui-text.ts';
import { useApp } from '../app-context.tsx';
import { emptyColumnLayout, parseColumnLayout, type ColumnLayout } from './grid-columns.ts';

/** Reads a stored layout; a storage the browser refuses is the empty layout. */
function readLayout(key: string | undefined): ColumnLayout {
  if (key === undefined) return emptyColumnLayout;
  try {
    return parseColumnLayout(window.localStorage.getItem(key));
  } catch (error) {
    // Storage switched off: the grid works with the defaults, only nothing is remembered.
    console.warn('grid column layout: storage unavailable', error);
    return emptyColumnLayout;
  }
}

/**
 * The grid's column layout for `key` (see `columnLayoutKey`), and a setter that keeps it in
 * localStorage unless told it is a step of a drag (saved when the drag ends). Undefined key:
 * nothing is remembered.
 */
export function useColumnLayout(
  key: string | undefined,
): [ColumnLayout, (next: ColumnLayout, isFinal?: boolean) => void] {
  const { notify } = useApp();
  const [state, setState] = useState(() => ({ key, layout: readLayout(key) }));
  if (state.key !== key) setState({ key, layout: readLayout(key) });
  const hasWarned = useRef(false);
  const setLayout = useCallback(
    (next: ColumnLayout, isFinal = true) => {
      setState({ key, layout: next });
      if (!isFinal || key === undefined) return;
      try {
        window.localStorage.setItem(key, JSON.stringify(next));
      } catch (error) {
        console.error('grid column layout: not saved', error);
        if (hasWarned.current) return;
        hasWarned.current = true;
        notify({
          zh: translate('columnLayoutNotSaved', 'zh'),
          en: translate('columnLayoutNotSaved', 'en'),
        });
      }
    },
    [key, notify],
  );
  return [state.key === key ? state.layout : readLayout(key), setLayout];
}
