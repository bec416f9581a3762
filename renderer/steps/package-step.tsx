import { useEffect, useRef, useState } from 'react';
import { FreshnessNotice } from '../start-page.tsx';
import type { ChannelOutput, ProjectState } from '../../shared/ipc/contract.ts';
import { formatText } from '../../shared/i18n/ui-text.ts';
import { runJob } from '../api/run-job.ts';
import { packageKindTerms } from '../../shared/i18n/classification-terms.ts';
import { useApp } from '../app-context.tsx';
import { useWaitingChanges } from '../components/use-waiting-changes.ts';
import { SigningPanel } from '../components/signing-panel.tsx';
import { formatFingerprint } from '../../shared/signing/format-fingerprint.ts';

type Preflight = ChannelOutput<'package:preflight'>;
type LastPackage = ChannelOutput<'package:last'>;
type Changes = ChannelOutput<'package:changes'>;
type PackageMode = 'full' | 'incremental';
type WrittenPackageFacts = NonNullable<LastPackage['written']>;
type ErrorPolicy = 'block' | 'exclude';

/**
 * 打包: the submission's facts and people, a check of what would stop the package (with the
 * exemptions a reviewer records), then the written package: its report summary, how each field
 * was handled, and its files with checksums.
 */
export function PackageStep({
  project,
  onProject,
}: {
  project: ProjectState;
  onProject: (state: ProjectState) => void;
}) {
  const { api, t, f, notify, runningJob, language } = useApp();
  const changes = useWaitingChanges(runningJob, language);
  const [form, setForm] = useState({
    kind: 'share' as 'share' | 'open',
    mode: 'full' as PackageMode,
    /** The base package an increment follows (manifest SHA-256); '' for the engine's default. */
    baseSha256: '',
    onError: 'block' as ErrorPolicy,
    provider: '',
    steward: '',
    reviewer: '',
    division: '',
  });
  // `target` is `<rule>\u0000<field>`: an exemption is by rule and field, or of one record.
  const [exemption, setExemption] = useState({ target: '', rid: '', reason: '', reviewer: '' });
  const [preflight, setPreflight] = useState<Preflight>([]);
  const [last, setLast] = useState<LastPackage>({ written: null, blockers: [] });
  /** When this dataset of this department was last packaged, and whether it is overdue. */
  const [freshness, setFreshness] = useState<ChannelOutput<'package:freshness'>[number]>();
  const [jobsDone, setJobsDone] = useState(0);
  const [isWriting, setIsWriting] = useState(false);
  /** The packages (by download id) the clerk saved with the save dialog (Electron). */
  const [saved, setSaved] = useState<ReadonlySet<string>>(new Set());
  /** The office signing key (设置 / 签名), and whether and with which passphrase to sign. */
  const [signingKey, setSigningKey] = useState<ChannelOutput<'key:read'>['key']>(null);
  const [sign, setSign] = useState({ isOn: false, passphrase: '' });
  /** 增量: the packages to compare with, why it is not possible, and the counts (when asked). */
  const [answered, setAnswered] = useState<{ query: string; value: Changes }>();
  const increment = answered?.value;
  // Only the latest request's answer is shown: the clerk may change kind or base meanwhile.
  const changesRequest = useRef(0);
  // Set at the first click, before React re-renders the button disabled: a double-click's second
  // click must not start a second package.
  const writing = useRef(false);

  // A finished job may be this step's package: fetch again when one ends.
  useEffect(() => api.on('job:done', () => setJobsDone((n) => n + 1)), [api]);

  useEffect(() => {
    void (async () => {
      const [checked, written, fresh] = await Promise.all([
        api.invoke('package:preflight', {}),
        api.invoke('package:last', {}),
        api.invoke('package:freshness', {}),
      ]);
      if (checked.ok) setPreflight(checked.value);
      if (fresh.ok) {
        setFreshness(
          fresh.value.find(
            (e) =>
              e.standardId === project.packId &&
              e.dataset === project.dataset &&
              e.department === project.department,
          ),
        );
      }
      if (written.ok) setLast(written.value);
    })();
  }, [api, project, jobsDone]);

  const query = JSON.stringify([form.kind, form.onError, form.mode, form.baseSha256, jobsDone]);
  // The choices of 增量 and, when it is chosen, the counts: counted in the engine (it reads the
  // whole project), again whenever kind, error policy, base or the project change.
  useEffect(() => {
    const request = (changesRequest.current += 1);
    const shouldCount = form.mode === 'incremental';
    void (async () => {
      const result = await api.invoke('package:changes', {
        kind: form.kind,
        onError: form.onError,
        ...(form.baseSha256 === '' ? {} : { baseSha256: form.baseSha256 }),
        shouldCount,
      });
      if (request !== changesRequest.current) return;
      if (!result.ok) {
        notify(result.error.message, 'error');
        return;
      }
      setAnswered({ query, value: result.value });
      // The default base cannot be compared with (none yet, no key): back to 全量.
      if (result.value.unavailable !== null && form.baseSha256 === '') {
        setForm((current) => ({ ...current, mode: 'full' }));
      }
    })();
  }, [api, notify, project, query, form.kind, form.onError, form.mode, form.baseSha256]);
  const isCounting = form.mode === 'incremental' && answered?.query !== query;

  const write = async () => {
    if (writing.current) return;
    writing.current = true;
    setIsWriting(true);
    try {
      // The button stays disabled until the job ends (written, blocked, failed or cancelled).
      const result = await runJob(api, () =>
        api.invoke('package:write', {
          kind: form.kind,
          onError: form.onError,
          steward: form.steward.trim(),
          ...(form.provider.trim() === '' ? {} : { provider: form.provider.trim() }),
          ...(form.reviewer.trim() === '' ? {} : { reviewer: form.reviewer.trim() }),
          ...(form.division === '' ? {} : { division: form.division }),
          ...(form.mode === 'incremental'
            ? {
                mode: 'incremental' as const,
                ...(increment?.base == null ? {} : { baseSha256: increment.base }),
              }
            : {}),
          ...(sign.isOn && signingKey !== null ? { passphrase: sign.passphrase } : {}),
        }),
      );
      if (!result.ok) notify(result.error.message, 'error');
      else if (result.value.done.ok) {
        // A written package is offered at once: a download, or where to save it (Electron).
        const written = await api.invoke('package:last', {});
        if (written.ok) {
          setLast(written.value);
          if (written.value.written !== null) await savePackage(written.value.written);
        }
      }
    } finally {
      writing.current = false;
      setIsWriting(false);
    }
  };

  /** Takes the package out of the app: a browser download, or the save dialog (Electron). */
  const savePackage = async (written: WrittenPackageFacts) => {
    const { downloads } = written;
    if (api.download !== undefined) {
      api.download(downloads.package, written.name);
      return;
    }
    const result = await api.invoke('files:save', { downloadId: downloads.package });
    if (!result.ok) notify(result.error.message, 'error');
    else if (result.value.isSaved) {
      setSaved((current) => new Set(current).add(downloads.package));
      notify({
        zh: formatText('fileSaved', 'zh', { name: written.name }),
        en: formatText('fileSaved', 'en', { name: written.name }),
      });
    }
  };

  /** 打开所在文件夹 (Electron): the folder the package was saved in. */
  const showPackage = async (written: WrittenPackageFacts) => {
    const result = await api.invoke('files:show', { downloadId: written.downloads.package });
    if (!result.ok) notify(result.error.message, 'error');
  };

  /** 打开校验报告: a browser download, or the system's browser (Electron). */
  const openReport = async (written: WrittenPackageFacts) => {
    const { downloads } = written;
    if (api.download !== undefined) {
      api.download(downloads.report, downloads.reportName);
      return;
    }
    const result = await api.invoke('files:open', { downloadId: downloads.report });
    if (!result.ok) notify(result.error.message, 'error');
  };

  const [rule = '', field = ''] = exemption.target.split('\u0000');
  const rid = exemption.rid.trim() === '' ? undefined : Number(exemption.rid.trim());
  const isRidValid = rid === undefined || (Number.isInteger(rid) && rid > 0);
  const exempt = async () => {
    const result = await changes.run('package:exempt', () =>
      api.invoke('package:exempt', {
        rule,
        field,
        ...(rid === undefined ? {} : { rid }),
        reason: exemption.reason.trim(),
        reviewer: exemption.reviewer.trim(),
      }),
    );
    if (result.ok) {
      onProject(result.value);
      // The reviewer and reason stay: naming several records one after another is common.
      setExemption({ ...exemption, target: '', rid: '' });
      notify({ zh: '已记录豁免', en: 'Exemption recorded' });
    } else notify(result.error.message, 'error');
  };

  // What still blocks: errors by rule and field that no exemption covers.
  const open = preflight.filter((p) => p.open > 0);
  const unrecoverable = open.filter((p) => p.unrecoverable > 0);
  const targetOf = (p: Preflight[number]): string => `${p.rule}\u0000${p.field}`;
  const cannotWrite =
    project.records === 0
      ? t('noRecordsYet')
      : form.steward.trim() === ''
        ? t('stewardNeeded')
        : sign.isOn && signingKey !== null && sign.passphrase === ''
          ? t('signingPassphraseNeeded')
          : form.mode === 'incremental' && increment?.unavailable != null
            ? increment.unavailable[language]
            : form.mode === 'incremental' && increment?.cannotCount != null
              ? increment.cannotCount[language]
              : undefined;
  // 增量 cannot be chosen when the default base cannot be compared with; a base the clerk picked
  // from the list keeps it chosen, and its reason stops the write instead.
  const incrementalBlocked =
    increment === undefined || (increment.unavailable !== null && form.baseSha256 === '');

  return (
    <div className="package">
      <section className="card">
        <h2>{t('writePackage')}</h2>
        <dl className="facts">
          <dt>{t('department')}</dt>
          <dd>{project.department}</dd>
          <dt>{t('period')}</dt>
          <dd>{project.period}</dd>
          <dt>{t('records')}</dt>
          <dd>{project.records.toLocaleString()}</dd>
        </dl>
        {freshness !== undefined && <FreshnessNotice entry={freshness} />}
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            void write();
          }}
        >
          <fieldset>
            <legend>{t('packageKind')}</legend>
            <Choice
              name="kind"
              options={[
                ['share', t('kindShare')],
                ['open', t('kindOpen')],
              ]}
              value={form.kind}
              onChange={(kind) => setForm({ ...form, kind })}
            />
          </fieldset>
          <fieldset className="package-mode">
            <legend>{t('packageMode')}</legend>
            <label className="radio">
              <input
                type="radio"
                name="mode"
                checked={form.mode === 'full'}
                onChange={() => setForm({ ...form, mode: 'full' })}
              />{' '}
              {t('modeFull')}
            </label>
            <label className="radio">
              <input
                type="radio"
                name="mode"
                checked={form.mode === 'incremental'}
                disabled={incrementalBlocked}
                onChange={() => setForm({ ...form, mode: 'incremental' })}
              />{' '}
              {t('modeIncremental')}
            </label>
            {increment?.unavailable != null && (
              <p className="muted increment-unavailable">{increment.unavailable[language]}</p>
            )}
            {form.mode === 'incremental' && increment !== undefined && (
              <IncrementChoice
                changes={increment}
                isCounting={isCounting}
                onBase={(baseSha256) => setForm({ ...form, baseSha256 })}
              />
            )}
          </fieldset>
          <fieldset>
            <legend>{t('onError')}</legend>
            <Choice
              name="onError"
              options={[
                ['block', t('onErrorBlock')],
                ['exclude', t('onErrorExclude')],
              ]}
              value={form.onError}
              onChange={(onError) => setForm({ ...form, onError })}
            />
          </fieldset>
          <label>
            {t('provider')}
            <input
              value={form.provider}
              onChange={(e) => setForm({ ...form, provider: e.target.value })}
            />
          </label>
          <label>
            {t('steward')}
            <input
              value={form.steward}
              required
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
              inputMode="numeric"
              onChange={(e) => setForm({ ...form, division: e.target.value.trim() })}
            />
          </label>
          {signingKey !== null && (
            <fieldset>
              <legend>{t('signedBy')}</legend>
              <label className="radio">
                <input
                  type="checkbox"
                  checked={sign.isOn}
                  onChange={(e) => setSign({ ...sign, isOn: e.target.checked })}
                />
                {t('signingSign')}（{signingKey.office}）
              </label>
              {sign.isOn && (
                <label>
                  {t('signingSignPassphrase')}
                  <input
                    type="password"
                    value={sign.passphrase}
                    autoComplete="current-password"
                    onChange={(e) => setSign({ ...sign, passphrase: e.target.value })}
                  />
                </label>
              )}
            </fieldset>
          )}
          <div className="form-actions">
            <button
              type="submit"
              className="primary"
              data-lesson="write-package"
              disabled={cannotWrite !== undefined || isWriting}
              aria-busy={isWriting}
            >
              {isWriting ? t('writingPackage') : t('writePackage')}
            </button>
            {cannotWrite !== undefined && <span className="muted">{cannotWrite}</span>}
          </div>
        </form>
      </section>

      <SigningPanel onKey={setSigningKey} />

      <section className="card">
        <h2>{t('preflight')}</h2>
        {open.length === 0 ? (
          <p className="ok-line">✓ {t('preflightClear')}</p>
        ) : (
          <p className={form.onError === 'block' ? 'notice-inline error' : 'notice-inline'}>
            {form.onError === 'block' ? t('preflightBlocked') : t('preflightExclude')}
          </p>
        )}
        {preflight.length > 0 && (
          <table className="table preflight">
            <tbody>
              {preflight.map((p) => (
                <tr key={targetOf(p)}>
                  <td>
                    {p.ruleTitle[language]} · {p.fieldTitle}
                  </td>
                  <td className="count error">{p.errors.toLocaleString()}</td>
                  <td>
                    {p.open === 0 ? (
                      <span className="badge">{t('exempted')}</span>
                    ) : (
                      <span className={form.onError === 'block' ? 'badge error' : 'badge warning'}>
                        {form.onError === 'block' ? t('willBlock') : t('willExclude')}
                        {p.open < p.errors ? `（${f('openErrors', { count: p.open })}）` : ''}
                      </span>
                    )}
                  </td>
                  <td>
                    {p.open > p.unrecoverable && (
                      <button
                        type="button"
                        className="link"
                        onClick={() => setExemption({ ...exemption, target: targetOf(p), rid: '' })}
                      >
                        {t('exemptThis')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {unrecoverable.length > 0 && (
          <div className="unrecoverable">
            <h3>{t('unrecoverableTitle')}</h3>
            <p className="muted">{t('unrecoverableNote')}</p>
            <ul className="unrecoverable-list">
              {unrecoverable.flatMap((p) =>
                p.unrecoverableValues.map((v) => (
                  <li key={`${targetOf(p)}\u0000${v.rid}`}>
                    {f('recordNumber', { rid: String(v.rid) })} · {p.fieldTitle}：
                    <span className="mono">{v.value}</span>{' '}
                    <button
                      type="button"
                      className="link"
                      onClick={() =>
                        setExemption({ ...exemption, target: targetOf(p), rid: String(v.rid) })
                      }
                    >
                      {t('exemptRecord')}
                    </button>
                  </li>
                )),
              )}
            </ul>
            {unrecoverable.some((p) => p.unrecoverable > p.unrecoverableValues.length) && (
              <p className="muted">
                {f('unrecoverableMore', {
                  count: unrecoverable.reduce(
                    (n, p) => n + p.unrecoverable - p.unrecoverableValues.length,
                    0,
                  ),
                })}
              </p>
            )}
          </div>
        )}
        <h3>{t('exemption')}</h3>
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            void exempt();
          }}
        >
          <label>
            {t('ruleAndField')}
            <select
              value={exemption.target}
              onChange={(e) => setExemption({ ...exemption, target: e.target.value })}
            >
              <option value="" />
              {open.map((p) => (
                <option key={targetOf(p)} value={targetOf(p)}>
                  {p.ruleTitle[language]} · {p.fieldTitle}（{p.open}）
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('exemptionRecord')}
            <input
              value={exemption.rid}
              inputMode="numeric"
              placeholder={t('exemptionRecordHint')}
              aria-invalid={!isRidValid}
              onChange={(e) => setExemption({ ...exemption, rid: e.target.value })}
            />
          </label>
          <label>
            {t('exemptionReason')}
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
                exemption.target === '' ||
                !isRidValid ||
                exemption.reason.trim() === '' ||
                exemption.reviewer.trim() === '' ||
                changes.isWaiting('package:exempt')
              }
              aria-busy={changes.isWaiting('package:exempt')}
            >
              {changes.label('package:exempt', t('addExemption'))}
            </button>
          </div>
        </form>
        <h3>{t('exemptionsInForce')}</h3>
        {project.exemptions.length === 0 ? (
          <p className="muted">{t('noExemptions')}</p>
        ) : (
          <ul className="exemption-list">
            {project.exemptions.map((e, i) => (
              <li key={i}>
                <strong>{e.ruleTitle[language]}</strong>
                {e.fieldTitle === undefined ? '' : ` · ${e.fieldTitle}`}
                {e.rid === undefined ? '' : ` · ${f('recordNumber', { rid: String(e.rid) })}`}：
                {e.reason}
                <span className="muted">
                  {' '}
                  · {t('reviewer')} {e.reviewer}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {last.blockers.length > 0 && (
        <section className="card wide">
          <h2 className="error-text">{t('packageBlocked')}</h2>
          <ul className="blocker-list">
            {last.blockers.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      )}
      {last.written !== null && (
        <WrittenPackage
          written={last.written}
          isSaved={saved.has(last.written.downloads.package)}
          onSave={(written) => void savePackage(written)}
          onShow={(written) => void showPackage(written)}
          onOpenReport={(written) => void openReport(written)}
        />
      )}
    </div>
  );
}

/** A time as Beijing time (the package's names and reports use it too). */
function formatBeijingTime(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

/** A manifest SHA-256 shortened for the eye (the full one is in the title). */
function shortSha(sha256: string): string {
  return `${sha256.slice(0, 12)}…`;
}

/**
 * 增量's base and counts: the earlier package to compare with (a list when the project wrote
 * more than one) and 新增 · 变更 · 删除 · 未变 against it.
 */
function IncrementChoice({
  changes,
  isCounting,
  onBase,
}: {
  changes: Changes;
  isCounting: boolean;
  onBase: (sha256: string) => void;
}) {
  const { t, f, language } = useApp();
  const { packages, base, unavailable, cannotCount } = changes;
  const counts = changes.changes;
  const describe = (p: Changes['packages'][number]): string =>
    f('incrementBaseOption', {
      created: formatBeijingTime(p.created),
      kind: packageKindTerms[p.kind][language],
      mode: t(p.mode === 'full' ? 'modeFullShort' : 'modeIncrementalShort'),
      records: p.records,
      sha: shortSha(p.sha256),
    });
  const chosen = packages.find((p) => p.sha256 === base);
  return (
    <div className="increment-choice">
      {packages.length > 1 ? (
        <label>
          {t('incrementBase')}
          <select value={base ?? ''} onChange={(e) => onBase(e.target.value)}>
            {packages.map((p) => (
              <option key={p.sha256} value={p.sha256}>
                {describe(p)}
              </option>
            ))}
          </select>
        </label>
      ) : (
        chosen !== undefined && (
          <p className="muted">
            {t('incrementBase')}：<span title={chosen.sha256}>{describe(chosen)}</span>
          </p>
        )
      )}
      {cannotCount !== null && !isCounting && (
        <p className="notice-inline error">{cannotCount[language]}</p>
      )}
      {unavailable === null &&
        cannotCount === null &&
        (isCounting || counts === null ? (
          <p className="muted" aria-busy="true">
            {t('incrementCounting')}
          </p>
        ) : (
          <>
            <p className="increment-counts">{f('incrementCounts', { ...counts })}</p>
            {counts.added + counts.changed + counts.removed === 0 && (
              <p className="muted">{t('incrementNothing')}</p>
            )}
          </>
        ))}
    </div>
  );
}

/** A group of radio buttons over a few values. */
function Choice<V extends string>({
  name,
  options,
  value,
  onChange,
}: {
  name: string;
  options: readonly (readonly [V, string])[];
  value: V;
  onChange: (value: V) => void;
}) {
  return options.map(([option, label]) => (
    <label key={option} className="radio">
      <input
        type="radio"
        name={name}
        checked={value === option}
        onChange={() => onChange(option)}
      />{' '}
      {label}
    </label>
  ));
}

/**
 * The package just written: how to take it out (download or save, 打开所在文件夹, 打开校验报告),
 * its facts, the report's summary, the fields' handling, the files.
 */
function WrittenPackage({
  written,
  isSaved,
  onSave,
  onShow,
  onOpenReport,
}: {
  written: WrittenPackageFacts;
  /** Saved with the save dialog (Electron): 打开所在文件夹 is offered. */
  isSaved: boolean;
  onSave: (written: WrittenPackageFacts) => void;
  onShow: (written: WrittenPackageFacts) => void;
  onOpenReport: (written: WrittenPackageFacts) => void;
}) {
  const { api, t, f, language } = useApp();
  const isBrowser = api.download !== undefined;
  const actionText = { keep: t('actionKeep'), mask: t('actionMask'), drop: t('actionDrop') };
  const changed = written.fields.filter((f) => f.action !== 'keep');
  const section = useRef<HTMLElement>(null);
  // A new package comes into view below the forms.
  // (Braces: Chromium's scrollIntoView now returns a promise, which an effect must not.)
  useEffect(() => {
    void section.current?.scrollIntoView({ block: 'start' });
  }, [written.name]);
  return (
    <section className="card wide written-package" ref={section}>
      <h2>
        {t('lastPackage')}：<span className="mono">{written.name}</span>
      </h2>
      <div className="form-actions wrap">
        <button type="button" className="primary" onClick={() => onSave(written)}>
          {isBrowser ? t('downloadPackage') : t('savePackage')}
        </button>
        {!isBrowser && isSaved && (
          <button type="button" onClick={() => onShow(written)}>
            {t('showInFolder')}
          </button>
        )}
        <button type="button" onClick={() => onOpenReport(written)}>
          {t('openValidationReport')}
        </button>
      </div>
      <dl className="facts">
        <dt>{t('packageKind')}</dt>
        <dd>{packageKindTerms[written.kind][language]}</dd>
        <dt>{t('packageMode')}</dt>
        <dd className="package-mode-written">
          {written.mode === 'incremental' ? t('incrementalPackage') : t('fullPackage')}
          {written.changes !== undefined && ` · ${f('incrementCounts', { ...written.changes })}`}
        </dd>
        {written.base !== undefined && (
          <>
            <dt>{t('incrementBaseShort')}</dt>
            <dd className="mono" title={written.base.sha256}>
              SHA-256 {shortSha(written.base.sha256)}
            </dd>
          </>
        )}
        <dt>{t('period')}</dt>
        <dd>{written.period}</dd>
        <dt>{t('divisionCode')}</dt>
        <dd>{written.division}</dd>
        <dt>{t('created')}</dt>
        <dd>{formatBeijingTime(written.created)}</dd>
        <dt>{t('signedBy')}</dt>
        <dd className="package-signer">
          {written.signer === undefined
            ? t('signedNot')
            : `${written.signer.office}（${formatFingerprint(written.signer.fingerprint)}）`}
        </dd>
      </dl>
      <h3>{t('packageReport')}</h3>
      <dl className="facts">
        <dt>{t('packagedRows')}</dt>
        <dd>{written.rows.toLocaleString()}</dd>
        <dt>{t('excludedRows')}</dt>
        <dd>{written.excluded.toLocaleString()}</dd>
        <dt>{t('errors')}</dt>
        <dd className="count error">{written.errors.toLocaleString()}</dd>
        <dt>{t('exemptedErrors')}</dt>
        <dd>{written.exemptedErrors.toLocaleString()}</dd>
        <dt>{t('warnings')}</dt>
        <dd className="count warning">{written.warnings.toLocaleString()}</dd>
      </dl>
      {written.rules.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>{t('rule')}</th>
              <th>{t('errors')}</th>
              <th>{t('warnings')}</th>
            </tr>
          </thead>
          <tbody>
            {written.rules.map((r) => (
              <tr key={r.rule}>
                <td>{r.title[language]}</td>
                <td className="count error">{r.errors.toLocaleString()}</td>
                <td className="count warning">{r.warnings.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {changed.length > 0 && (
        <>
          <h3>{t('fieldHandling')}</h3>
          <table className="table">
            <tbody>
              {changed.map((f) => (
                <tr key={f.name}>
                  <td>
                    {f.title}（{f.name}）
                  </td>
                  <td>
                    <span className={f.action === 'drop' ? 'badge error' : 'badge warning'}>
                      {actionText[f.action]}
                    </span>
                  </td>
                  <td className="muted">{f.note[language]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>{t('packageFiles')}</h3>
      <table className="table">
        <tbody>
          {written.files.map((file) => (
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
  );
}
