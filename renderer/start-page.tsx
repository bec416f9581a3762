import { useCallback, useEffect, useState } from 'react';
import type { ChannelOutput, PackSummary, ProjectState } from '../shared/ipc/contract.ts';
import { useApp } from './app-context.tsx';
import { lessonStorageKey } from './components/lesson-panel.tsx';
import { ProjectList, type ProjectEntries } from './components/project-list.tsx';

type FreshnessList = ChannelOutput<'package:freshness'>;

/** One line of 数据集更新情况: the dataset's last package and whether it is overdue. */
export function FreshnessNotice({ entry }: { entry: FreshnessList[number] }) {
  const { f } = useApp();
  const values = {
    cycle: entry.cycle ?? '',
    last: entry.lastPackaged ?? '',
    period: entry.cycleLabel ?? '',
    due: entry.dueSince ?? '',
  };
  const text =
    entry.status === 'overdue' || entry.status === 'never'
      ? f('freshnessOverdue', values)
      : entry.status === 'fresh'
        ? f('freshnessFresh', values)
        : f('freshnessNoCycle', values);
  return (
    <p
      className={entry.status === 'overdue' ? 'freshness overdue' : 'freshness'}
      role={entry.status === 'overdue' ? 'alert' : undefined}
    >
      {text}
    </p>
  );
}

/** Reporting periods a clerk usually means today: this quarter, last quarter, this month, this year. */
function suggestPeriods(today: Date): string[] {
  const year = today.getFullYear();
  const quarter = Math.floor(today.getMonth() / 3) + 1;
  const last = quarter === 1 ? `${year - 1}年第4季度` : `${year}年第${quarter - 1}季度`;
  return [`${year}年第${quarter}季度`, last, `${year}年${today.getMonth() + 1}月`, `${year}年度`];
}

