import { useEffect, useState } from 'react';
import type { PackSummary, ProjectState, ReplaceMatch } from '../../shared/ipc/contract.ts';
import { formatText, translate } from '../../shared/i18n/ui-text.ts';
import { useApp } from '../app-context.tsx';
import { useWaitingChanges } from './use-waiting-changes.ts';

/** How long typing pauses before the engine is asked for the preview count. */
const previewDelayMs = 250;

/**
 * 批量替换: replace a text in one field, inside cells (包含, the default) or whole cells
 * (整个单元格). Before applying, the engine counts the cells that will change (a read), so the
 * clerk sees 将替换 N 处 or 没有可替换的内容; nothing to replace offers no replace.
 */
export function ReplacePanel({
  fields,
  project,
  onProject,
}: {
  fields: PackSummary['datasets'][number]['fields'];
  project: ProjectState;
  onProject: (state: ProjectState) => void;
}) {
  const { api, t, notify, runningJob, language } = useApp();
  const changes = useWaitingChanges(runningJob, language);
  const [replace, setReplace] = useState<{
    field: string;
    find: string;
    replacement: string;
    match: ReplaceMatch;
  }>({ field: '', find: '', replacement: '', match: 'contains' });
  // The count is kept with the query it answers, so a count for older text is never shown.
  const [counted, setCounted] = useState<
    { query: string; project: ProjectState; count: number } | undefined
  >(undefined);
  const field = replace.field || (fields[0]?.name ?? '');
  const query = JSON.stringify([field, replace.find, replace.replacement, replace.match]);
  // A new project state (after any edit, undo or redo) is a new count, even if it looks the same.
  const preview =
    counted?.query === query && counted.project === project ? counted.count : undefined;

  useEffect(() => {
    if (replace.find === '' || field === '') return;
    let isCurrent = true;
    const timer = setTimeout(() => {
      void (async () => {
        const result = await api.invoke('edit:replace-preview', {
          field,
          find: replace.find,
          replacement: replace.replacement,
          match: replace.match,
        });
        if (!isCurrent) return;
        if (result.ok) setCounted({ query, project, count: result.value.count });
        else notify(result.error.message, 'error');
      })();
    }, previewDelayMs);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
    // The project state changes after every edit, undo or redo: count again.
  }, [api, notify, field, replace.find, replace.replacement, replace.match, query, project]);

  const runReplace = async () => {
    const result = await changes.run('edit:replace', () =>
      api.invoke('edit:replace', { ...replace, field }),
    );
    if (!result.ok) {
      notify(result.error.message, 'error');
      return;
    }
    const count = result.value.count;
    if (count === 0) {
      notify({
        zh: translate('nothingToReplace', 'zh'),
        en: translate('nothingToReplace', 'en'),
      });
      return;
    }
    onProject(result.value.state);
    notify({
      zh: formatText('replaced', 'zh', { count }),
      en: formatText('replaced', 'en', { count }),
    });
  };

  return (
    <form
      className="form compact replace-form"
      onSubmit={(event) => {
        event.preventDefault();
        void runReplace();
      }}
    >
      <select
        value={field}
        onChange={(e) => setReplace({ ...replace, field: e.target.value })}
        aria-label={t('fields')}
      >
        {fields.map((f) => (
          <option key={f.name} value={f.name}>
            {f.title}
          </option>
        ))}
      </select>
      <input
        placeholder={t('find')}
        value={replace.find}
        onChange={(e) => setReplace({ ...replace, find: e.target.value })}
      />
      <input
        placeholder={t('replaceWith')}
        value={replace.replacement}
        onChange={(e) => setReplace({ ...replace, replacement: e.target.value })}
      />
      <fieldset className="replace-match">
        <legend>{t('replaceMatch')}</legend>
        {(['contains', 'cell'] as const).map((match) => (
          <label key={match} className="radio">
            <input
              type="radio"
              name="replace-match"
              checked={replace.match === match}
              onChange={() => setReplace({ ...replace, match })}
            />
            {t(match === 'contains' ? 'matchContains' : 'matchCell')}
          </label>
        ))}
      </fieldset>
      {replace.find !== '' && (
        <p className="muted replace-preview" aria-live="polite">
          {preview === undefined
            ? t('working')
            : preview === 0
              ? t('nothingToReplace')
              : formatText('replacePreview', language, { count: preview })}
        </p>
      )}
      <button
        type="submit"
        disabled={replace.find === '' || preview === 0 || changes.isWaiting('edit:replace')}
        aria-busy={changes.isWaiting('edit:replace')}
      >
        {changes.label('edit:replace', t('replace'))}
      </button>
    </form>
  );
}
