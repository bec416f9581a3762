import { useEffect, useState } from 'react';
import type { ChannelOutput, PackSummary, ProjectState } from '../../shared/ipc/contract.ts';
import { formatText } from '../../shared/i18n/ui-text.ts';
import { useApp } from '../app-context.tsx';
import { useWaitingChanges } from './use-waiting-changes.ts';

type Field = PackSummary['datasets'][number]['fields'][number];
type Values = ChannelOutput<'issues:values'>;

/** A suggestion this sure is chosen for the clerk; a weaker guess is only shown beside. */
const preselectConfidence = 0.85;

/** A code table larger than this is chosen from by typing (a list), not from a drop-down. */
const largeTable = 300;

/**
 * 值映射 in the 检查与修正 step: the distinct values of a field that are not in its code table,
 * with how often each occurs; the clerk maps each to a code and every cell alike is fixed as one
 * operation (and, if asked, the map is kept in the mapping template for the next import).
 */
export function ValueMapPanel({
  packId,
  field,
  rule,
  refreshKey,
  onApplied,
  onClose,
}: {
  packId: string;
  field: Field;
  rule: string;
  /** Changes when the records may have changed, so the values are read again. */
  refreshKey: unknown;
  onApplied: (state: ProjectState) => void;
  onClose: () => void;
}) {
  const { api, t, notify, language, runningJob } = useApp();
  const changes = useWaitingChanges(runningJob, language);
  const [codes, setCodes] = useState<readonly { code: string; name: string }[]>([]);
  const [values, setValues] = useState<Values | undefined>(undefined);
  const [choices, setChoices] = useState<Readonly<Record<string, string>>>({});
  const [shouldSaveTemplate, setShouldSaveTemplate] = useState(true);
  const [isBusy, setIsBusy] = useState(false);

  useEffect(() => {
    void (async () => {
      if (field.codeTable !== undefined) {
        const result = await api.invoke('packs:codes', { packId, table: field.codeTable });
        if (result.ok) setCodes(result.value);
        else notify(result.error.message, 'error');
      } else {
        setCodes((field.enumValues ?? []).map((code) => ({ code, name: '' })));
      }
    })();
  }, [api, notify, packId, field]);

  useEffect(() => {
    void (async () => {
      const result = await api.invoke('issues:values', { rule, field: field.name });
      if (!result.ok) {
        notify(result.error.message, 'error');
        return;
      }
      setValues(result.value);
      const chosen: Record<string, string> = {};
      for (const v of result.value.values) {
        if (v.suggestion !== undefined && v.suggestion.confidence >= preselectConfidence)
          chosen[v.value] = v.suggestion.code;
      }
      setChoices(chosen);
    })();
  }, [api, notify, rule, field.name, refreshKey]);

  const map = Object.fromEntries(Object.entries(choices).filter(([, code]) => code !== ''));
  const apply = async () => {
    setIsBusy(true);
    try {
      const result = await changes.run('edit:apply-value-map', () =>
        api.invoke('edit:apply-value-map', { field: field.name, map, shouldSaveTemplate }),
      );
      if (!result.ok) {
        notify(result.error.message, 'error');
        return;
      }
      const names = result.value.templates.map((tpl) => tpl.name).join('、');
      notify({
        zh:
          formatText('valueMapApplied', 'zh', { count: result.value.count }) +
          (names === '' ? '' : formatText('templateKept', 'zh', { names })),
        en:
          formatText('valueMapApplied', 'en', { count: result.value.count }) +
          (names === '' ? '' : formatText('templateKept', 'en', { names })),
      });
      onApplied(result.value.state);
    } finally {
      setIsBusy(false);
    }
  };

  const label = (c: { code: string; name: string }): string =>
    c.name === '' ? c.code : `${c.code} ${c.name}`;
  const listId = `codes-${field.name}`;
  const title = formatText('valueMapTitle', language, { field: field.title });
  return (
    <section className="value-map" aria-label={title}>
      <div className="card-title">
        <h3>{title}</h3>
        <button type="button" className="link" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      <p className="muted small-text">{t('valueMapHint')}</p>
      {values !== undefined && values.values.length === 0 && (
        <p className="muted">{t('noValuesToMap')}</p>
      )}
      {values !== undefined && values.values.length > 0 && (
        <div className="value-map-body">
          {codes.length > largeTable && (
            <datalist id={listId}>
              {codes.map((c) => (
                <option key={c.code} value={c.code}>
                  {label(c)}
                </option>
              ))}
            </datalist>
          )}
          <div className="table-scroll value-map-scroll">
            <table className="table value-map-table">
              <thead>
                <tr>
                  <th>{t('sourceValue')}</th>
                  <th>{t('occurrences')}</th>
                  <th>{t('mapToCode')}</th>
                </tr>
              </thead>
              <tbody>
                {values.values.map((v) => (
                  <tr key={v.value} data-value={v.value}>
                    <td title={v.suggestion?.reason[language]}>
                      <span className="mono">{v.value === '' ? '∅' : v.value}</span>
                    </td>
                    <td className="count">{v.count.toLocaleString()}</td>
                    <td>
                      {codes.length > largeTable ? (
                        <input
                          list={listId}
                          aria-label={`${t('mapToCode')} ${v.value}`}
                          value={choices[v.value] ?? ''}
                          onChange={(e) => setChoices({ ...choices, [v.value]: e.target.value })}
                        />
                      ) : (
                        <select
                          aria-label={`${t('mapToCode')} ${v.value}`}
                          value={choices[v.value] ?? ''}
                          onChange={(e) => setChoices({ ...choices, [v.value]: e.target.value })}
                        >
                          <option value="">{t('leaveAsIs')}</option>
                          {codes.map((c) => (
                            <option key={c.code} value={c.code}>
                              {label(c)}
                            </option>
                          ))}
                        </select>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="value-map-actions">
            {values.distinct > values.values.length && (
              <p className="muted small-text">
                {formatText('moreValues', language, {
                  distinct: values.distinct,
                  shown: values.values.length,
                })}
              </p>
            )}
            <label className="check-line">
              <input
                type="checkbox"
                checked={shouldSaveTemplate}
                onChange={(e) => setShouldSaveTemplate(e.target.checked)}
              />{' '}
              {t('saveToTemplate')}
            </label>
            <button
              type="button"
              className="primary"
              disabled={isBusy || Object.keys(map).length === 0}
              aria-busy={changes.isWaiting('edit:apply-value-map')}
              onClick={() => void apply()}
            >
              {changes.label('edit:apply-value-map', t('applyValueMap'))}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