/** The start page: recent projects, the 新建项目 wizard, and 培训模式. */
export function StartPage({ onOpened }: { onOpened: (state: ProjectState) => void }) {
  const { api, t, f, notify } = useApp();
  const [projects, setProjects] = useState<ProjectEntries>([]);
  const [packs, setPacks] = useState<PackSummary[]>([]);
  const [freshness, setFreshness] = useState<FreshnessList>([]);
  const [isCreating, setIsCreating] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [form, setForm] = useState({ packId: '', dataset: '', department: '', period: '' });
  const [trainee, setTrainee] = useState('');
  /** The trainee whose project waits for the trainer's confirmation before it is reset. */
  const [confirming, setConfirming] = useState<string | undefined>(undefined);

  /** Lists the projects again (after a rename, an archive or a delete). */
  const loadProjects = useCallback(async () => {
    const list = await api.invoke('project:list', {});
    if (list.ok) setProjects(list.value);
  }, [api]);

  useEffect(() => {
    void (async () => {
      const [, packList, fresh] = await Promise.all([
        loadProjects(),
        api.invoke('packs:list', {}),
        api.invoke('package:freshness', {}),
      ]);
      if (fresh.ok) setFreshness(fresh.value);
      if (packList.ok) {
        setPacks(packList.value);
        const first = packList.value[0];
        // The first pack is a default, never over a pack the clerk already picked (this effect
        // runs again whenever its inputs change).
        if (first !== undefined)
          setForm((f) =>
            f.packId !== ''
              ? f
              : { ...f, packId: first.id, dataset: first.datasets[0]?.name ?? '' },
          );
      }
    })();
  }, [api, loadProjects]);

  const run = async (work: () => Promise<void>) => {
    setIsBusy(true);
    try {
      await work();
    } finally {
      setIsBusy(false);
    }
  };

  /** Starts a trainee's lesson; a trainee who has one is asked first (`reset` once confirmed). */
  const startLesson = (name: string, reset: boolean) =>
    run(async () => {
      setConfirming(undefined);
      const result = await api.invoke('training:start', { trainee: name, reset });
      if (result.ok) {
        // A reset project starts its lesson from step 1 again.
        try {
          localStorage.removeItem(lessonStorageKey(result.value.projectId));
        } catch {
          // Storage unavailable: nothing was remembered either.
        }
        onOpened(result.value);
      } else if (result.error.code === 'training-exists') {
        setConfirming(name);
      } else notify(result.error.message, 'error');
    });

  const open = (projectId: string) =>
    run(async () => {
      const result = await api.invoke('project:open', { projectId });
      if (result.ok) onOpened(result.value);
      else notify(result.error.message, 'error');
    });

  const create = () =>
    run(async () => {
      const result = await api.invoke('project:create', form);
      if (result.ok) onOpened(result.value);
      else notify(result.error.message, 'error');
    });

  const pack = packs.find((p) => p.id === form.packId);
  const canCreate =
    form.packId !== '' &&
    form.dataset !== '' &&
    form.department.trim() !== '' &&
    form.period.trim() !== '';

  return (
    <div className="start">
      <section className="card training-card">
        <h2>{t('trainingMode')}</h2>
        <p>{t('lessonStartHint')}</p>
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (trainee.trim() !== '') void startLesson(trainee.trim(), false);
          }}
        >
          <label>
            {t('traineeName')}
            <input
              value={trainee}
              maxLength={30}
              placeholder={t('traineeExample')}
              onChange={(e) => setTrainee(e.target.value)}
            />
          </label>
          <button type="submit" className="primary" disabled={isBusy || trainee.trim() === ''}>
            {t('startLesson')}
          </button>
        </form>
        {confirming !== undefined && (
          <div className="confirm" role="alertdialog" aria-label={t('resetTraining')}>
            <p>{f('confirmResetLesson', { name: confirming })}</p>
            <div className="form-actions">
              <button
                type="button"
                className="danger"
                disabled={isBusy}
                onClick={() => void startLesson(confirming, true)}
              >
                {t('confirmReset')}
              </button>
              <button type="button" onClick={() => setConfirming(undefined)}>
                {t('cancel')}
              </button>
            </div>
          </div>
        )}
      </section>
      <section className="card">
        <h2>{t('newProject')}</h2>
        {!isCreating ? (
          <button type="button" className="primary" onClick={() => setIsCreating(true)}>
            {t('newProject')}
          </button>
        ) : (
          <form
            className="form"
            onSubmit={(event) => {
              event.preventDefault();
              if (canCreate) void create();
            }}
          >
            <label>
              {t('pack')}
              <select
                value={form.packId}
                onChange={(e) => {
                  const packId = e.target.value;
                  const next = packs.find((p) => p.id === packId);
                  setForm((f) => ({ ...f, packId, dataset: next?.datasets[0]?.name ?? '' }));
                }}
              >
                {packs.map((p) => (
                  <option key={`${p.id}@${p.version}`} value={p.id}>
                    {p.title}（{p.version}）
                  </option>
                ))}
              </select>
            </label>
            {pack !== undefined && (
              <p className="muted pack-hint">
                {pack.description ?? pack.title} ·{' '}
                {pack.datasets.find((d) => d.name === form.dataset)?.fields.length ?? 0}{' '}
                {t('fieldCount')}
              </p>
            )}
            {pack !== undefined && pack.datasets.length > 1 && (
              <label>
                {t('dataset')}
                <select
                  value={form.dataset}
                  onChange={(e) => {
                    const dataset = e.target.value;
                    setForm((f) => ({ ...f, dataset }));
                  }}
                >
                  {pack.datasets.map((d) => (
                    <option key={d.name} value={d.name}>
                      {d.title}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label>
              {t('department')}
              <input
                value={form.department}
                placeholder={t('departmentExample')}
                onChange={(e) => {
                  const department = e.target.value;
                  setForm((f) => ({ ...f, department }));
                }}
              />
            </label>
            <label>
              {t('period')}
              <input
                value={form.period}
                placeholder={t('periodExample')}
                onChange={(e) => {
                  const period = e.target.value;
                  setForm((f) => ({ ...f, period }));
                }}
              />
            </label>
            <div className="chips" aria-label={t('periodSuggestions')}>
              {suggestPeriods(new Date()).map((period) => (
                <button
                  key={period}
                  type="button"
                  className={form.period === period ? 'chip selected' : 'chip'}
                  onClick={() => setForm((f) => ({ ...f, period }))}
                >
                  {period}
                </button>
              ))}
            </div>
            <div className="form-actions">
              <button type="submit" className="primary" disabled={!canCreate || isBusy}>
                {t('create')}
              </button>
              <button type="button" onClick={() => setIsCreating(false)}>
                {t('cancel')}
              </button>
            </div>
          </form>
        )}
      </section>
      {freshness.length > 0 && (
        <section className="card wide" aria-label={t('freshnessTitle')}>
          <h2>{t('freshnessTitle')}</h2>
          <ul className="freshness-list">
            {freshness.map((entry) => (
              <li key={`${entry.standardId}|${entry.dataset}|${entry.department}`}>
                <span className="project-name">
                  {entry.datasetTitle} · {entry.department}
                </span>
                <FreshnessNotice entry={entry} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="card wide">
        <h2>{t('recentProjects')}</h2>
        <ProjectList
          projects={projects}
          isBusy={isBusy}
          onOpen={(projectId) => void open(projectId)}
          onChanged={loadProjects}
        />
      </section>
    </div>
  );
}
