import { useEffect, useState } from 'react';
import type { ChannelOutput, PackSummary, ProjectState } from '../shared/ipc/contract.ts';
import { useApp } from './app-context.tsx';

type ProjectList = ChannelOutput<'project:list'>;

/** Reporting periods a clerk usually means today: this quarter, last quarter, this month, this year. */
function suggestPeriods(today: Date): string[] {
  const year = today.getFullYear();
  const quarter = Math.floor(today.getMonth() / 3) + 1;
  const last = quarter === 1 ? `${year - 1}年第4季度` : `${year}年第${quarter - 1}季度`;
  return [`${year}年第${quarter}季度`, last, `${year}年${today.getMonth() + 1}月`, `${year}年度`];
}

/** The start page: recent projects, the 新建项目 wizard, and 培训模式. */
export function StartPage({ onOpened }: { onOpened: (state: ProjectState) => void }) {
  const { api, t, notify, language } = useApp();
  const [projects, setProjects] = useState<ProjectList>([]);
  const [packs, setPacks] = useState<PackSummary[]>([]);
  const [isCreating, setIsCreating] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [form, setForm] = useState({ packId: '', dataset: '', department: '', period: '' });

  useEffect(() => {
    void (async () => {
      const [list, packList] = await Promise.all([
        api.invoke('project:list', {}),
        api.invoke('packs:list', {}),
      ]);
      if (list.ok) setProjects(list.value);
      if (packList.ok) {
        setPacks(packList.value);
        const first = packList.value[0];
        if (first !== undefined)
          setForm((f) => ({ ...f, packId: first.id, dataset: first.datasets[0]?.name ?? '' }));
      }
    })();
  }, [api]);

  const run = async (work: () => Promise<void>) => {
    setIsBusy(true);
    try {
      await work();
    } finally {
      setIsBusy(false);
    }
  };

  const startTraining = () =>
    run(async () => {
      const result = await api.invoke('project:training', {});
      if (result.ok) onOpened(result.value);
      else notify(result.error.message, 'error');
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
        <p>{t('trainingHint')}</p>
        <button
          type="button"
          className="primary"
          disabled={isBusy}
          onClick={() => void startTraining()}
        >
          {projects.some((p) => p.isTraining) ? t('resetTraining') : t('startTraining')}
        </button>
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
                  const next = packs.find((p) => p.id === e.target.value);
                  setForm({
                    ...form,
                    packId: e.target.value,
                    dataset: next?.datasets[0]?.name ?? '',
                  });
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
                  onChange={(e) => setForm({ ...form, dataset: e.target.value })}
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
                placeholder="如：牡丹区民政局"
                onChange={(e) => setForm({ ...form, department: e.target.value })}
              />
            </label>
            <label>
              {t('period')}
              <input
                value={form.period}
                placeholder="如：2026年第4季度"
                onChange={(e) => setForm({ ...form, period: e.target.value })}
              />
            </label>
            <div className="chips" aria-label={t('periodSuggestions')}>
              {suggestPeriods(new Date()).map((period) => (
                <button
                  key={period}
                  type="button"
                  className={form.period === period ? 'chip selected' : 'chip'}
                  onClick={() => setForm({ ...form, period })}
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
      <section className="card wide">
        <h2>{t('recentProjects')}</h2>
        {projects.length === 0 ? (
          <p className="muted">{t('noProjects')}</p>
        ) : (
          <ul className="project-list">
            {projects.map((p) => (
              <li key={p.projectId}>
                <span className="project-name">
                  {p.isTraining && <span className="badge training">{t('training')}</span>} {p.name}
                </span>
                <span className="muted">
                  {new Date(p.modifiedAt).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB')}
                </span>
                <button type="button" disabled={isBusy} onClick={() => void open(p.projectId)}>
                  {t('open')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
