import { useEffect, useRef, type CSSProperties, type ReactNode } from 'react';
import type { PackSummary } from '../../shared/ipc/contract.ts';
import { useApp } from '../app-context.tsx';

type Field = PackSummary['datasets'][number]['fields'][number];

/** Closes a popup on a click outside it and on Escape. */
function usePopupClose(onClose: () => void) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onDown = (event: MouseEvent) => {
      if (!(event.target instanceof Node) || ref.current?.contains(event.target) !== true)
        onClose();
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [onClose]);
  return ref;
}

/** A popup that closes itself on Escape and on a click outside it. */
function Popup({
  className,
  label,
  role,
  style,
  onClose,
  children,
}: {
  className: string;
  label: string;
  role: 'dialog' | 'menu';
  style: CSSProperties;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = usePopupClose(onClose);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input, button')?.focus();
  }, [ref]);
  return (
    <div
      className={`grid-popup ${className}`}
      role={role}
      aria-label={label}
      ref={ref}
      style={style}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      {children}
    </div>
  );
}

/**
 * 列: the grid's columns with a checkbox each, to hide or show them, and 全部显示. A hidden column
 * is not drawn; find, sort and filters still see it.
 */
export function ColumnChooser({
  fields,
  hidden,
  style,
  onHiddenChange,
  onShowAll,
  onClose,
}: {
  fields: readonly Field[];
  hidden: readonly string[];
  style: CSSProperties;
  onHiddenChange: (field: string, isHidden: boolean) => void;
  onShowAll: () => void;
  onClose: () => void;
}) {
  const { t } = useApp();
  const hiddenSet = new Set(hidden);
  const shownCount = fields.filter((field) => !hiddenSet.has(field.name)).length;
  return (
    <Popup
      className="column-chooser"
      role="dialog"
      label={t('columns')}
      style={style}
      onClose={onClose}
    >
      <strong>{t('columnsHint')}</strong>
      <ul className="column-choices">
        {fields.map((field) => {
          const isShown = !hiddenSet.has(field.name);
          return (
            <li key={field.name}>
              <label>
                <input
                  type="checkbox"
                  checked={isShown}
                  // The last shown column stays: a grid of no columns shows nothing to act on.
                  disabled={isShown && shownCount === 1}
                  onChange={() => onHiddenChange(field.name, isShown)}
                />
                {field.title}
                <span className="muted"> {field.name}</span>
              </label>
            </li>
          );
        })}
      </ul>
      <div className="filter-buttons">
        <button type="button" onClick={onShowAll} disabled={hidden.length === 0}>
          {t('showAllColumns')}
        </button>
        <button type="button" onClick={onClose}>
          {t('close')}
        </button>
      </div>
    </Popup>
  );
}

/** The menu of a column header (right-click, or Shift+F10 on it): freeze, hide, fit. */
export function ColumnHeaderMenu({
  title,
  isFrozenThrough,
  hasFrozen,
  style,
  onFreeze,
  onUnfreeze,
  onHide,
  onFit,
  onClose,
}: {
  title: string;
  /** The frozen columns end at this one. */
  isFrozenThrough: boolean;
  /** Any column besides the row number is frozen. */
  hasFrozen: boolean;
  style: CSSProperties;
  onFreeze: () => void;
  onUnfreeze: () => void;
  onHide: () => void;
  onFit: () => void;
  onClose: () => void;
}) {
  const { t } = useApp();
  const item = (label: string, onChoose: () => void, isDisabled = false) => (
    <button
      type="button"
      role="menuitem"
      disabled={isDisabled}
      onClick={() => {
        onChoose();
        onClose();
      }}
    >
      {label}
    </button>
  );
  return (
    <Popup
      className="column-header-menu"
      role="menu"
      label={`${t('columnMenu')}：${title}`}
      style={style}
      onClose={onClose}
    >
      {item(t('freezeThrough'), onFreeze, isFrozenThrough)}
      {item(t('unfreeze'), onUnfreeze, !hasFrozen)}
      {item(t('fitColumn'), onFit)}
      {item(t('hideColumn'), onHide)}
    </Popup>
  );
}
