import { useCallback, useState } from 'react';
import type { Language } from '../../shared/i18n/localized-text.ts';
import { formatText, translate } from '../../shared/i18n/ui-text.ts';

/** A running job as the UI names it (the phase of its progress, e.g. 正在导入 户籍.csv). */
export interface RunningJob {
  readonly zh: string;
  readonly en: string;
}

/**
 * Runs changes to the project (an edit, undo, an exemption, closing) and tracks which are still
 * waiting for their answer. The engine makes a change wait while an import or merge runs (one
 * writer, issue #11), so a button whose change waits says what it waits for (正在导入…，完成后
 * 执行…) instead of looking stuck.
 */
export function useWaitingChanges(
  runningJob: RunningJob | undefined,
  language: Language,
): {
  /** Runs `work` as the change `key`; its button shows it waiting until the answer comes. */
  readonly run: <T>(key: string, work: () => Promise<T>) => Promise<T>;
  readonly isWaiting: (key: string) => boolean;
  /** The button text: `idle`, or what the change waits for while it waits. */
  readonly label: (key: string, idle: string) => string;
} {
  const [waiting, setWaiting] = useState<ReadonlyMap<string, number>>(new Map());
  const change = useCallback((key: string, by: number) => {
    setWaiting((current) => {
      const next = new Map(current);
      const count = (next.get(key) ?? 0) + by;
      if (count > 0) next.set(key, count);
      else next.delete(key);
      return next;
    });
  }, []);
  const run = useCallback(
    async <T>(key: string, work: () => Promise<T>): Promise<T> => {
      change(key, 1);
      try {
        return await work();
      } finally {
        change(key, -1);
      }
    },
    [change],
  );
  const isWaiting = (key: string): boolean => waiting.has(key);
  const label = (key: string, idle: string): string =>
    !waiting.has(key) ? idle : describeWaitingChange(runningJob, language);
  return { run, isWaiting, label };
}

/** What a change that waits for its answer says: the job it waits for, or that it is working. */
export function describeWaitingChange(runningJob: RunningJob | undefined, language: Language) {
  return runningJob === undefined
    ? translate('working', language)
    : formatText('waitingForJob', language, { job: runningJob[language] });
}
