import { useState } from 'react';
import type { ChannelOutput } from '../../shared/ipc/contract.ts';
import { useApp } from '../app-context.tsx';

type Suggestion = ChannelOutput<'mapping:suggest'>;
type TemplateSummary = ChannelOutput<'templates:list'>[number];

/**
 * Mapping templates: says when a stored template was applied (by itself, for a layout seen
 * before, or picked), saves the current mapping as the department's template for this layout,
 * and lists the templates of this dataset to apply or delete.
 */
export function TemplatePanel({
  suggestion,
  templates,
  defaultName,
  isBusy,
  onApply,
  onIgnore,
  onSave,
  onDelete,
}: {
  suggestion: Suggestion;
  templates: readonly TemplateSummary[];
  defaultName: string;
  isBusy: boolean;
  onApply: (templateId: string) => void;
  onIgnore: () => void;
  onSave: (name: string) => void;
  onDelete: (template: TemplateSummary) => void;
}) {
  const { t, f, language } = useApp();
  const [name, setName] = useState(defaultName);
  const [deleting, setDeleting] = useState<string | undefined>(undefined);
  const { template, layout } = suggestion;
  const date = (iso: string) =>
    new Date(iso).toLocaleString(language === 'zh' ? 'zh-CN' : 'en', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Asia/Shanghai',
    });
  const department = (value: string) => (value === '' ? t('noDepartment') : value);
  return (
    <section className="template-panel">
      {template !== undefined && suggestion.origin !== 'suggested' && (
        <div className="notice-inline template-applied" role="status">
          <span>
            {f('templateApplied', {
              name: template.name,
              department: department(template.department),
              date: date(template.createdAt),
            })}
            {suggestion.origin === 'stored-template' ? `：${t('templateAppliedAuto')}` : ''}
          </span>
          <button type="button" className="link" disabled={isBusy} onClick={onIgnore}>
            {t('ignoreTemplate')}
          </button>
          {layout !== undefined && layout.missing.length > 0 && (
            <p className="warning-text">
              {f('layoutMissing', { columns: layout.missing.join('、') })}
            </p>
          )}
          {layout !== undefined && layout.extra.length > 0 && (
            <p className="muted">{f('layoutExtra', { columns: layout.extra.join('、') })}</p>
          )}
        </div>
      )}
      <div className="template-actions">
        <label>
          {t('templateName')}：
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-label={t('templateName')}
            style={{ width: 320 }}
          />
        </label>
        <button
          type="button"
          disabled={isBusy || name.trim() === ''}
          onClick={() => onSave(name.trim())}
        >
          {t('saveTemplate')}
        </button>
      </div>
      <details className="template-library">
        <summary>{f('templateLibrary', { n: templates.length })}</summary>
        {templates.length === 0 ? (
          <p className="muted">{t('noTemplates')}</p>
        ) : (
          <ul>
            {templates.map((item) => (
              <li key={item.templateId}>
                <strong>{item.name}</strong>
                <span className="muted">
                  {department(item.department)} · {date(item.createdAt)} ·{' '}
                  {f('templateFields', { n: item.fields })}
                </span>
                {item.fingerprint === suggestion.fingerprint && (
                  <span className="badge">{t('sameLayout')}</span>
                )}
                <button
                  type="button"
                  className="small"
                  disabled={isBusy}
                  onClick={() => onApply(item.templateId)}
                >
                  {t('applyTemplate')}
                </button>
                {deleting === item.templateId ? (
                  <button
                    type="button"
                    className="small danger"
                    onClick={() => {
                      setDeleting(undefined);
                      onDelete(item);
                    }}
                  >
                    {t('confirmDelete')}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="small"
                    onClick={() => setDeleting(item.templateId)}
                  >
                    {t('deleteTemplate')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </details>
    </section>
  );
}
