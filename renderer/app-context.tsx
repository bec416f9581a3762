import { createContext, useContext } from 'react';
import type { Language } from '../shared/i18n/localized-text.ts';
import { formatText, translate, type UiTextKey } from '../shared/i18n/ui-text.ts';
import type { WindowApi } from './api/window-api.ts';
import type { RunningJob } from './components/use-waiting-changes.ts';

/** What every screen needs: the API and the language. */
export interface AppContextValue {
  readonly api: WindowApi;
  readonly language: Language;
  /** Shows an expected failure or a result to the clerk. */
  readonly notify: (message: { zh: string; en: string }, tone?: 'info' | 'error') => void;
  /** The job (import, merge, package) that runs now, if any: changes asked for wait for it. */
  readonly runningJob: RunningJob | undefined;
}

/** The app-wide context. */
export const AppContext = createContext<AppContextValue | undefined>(undefined);

/** The app context; a screen outside the app is a bug. */
export function useApp(): AppContextValue & {
  t: (key: UiTextKey) => string;
  /** A UI text with its `{name}` places filled in. */
  f: (key: UiTextKey, values: Readonly<Record<string, string | number>>) => string;
} {
  const value = useContext(AppContext);
  if (value === undefined) throw new Error('useApp outside <AppContext>');
  return {
    ...value,
    t: (key) => translate(key, value.language),
    f: (key, values) => formatText(key, value.language, values),
  };
}
