import { useEffect, useState } from 'react';
import type { ChannelOutput, ProjectState } from '../../shared/ipc/contract.ts';
import { useApp } from '../app-context.tsx';

/** 打包: choose the kind and the people, record exemptions, write the sealed package, see its files. */
export function PackageStep({
  project,
  onProject,
}: {
  project: ProjectState;
  onProject: (state: ProjectState) => void;
}) {
  const { api, t, notify } = useApp();
  const [form, setForm] = useState({
    kind: 'share' as 'share' | 'open',
    onError: 'block' as 'block' | 'exclude',
    steward: '',
    reviewer: '',
    division: '',
  });
  const [exemption, setExemption] = useState({ rule: '', reason: '', reviewer: '' });
  const [rules, setRules] = useState<ChannelOutput<'quality:summary'>['rules']>([]);
  const [last, setLast] = useState<ChannelOutput<'package:last'>>(null);

  const [jobsDone, setJobsDone] = useState(0);

  // A finished job may be this step's package: fetch again when one ends.
  useEffect(() => api.on('job:done', () => setJobsDone((n) => n + 1)), [api]);

  useEffect(() => {
    void (async () => {
      const [summary, written] = await Promise.all([
        api.invoke('quality:summary', {}),
        api.invoke('package:last', {}),
      ]);
      if (summary.ok) setRules(summary.value.rules.filter((r) => r.errors > 0));
      if (written.ok) setLast(written.value);
    })();
  }, [api, project, jobsDone]);

  const write = async () => {
    const result = await api.invoke('package:write', {
      kind: form.kind,
      onError: form.onError,
      steward: form.steward,
      ...(form.reviewer === '' ? {} : { reviewer: form.reviewer }),
      ...(form.division === '' ? {} : { division: form.division }),
    });
    if (!result.ok) notify(result.error.message, 'error');
  };

  const exempt = async () => {
    const result = await api.invoke('package:exempt', exemption);
    if (result.ok) {
      onProject(result.value);
      setExemption({ rule: '', reason: '', reviewer: '' });
      notify({ zh: '已记录豁免', en: 'Exemption recorded' });
    } else notify(result.error.message, 'error');
  };

  return (
    <div className="package">
      <section className="card">
        <h2>{t('writePackage')}</h2>
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            void write();
          }}
        >
          <fieldset>
            <legend>{t('packageKind')}</legend>
            <label className="radio">
              <input
                type="radio"
                name="kind"
                checked={form.kind === 'share'}
                onChange={() => setForm({ ...form, kind: 'share' })}
              />{' '}
              {t('kindShare')}
            </label>
            <label className="radio">
              <input
                type="radio"
                name="kind"
                checked={form.kind === 'open'}
                onChange={() => setForm({ ...form, kind: 'open' })}
              />{' '}
              {t('kindOpen')}
            </label>
          </fieldset>
          <fieldset>
            <legend>{t('onError')}</legend>
            <label className="radio">
              <input
                type="radio"
                name="onError"
                checked={form.onError === 'block'}
                onChange={() => setForm({ ...form, onError: 'block' })}
              />{' '}
              {t('onErrorBlock')}
            </label>
            <label className="radio">
              <input
                type="radio"
                name="onError"
                checked={form.onError === 'exclude'}
                onChange={() => setForm({ ...form, onError: 'exclude' })}
              />{' '}
              {t('onErrorExclude')}
            </label>
          </fieldset>
          <label>
            {t('steward')}
            <input
              value={form.steward}
              onChange={(e) => setForm({ ...form, steward: e.target.value })}
            />
          </label>
          <label>
            {t('reviewer')}
            <input
              value={form.reviewer}
              onChange={(e) => setForm({ ...form, reviewer: e.target.value })}
            />
          </label>
          <label>
            {t('division')}
            <input
              value={form.division}
              pattern="\d{6}"
              onChange={(e) => setForm({ ...form, division: e.target.value })}
            />
          </label>
          <div className="form-actions">
            <button
              type="submit"
              className="primary"
              disabled={form.steward.trim() === '' || project.records === 0}
            >
              {t('writePackage')}
            </button>
          </div>
        </form>
      </section>
      <section className="card">
        <h2>{t('exemption')}</h2>
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            void exempt();
          }}
        >
          <label>
            {t('rule')}
            <select
              value={exemption.rule}
              onChange={(e) => setExemption({ ...exemption, rule: e.target.value })}
            >
              <option value="" />
              {rules.map((r) => (
                <option key={r.rule} value={r.rule}>
                  {r.title}（{r.errors}）
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('reason')}
            <input
              value={exemption.reason}
              onChange={(e) => setExemption({ ...exemption, reason: e.target.value })}
            />
          </label>
          <label>
            {t('reviewer')}
            <input
              value={exemption.reviewer}
              onChange={(e) => setExemption({ ...exemption, reviewer: e.target.value })}
            />
          </label>
          <div className="form-actions">
            <button
              type="submit"
              disabled={
                exemption.rule === '' ||
                exemption.reason.trim() === '' ||
                exemption.reviewer.trim() === ''
              }
            >
              {t('addExemption')}
            </button>
          </div>
        </form>
      </section>
      {last !== null && (
        <section className="card wide">
          <h2>
            {t('lastPackage')}：<span className="mono">{last.name}</span>
          </h2>
          <p>
            {last.kind === 'share' ? '共享' : '开放'} · {last.rows.toLocaleString()} {t('records')}
            {last.excluded > 0 && `（剔除 ${last.excluded} 条）`}
          </p>
          <h3>{t('packageFiles')}</h3>
          <table className="table">
            <tbody>
              {last.files.map((file) => (
                <tr key={file.path}>
                  <td className="mono">{file.path}</td>
                  <td>{file.bytes.toLocaleString()} B</td>
                  <td className="mono muted" title={`SM3 ${file.sm3}`}>
                    SHA-256 {file.sha256.slice(0, 16)}…
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
