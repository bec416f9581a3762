import type { EventPayload } from '../../shared/ipc/contract.ts';
import { useApp } from '../app-context.tsx';

/** An import the clerk started that still runs, with its latest progress once the engine sent one. */
export interface RunningImport {
  readonly jobId: string;
  readonly progress?: EventPayload<'job:progress'>;
}

/**
 * The running import's progress where the clerk waits for its result (检查与修正), in place of a
 * verdict that would be about the project before the import.
 */
export function ImportProgress({ job }: { job: RunningImport }) {
  const { t, f, language } = useApp();
  const { progress } = job;
  const done = progress?.done.toLocaleString() ?? '0';
  return (
    <div className="import-progress" role="status" aria-busy="true">
      <p>
        <span className="spinner" aria-hidden="true" />
        {progress?.phase[language] ?? t('importStarting')}
      </p>
      <progress
        value={progress?.total === undefined ? undefined : progress.done}
        max={progress?.total}
      />
      <p className="muted small-text">
        {progress?.total === undefined
          ? f('importRowsDone', { done })
          : f('importRowsOf', { done, total: progress.total.toLocaleString() })}
      </p>
      <p className="muted small-text">{t('verdictAfterImport')}</p>
    </div>
  );
}
