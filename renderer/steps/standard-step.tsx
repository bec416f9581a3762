import { useEffect, useState } from 'react';
import type { ChannelOutput, PackSummary } from '../../shared/ipc/contract.ts';
import type { AppError } from '../../shared/result.ts';
import type { FileRef } from '../api/window-api.ts';
import { useApp } from '../app-context.tsx';
import { classificationTerm } from '../../shared/i18n/classification-terms.ts';

const typeNames: Readonly<Record<string, { zh: string; en: string }>> = {
  string: { zh: '字符型', en: 'text' },
  integer: { zh: '整数型', en: 'integer' },
  number: { zh: '数值型', en: 'number' },
  date: { zh: '日期型', en: 'date' },
};

const maskNames: Readonly<Record<string, { zh: string; en: string }>> = {
  none: { zh: '不脱敏', en: 'none' },
  name: { zh: '姓名（张*）', en: 'name (张*)' },
  id: { zh: '证件号（保留首尾）', en: 'ID (ends kept)' },
  phone: { zh: '电话（138****5678）', en: 'phone (138****5678)' },
  address: { zh: '地址（截至乡镇）', en: 'address (to township)' },
  drop: { zh: '不予提供', en: 'dropped' },
};

/** 标准: the project's pack, its fields with classification, its rules and code tables. */
export function StandardStep({
  packId,
  packVersion,
  datasetName,
}: {
  packId: string;
  packVersion: string;
  datasetName: string;
}) {
  const { api, t, notify, language } = useApp();
  const [packs, setPacks] = useState<PackSummary[] | undefined>(undefined);
  const [table, setTable] = useState<
    { name: string; codes: ChannelOutput<'packs:codes'> } | undefined
  >(undefined);
  const [imported, setImported] = useState<
    { ok: true; value: ChannelOutput<'packs:import'> } | { ok: false; error: AppError } | undefined
  >(undefined);
  const [isImporting, setIsImporting] = useState(false);

  const [packsVersion, setPacksVersion] = useState(0);

  useEffect(() => {
    void (async () => {
      const result = await api.invoke('packs:list', {});
      if (result.ok) setPacks(result.value);
      else notify(result.error.message, 'error');
    })();
  }, [api, notify, packsVersion]);

  const importFile = async (ref: FileRef) => {
    const result = await api.invoke('packs:import', { fileId: ref.fileId });
    setImported(result);
    if (result.ok) setPacksVersion((n) => n + 1);
  };

  const uploadPack = async (files: readonly File[]) => {
    const [first] = files;
    if (first === undefined || api.upload === undefined) return;
    setIsImporting(true);
    try {
      const uploaded = await api.upload(first);
      if (uploaded.ok) await importFile(uploaded.value);
      else setImported(uploaded);
    } finally {
      setIsImporting(false);
    }
  };

  const pickPack = async () => {
    setIsImporting(true);
    try {
      const picked = await api.invoke('files:pick', {});
      if (!picked.ok) setImported(picked);
      else if (picked.value[0] !== undefined) await importFile(picked.value[0]);
    } finally {
      setIsImporting(false);
    }
  };

  const pack =
    packs?.find((p) => p.id === packId && p.version === packVersion) ??
    packs?.find((p) => p.id === packId);

  const showCodes = async (name: string) => {
    const result = await api.invoke('packs:codes', { packId, table: name });
    if (result.ok) setTable({ name, codes: result.value });
    else notify(result.error.message, 'error');
  };

  const dataset = pack?.datasets.find((d) => d.name === datasetName);
  if (pack === undefined || dataset === undefined)
    return <div className="card muted">{t('working')}</div>;
  return (
    <div className="standard">
      <section className="card wide">
        <h2>
          {pack.title}
          {dataset.title !== pack.title && ` · ${dataset.title}`}{' '}
          <span className="muted">v{pack.version}</span>
        </h2>
        {pack.description !== undefined && <p className="muted">{pack.description}</p>}
        <h3>
          {t('fields')}（{dataset.fields.length}）
        </h3>
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th>{t('identifier')}</th>
                <th>{t('title')}</th>
                <th>{t('type')}</th>
                <th>{t('format')}</th>
                <th>{t('required')}</th>
                <th>{t('codeTables')}</th>
                <th>{t('sharing')}</th>
                <th>{t('opening')}</th>
                <th>{t('mask')}</th>
              </tr>
            </thead>
            <tbody>
              {dataset.fields.map((field) => (
                <tr key={field.name} title={field.description}>
                  <td className="mono">{field.name}</td>
                  <td>{field.title}</td>
                  <td>{typeNames[field.type]?.[language] ?? field.type}</td>
                  <td>{field.format ?? ''}</td>
                  <td>{field.isRequired ? '✔' : ''}</td>
                  <td>
                    {field.codeTable !== undefined && (
                      <button
                        type="button"
                        className="link"
                        onClick={() => void showCodes(field.codeTable ?? '')}
                      >
                        {pack.codeTables.find((c) => c.name === field.codeTable)?.title ??
                          field.codeTable}
                      </button>
                    )}
                    {field.enumValues?.join('、')}
                  </td>
                  <td>{classificationTerm(field.sharing)[language]}</td>
                  <td>{classificationTerm(field.opening)[language]}</td>
                  <td>{maskNames[field.mask]?.[language] ?? field.mask}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card wide pack-import">
        <h3>{t('packVersions')}</h3>
        <ul className="rule-list pack-versions">
          {(packs ?? [])
            .filter((p) => p.id === packId)
            .map((p) => (
              <li key={p.version}>
                <span className="mono">v{p.version}</span>
                <span>{p.title}</span>
                <span className="muted">
                  {p.origin === 'bundled' ? t('packBundled') : t('packImported')}
                </span>
                {p.version === pack.version && <span className="badge">{t('packInProject')}</span>}
              </li>
            ))}
        </ul>
        <p className="muted">{t('importPackHint')}</p>
        {api.upload !== undefined ? (
          <label className={`button primary${isImporting ? ' disabled' : ''}`}>
            {t('importPack')}
            <input
              type="file"
              hidden
              disabled={isImporting}
              accept=".json,.xlsx,.xls,.et,.ods"
              onChange={(e) => {
                void uploadPack([...(e.target.files ?? [])]);
                e.target.value = '';
              }}
            />
          </label>
        ) : (
          <button
            type="button"
            className="primary"
            disabled={isImporting}
            onClick={() => void pickPack()}
          >
            {t('importPack')}
          </button>
        )}
        {isImporting && <p className="muted">{t('working')}</p>}
        {imported?.ok === true && (
          <p className="notice-inline" role="status">
            {imported.value.isNew ? t('packImported') : t('packUnchanged')}：
            {imported.value.pack.title} v{imported.value.pack.version}（
            {imported.value.pack.datasets.map((d) => `${d.title} ${d.fields.length}`).join('、')}{' '}
            {t('fieldCount')}）
          </p>
        )}
        {imported?.ok === false && (
          <div className="notice-inline error" role="alert">
            <p>{imported.error.message[language]}</p>
            {imported.error.details !== undefined && (
              <ul className="problem-list">
                {imported.error.details.map((detail) => (
                  <li key={detail}>{detail}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </section>
      <section className="card">
        <h3>
          {t('rules')}（{dataset.rules.length}）
        </h3>
        <ul className="rule-list">
          {dataset.rules.map((rule) => (
            <li key={rule.id}>
              <span className={`badge ${rule.severity}`}>
                {rule.severity === 'error' ? t('errors') : t('warnings')}
              </span>{' '}
              <span className="mono">{rule.id}</span> {rule.description}
            </li>
          ))}
        </ul>
      </section>
      <section className="card">
        <h3>{t('codeTables')}</h3>
        <ul className="rule-list">
          {pack.codeTables.map((c) => (
            <li key={c.name}>
              <button type="button" className="link" onClick={() => void showCodes(c.name)}>
                {c.title}
              </button>{' '}
              <span className="muted">
                {c.source} · {c.size}
              </span>
            </li>
          ))}
        </ul>
        {table !== undefined && (
          <div className="table-scroll short">
            <table className="table">
              <tbody>
                {table.codes.slice(0, 500).map((code) => (
                  <tr key={code.code}>
                    <td className="mono">{code.code}</td>
                    <td>{code.name}</td>
                    <td className="muted">{code.aliases.join('、')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
