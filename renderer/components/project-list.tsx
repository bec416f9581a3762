import { useState } from 'react';
import { formatText, type UiTextKey } from '../../shared/i18n/ui-text.ts';
import type { ChannelOutput } from '../../shared/ipc/contract.ts';
import { beijingTimeText } from '../../shared/text/beijing-time.ts';
import { useApp } from '../app-context.tsx';

/** The projects as the engine lists them, with their places and facts. */
export type ProjectEntries = ChannelOutput<'project:list'>;
type ProjectEntry = ProjectEntries[number];

/** A notice in both languages, its `{name}` and `{count}` marks filled in. */
function both(key: UiTextKey, values: Readonly<Record<string, string | number>>) {
  return { zh: formatText(key, 'zh', values), en: formatText(key, 'en', values) };
}

/** A step that waits for the clerk's confirmation: a delete, or emptying the archive. */
type Confirming = { kind: 'delete'; project: ProjectEntry } | { kind: 'empty'; count: number };

/**
 * The project list of the start page: each project's pack, records, errors and last change
 * (Beijing time), with 打开, 重命名 and 归档; the 已归档 list with 还原 and 删除 (confirmed), and
 * 清空归档 (confirmed again) for the projects 待清空.
 */
export function ProjectList({
  projects,
  isBusy,
  onOpen,
  onChanged,
}: {
  projects: ProjectEntries;
  isBusy: boolean;
  onOpen: (projectId: string) => void;
  /** Called after a project moved or was renamed: the page lists the projects again. */
  onChanged: () => Promise<void>;
}) {
  const { api, t, f, notify } = useApp();
  const [renaming, setRenaming] = useState<{ projectId: string; name: string } | undefined>();
  const [isArchiveShown, setIsArchiveShown] = useState(false);
  const [confirming, setConfirming] = useState<Confirming | undefined>();
  const [isWorking, setIsWorking] = useState(false);
  const active = projects.filter((p) => p.place === 'projects' || p.place === 'training');
  const archived = projects.filter((p) => p.place === 'archive');
  const deleted = projects.filter((p) => p.place === 'deleted');
  const isDisabled = isBusy || isWorking;

  /** Runs a shelf change, tells the clerk how it went, and lists the projects again. */
  const change = async (
    work: () => ReturnType<typeof api.invoke<'project:rename'>>,
    done: { key: UiTextKey; name: string },
  ) => {
    setIsWorking(true);
    try {
      const result = await work();
      if (result.ok) {
        notify(both(done.key, { name: done.name }));
        setRenaming(undefined);
        setConfirming(undefined);
      } else notify(result.error.message, 'error');
      await onChanged();
    } finally {
      setIsWorking(false);
    }
  };

  const emptyArchive = async () => {
    setIsWorking(true);
    try {
      const result = await api.invoke('project:empty-archive', { isConfirmed: true });
      setConfirming(undefined);
      if (!result.ok) notify(result.error.message, 'error');
      else if (result.value.kept.length === 0)
        notify(both('archiveEmptied', { count: result.value.removed }));
      else {
        // A file open in another window stays: the clerk learns which, and what to do.
        const { removed, kept } = result.value;
        const say = (language: 'zh' | 'en', names: string) => {
          const keptText = formatText('archiveKeptOpen', language, { names });
          if (removed === 0) return keptText;
          const removedText = formatText('archiveEmptied', language, { count: removed });
          return language === 'zh' ? `${removedText}。${keptText}` : `${removedText}. ${keptText}`;
        };
        notify(
          {
            zh: say('zh', kept.map((name) => `「${name}」`).join('、')),
            en: say('en', kept.map((name) => `"${name}"`).join(', ')),
          },
          'error',
        );
      }
      await onChanged();
    } finally {
      setIsWorking(false);
    }
  };

  const facts = (p: ProjectEntry) =>
    p.packTitle === undefined ? (
      <td colSpan={3} className="muted">
        {t('projectFactsUnknown')}
      </td>
    ) : (
      <>
        <td>{p.packTitle}</td>
        <td className="number">{(p.records ?? 0).toLocaleString()}</td>
        <td className={(p.errors ?? 0) > 0 ? 'number count error' : 'number'}>
          {(p.errors ?? 0).toLocaleString()}
        </td>
      </>
    );

  const head = (
    <thead>
      <tr>
        <th>{t('projectName')}</th>
        <th>{t('projectPack')}</th>
        <th className="number">{t('projectRecords')}</th>
        <th className="number">{t('projectErrors')}</th>
        <th>{t('projectChanged')}</th>
        <th>{t('projectActions')}</th>
      </tr>
    </thead>
  );

  return (
    <>
      {active.length === 0 ? (
        <p className="muted">{t('noProjects')}</p>
      ) : (
        <table className="project-table project-list" aria-label={t('recentProjects')}>
          {head}
          <tbody>
            {active.map((p) => (
              <tr key={p.projectId} data-project={p.name}>
                <td className="project-name">
                  {p.isTraining && <span className="badge training">{t('training')}</span>}{' '}
                  {renaming?.projectId === p.projectId ? (
                    <form
                      className="inline-form"
                      onSubmit={(event) => {
                        event.preventDefault();
                        const name = renaming.name.trim();
                        if (name !== '')
                          void change(
                            () => api.invoke('project:rename', { projectId: p.projectId, name }),
                            { key: 'projectRenamed', name },
                          );
                      }}
                    >
                      <input
                        aria-label={t('projectName')}
                        value={renaming.name}
                        maxLength={80}
                        autoFocus
                        onChange={(e) => setRenaming({ ...renaming, name: e.target.value })}
                      />
                      <button
                        type="submit"
                        className="primary"
                        disabled={isDisabled || renaming.name.trim() === ''}
                      >
                        {t('renameSave')}
                      </button>
                      <button type="button" onClick={() => setRenaming(undefined)}>
                        {t('cancel')}
                      </button>
                    </form>
                  ) : (
                    p.name
                  )}
                </td>
                {facts(p)}
                <td className="muted">{beijingTimeText(p.modifiedAt)}</td>
                <td className="row-actions">
                  <button type="button" disabled={isDisabled} onClick={() => onOpen(p.projectId)}>
                    {t('open')}
                  </button>
                  {p.place === 'projects' && (
                    <>
                      <button
                        type="button"
                        disabled={isDisabled}
                        onClick={() => setRenaming({ projectId: p.projectId, name: p.name })}
                      >
                        {t('renameProject')}
                      </button>
                      <button
                        type="button"
                        disabled={isDisabled}
                        onClick={() =>
                          void change(
                            () => api.invoke('project:archive', { projectId: p.projectId }),
                            { key: 'projectArchived', name: p.name },
                          )
                        }
                      >
                        {t('archiveProject')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {archived.length + deleted.length > 0 && (
        <button
          type="button"
          className="link archive-toggle"
          onClick={() => setIsArchiveShown(!isArchiveShown)}
        >
          {isArchiveShown
            ? t('hideArchive')
            : f('showArchive', { count: archived.length + deleted.length })}
        </button>
      )}
      {isArchiveShown && archived.length + deleted.length > 0 && (
        <section className="archive" aria-label={t('archivedProjects')}>
          <h3>{t('archivedProjects')}</h3>
          <table className="project-table">
            {head}
            <tbody>
              {[...archived, ...deleted].map((p) => (
                <tr key={p.projectId} data-project={p.name} className={p.place}>
                  <td className="project-name">
                    {p.place === 'deleted' && (
                      <span className="badge deleted">{t('pendingEmpty')}</span>
                    )}{' '}
                    {p.name}
                  </td>
                  {facts(p)}
                  <td className="muted">{beijingTimeText(p.modifiedAt)}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      disabled={isDisabled}
                      onClick={() =>
                        void change(
                          () => api.invoke('project:restore', { projectId: p.projectId }),
                          { key: 'projectRestored', name: p.name },
                        )
                      }
                    >
                      {t('restoreProject')}
                    </button>
                    {p.place === 'archive' && (
                      <button
                        type="button"
                        className="danger"
                        disabled={isDisabled}
                        onClick={() => setConfirming({ kind: 'delete', project: p })}
                      >
                        {t('deleteProject')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {deleted.length > 0 && (
            <button
              type="button"
              className="danger"
              disabled={isDisabled}
              onClick={() => setConfirming({ kind: 'empty', count: deleted.length })}
            >
              {t('emptyArchive')}
            </button>
          )}
        </section>
      )}
      {confirming !== undefined && (
        <div className="dialog-backdrop">
          <div
            className="dialog confirm-dialog"
            role="alertdialog"
            aria-modal="true"
            aria-label={confirming.kind === 'delete' ? t('deleteProject') : t('emptyArchive')}
          >
            <p>
              {confirming.kind === 'delete'
                ? f('confirmDeleteProject', { name: confirming.project.name })
                : f('confirmEmptyArchive', { count: confirming.count })}
            </p>
            <div className="form-actions">
              <button
                type="button"
                className="danger"
                disabled={isDisabled}
                onClick={() =>
                  void (confirming.kind === 'delete'
                    ? change(
                        () =>
                          api.invoke('project:delete', {
                            projectId: confirming.project.projectId,
                            isConfirmed: true,
                          }),
                        { key: 'projectDeleted', name: confirming.project.name },
                      )
                    : emptyArchive())
                }
              >
                {confirming.kind === 'delete' ? t('confirmDeleteAction') : t('confirmEmptyAction')}
              </button>
              <button type="button" autoFocus onClick={() => setConfirming(undefined)}>
                {t('cancel')}
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}
