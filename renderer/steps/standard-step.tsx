import { useEffect, useState } from 'react';
import type { ChannelOutput, PackSummary } from '../../shared/ipc/contract.ts';
import { useApp } from '../app-context.tsx';

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
export function StandardStep({ packId, datasetName }: { packId: string; datasetName: string }) {
  const { api, t, notify, language } = useApp();
  const [pack, setPack] = useState<PackSummary | undefined>(undefined);
  const [table, setTable] = useState<
    { name: string; codes: ChannelOutput<'packs:codes'> } | undefined
  >(undefined);

  useEffect(() => {
    void (async () => {
      const result = await api.invoke('packs:list', {});
      if (result.ok) setPack(result.value.find((p) => p.id === packId));
      else notify(result.error.message, 'error');
    })();
  }, [api, packId, notify]);

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
                  <td>{field.sharing}</td>
                  <td>{field.opening}</td>
                  <td>{maskNames[field.mask]?.[language] ?? field.mask}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
