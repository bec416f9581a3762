import { useEffect, useState } from 'react';
import type { EventPayload } from '../../shared/ipc/contract.ts';
import { useApp } from '../app-context.tsx';

/** Shows each running job's progress with a cancel button; says how it ended. */
export function JobProgress() {
  const { api, t, notify, language } = useApp();
  const [jobs, setJobs] = useState<ReadonlyMap<string, EventPayload<'job:progress'>>>(new Map());

  useEffect(() => {
    const offProgress = api.on('job:progress', (payload) => {
      setJobs((current) => new Map(current).set(payload.jobId, payload));
    });
    const offDone = api.on('job:done', (payload) => {
      setJobs((current) => {
        const next = new Map(current);
        next.delete(payload.jobId);
        return next;
      });
      notify(payload.message, payload.ok ? 'info' : 'error');
    });
    return () => {
      offProgress();
      offDone();
    };
  }, [api, notify]);

  if (jobs.size === 0) return null;
  return (
    <div className="jobs" role="status">
      {[...jobs.values()].map((job) => (
        <div key={job.jobId} className="job">
          <span>{job.phase[language]}</span>
          <progress value={job.total === undefined ? undefined : job.done} max={job.total} />
          <span className="muted">{job.done.toLocaleString()}</span>
          <button type="button" onClick={() => void api.invoke('job:cancel', { jobId: job.jobId })}>
            {t('cancel')}
          </button>
        </div>
      ))}
    </div>
  );
}
