import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EventPayload, ProjectState } from '../shared/ipc/contract.ts';
import type { Language } from '../shared/i18n/localized-text.ts';
import { translate, type UiTextKey } from '../shared/i18n/ui-text.ts';
import { isLessonProject, trainingFileName } from '../shared/demo/training-department-file.ts';
import { AppContext, type AppContextValue } from './app-context.tsx';
import type { RunningImport } from './components/import-progress.tsx';
import { FirstRunGuide, HelpDialog, type HelpTab } from './components/help-dialog.tsx';
import { JobProgress } from './components/job-progress.tsx';
import { LessonPanel } from './components/lesson-panel.tsx';
import { SettingsDialog, type AppSettings } from './components/settings-dialog.tsx';
import { useWaitingChanges, type RunningJob } from './components/use-waiting-changes.ts';
import { StartPage } from './start-page.tsx';
import { CheckStep } from './steps/check-step.tsx';
import { createImportChoice, ImportStep, type ImportDraft } from './steps/import-step.tsx';
import { MappingStep } from './steps/mapping-step.tsx';
import { PackageStep } from './steps/package-step.tsx';
import { StandardStep } from './steps/standard-step.tsx';

type Step = 'standard' | 'import' | 'mapping' | 'check' | 'package';

const steps: readonly { id: Step; label: UiTextKey }[] = [
  { id: 'standard', label: 'stepStandard' },
  { id: 'import', label: 'stepImport' },
  { id: 'mapping', label: 'stepMapping' },
  { id: 'check', label: 'stepCheck' },
  { id: 'package', label: 'stepPackage' },
];

const guideSeenKey = 'dsw.guide.seen';

/** Whether the first-run guide was seen (storage unavailable: show it). */
function readGuideSeen(): boolean {
  try {
    return localStorage.getItem(guideSeenKey) === '1';
  } catch {
    return false;
  }
}

/** Remembers that the first-run guide was seen. */
function writeGuideSeen(): void {
  try {
    localStorage.setItem(guideSeenKey, '1');
  } catch {
    // Storage unavailable: the guide shows again next time, which does no harm.
  }
}

interface Notice {
  readonly text: { zh: string; en: string };
  readonly tone: 'info' | 'error';
}

/** The workbench: the start page, or the five steps of the open project. */
export function App() {
  const api = window.api;
  const [language, setLanguage] = useState<Language>('zh');
  const [project, setProject] = useState<ProjectState | undefined>(undefined);
  const [step, setStep] = useState<Step>('check');
  const [notice, setNotice] = useState<Notice | undefined>(undefined);
  const [importDraft, setImportDraft] = useState<ImportDraft>({ files: [] });
  // The mapping step works on the import step's tables, however the clerk gets there.
  const importChoice = useMemo(() => createImportChoice(importDraft), [importDraft]);
  /** The import the clerk started, while it runs, with its latest progress (shown in 检查与修正). */
  const [importJob, setImportJob] = useState<RunningImport | undefined>(undefined);
  /** Jobs that ended: an import can end before the answer that started it arrives. */
  const endedJobs = useRef(new Set<string>());
  /** The latest progress of each running job: it can come before the answer that started it. */
  const jobProgress = useRef(new Map<string, EventPayload<'job:progress'>>());
  const t = useCallback((key: UiTextKey) => translate(key, language), [language]);
  const [runningJob, setRunningJob] = useState<RunningJob | undefined>(undefined);
  /** The tab of 帮助 while it is open. */
  const [helpTab, setHelpTab] = useState<HelpTab | undefined>(undefined);
  /** The first-run guide shows on the start page until the clerk has seen it once. */
  const [isGuideSeen, setIsGuideSeen] = useState(() => readGuideSeen());
  const markGuideSeen = useCallback(() => {
    setIsGuideSeen(true);
    writeGuideSeen();
  }, []);
  /** The remembered settings (language, the clerk's name), once loaded from the engine. */
  const [settings, setSettings] = useState<AppSettings | undefined>(undefined);
  /** 设置 while open: from the header, or the prompt for the name on opening a project. */
  const [settingsDialog, setSettingsDialog] = useState<'settings' | 'prompt' | undefined>();
  /** Asks the clerk's name when a project opens and none is set (the audit records it). */
  const askNameIfMissing = useCallback(() => {
    // The prompt shows only while no name is set (see below): a name set meanwhile hides it.
    setSettingsDialog((open) => open ?? 'prompt');
  }, []);
  const changes = useWaitingChanges(runningJob, language);
  const runChange = changes.run;

  useEffect(() => {
    if (api === undefined) return;
    // The jobs that run now, oldest first: a change the clerk asks for waits for them.
    const jobs = new Map<string, RunningJob>();
    const offProgress = api.on('job:progress', (progress) => {
      const { jobId, phase } = progress;
      jobProgress.current.set(jobId, progress);
      setImportJob((current) => (current?.jobId === jobId ? { jobId, progress } : current));
      if (jobs.has(jobId)) return;
      jobs.set(jobId, phase);
      setRunningJob(jobs.values().next().value);
    });
    const offDone = api.on('job:done', ({ jobId }) => {
      endedJobs.current.add(jobId);
      jobProgress.current.delete(jobId);
      setImportJob((current) => (current?.jobId === jobId ? undefined : current));
      jobs.delete(jobId);
      setRunningJob(jobs.values().next().value);
    });
    return () => {
      offProgress();
      offDone();
    };
  }, [api]);

  useEffect(() => {
    if (api === undefined) return;
    // The settings the clerk chose before: the language applies at once.
    void (async () => {
      const loaded = await api.invoke('settings:get', {});
      if (!loaded.ok) return;
      setSettings(loaded.value);
      if (loaded.value.language !== undefined) setLanguage(loaded.value.language);
    })();
  }, [api]);

  /** Switches the language and remembers it across starts. */
  const switchLanguage = useCallback(
    async (next: Language) => {
      setLanguage(next);
      if (api === undefined) return;
      const saved = await api.invoke('settings:set', { language: next });
      if (saved.ok) setSettings(saved.value);
    },
    [api],
  );

  const notify = useCallback(
    (text: { zh: string; en: string }, tone: 'info' | 'error' = 'info') => {
      setNotice({ text, tone });
    },
    [],
  );

  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
    document.title = t('appName');
  }, [language, t]);

  const context = useMemo<AppContextValue | undefined>(
    () => (api === undefined ? undefined : { api, language, notify, runningJob }),
    [api, language, notify, runningJob],
  );

  const runHistory = useCallback(
    async (channel: 'history:undo' | 'history:redo') => {
      if (api === undefined) return;
      const result = await runChange(channel, () => api.invoke(channel, {}));
      if (result.ok) {
        setProject(result.value.state);
        notify({
          zh: `${channel === 'history:undo' ? '已撤销' : '已重做'}：${result.value.summary}`,
          en: `${channel === 'history:undo' ? 'Undone' : 'Redone'}: ${result.value.summaryEn}`,
        });
      } else notify(result.error.message, 'error');
    },
    [api, notify, runChange],
  );

  useEffect(() => {
    if (api === undefined) return;
    // A finished job (an import, a package) changes the project: show its new state.
    return api.on('job:done', () => {
      void (async () => {
        const state = await api.invoke('project:state', {});
        if (state.ok) setProject(state.value);
      })();
    });
  }, [api]);

  useEffect(() => {
    if (api === undefined) return;
    // The Electron menu (编辑 > 撤销/重做) arrives as a command event.
    return api.on('app:command', ({ command }) => {
      if (project === undefined) return;
      if (command === 'undo') void runHistory('history:undo');
      if (command === 'redo') void runHistory('history:redo');
    });
  }, [api, project, runHistory]);

  useEffect(() => {
    if (api === undefined) return;
    // 帮助 in the Electron menu.
    return api.on('app:command', ({ command }) => {
      if (command === 'help') setHelpTab('guide');
    });
  }, [api]);

  useEffect(() => {
    if (api === undefined) return;
    // A project opened from the file manager or 文件 › 打开项目 (Electron main).
    return api.on('project:opened', (state) => {
      // A notice of the project before (已导入 5000 条记录) is not about this one.
      setNotice(undefined);
      setProject(state);
      setStep(state.records === 0 ? 'import' : 'check');
      askNameIfMissing();
    });
  }, [api, askNameIfMissing]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.ctrlKey || project === undefined) return;
      const target = event.target as HTMLElement | null;
      if (target !== null && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
      if (event.key === 'z') {
        event.preventDefault();
        void runHistory('history:undo');
      } else if (event.key === 'y') {
        event.preventDefault();
        void runHistory('history:redo');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [project, runHistory]);

  if (context === undefined) {
    return (
      <div className="fatal">无法连接处理引擎：请从工作台程序或浏览器模式的完整地址打开本页。</div>
    );
  }

  const closeProject = async () => {
    // Closing waits for a running import or merge to finish and be saved.
    await changes.run('project:close', () => context.api.invoke('project:close', {}));
    setProject(undefined);
    setNotice(undefined);
    setImportDraft({ files: [] });
  };

  return (
    <AppContext.Provider value={context}>
      <div className="app">
        <header className="topbar">
          <div className="brand">{t('appName')}</div>
          {project !== undefined && (
            <nav className="steps" aria-label="steps">
              {steps.map((s, index) => (
                <button
                  key={s.id}
                  type="button"
                  className={s.id === step ? 'step active' : 'step'}
                  data-lesson={`step-${s.id}`}
                  onClick={() => setStep(s.id)}
                >
                  <span className="step-number">{index + 1}</span>
                  {t(s.label)}
                </button>
              ))}
            </nav>
          )}
          <div className="topbar-actions">
            {project !== undefined && (
              <>
                <button
                  type="button"
                  disabled={!project.canUndo || changes.isWaiting('history:undo')}
                  aria-busy={changes.isWaiting('history:undo')}
                  onClick={() => void runHistory('history:undo')}
                  title="Ctrl+Z"
                >
                  ↶ {changes.label('history:undo', t('undo'))}
                </button>
                <button
                  type="button"
                  disabled={!project.canRedo || changes.isWaiting('history:redo')}
                  aria-busy={changes.isWaiting('history:redo')}
                  onClick={() => void runHistory('history:redo')}
                  title="Ctrl+Y"
                >
                  ↷ {changes.label('history:redo', t('redo'))}
                </button>
                <button
                  type="button"
                  disabled={changes.isWaiting('project:close')}
                  aria-busy={changes.isWaiting('project:close')}
                  onClick={() => void closeProject()}
                >
                  {changes.label('project:close', t('closeProject'))}
                </button>
              </>
            )}
            <button type="button" className="link" onClick={() => setHelpTab('guide')}>
              {t('help')}
            </button>
            <button type="button" className="link" onClick={() => setSettingsDialog('settings')}>
              {t('settings')}
            </button>
            <button
              type="button"
              className="link"
              onClick={() => void switchLanguage(language === 'zh' ? 'en' : 'zh')}
            >
              {t('language')}
            </button>
          </div>
        </header>
        {project !== undefined && (
          <div className="project-bar">
            {project.isTraining && <span className="badge training">{t('training')}</span>}
            <strong>{project.packTitle}</strong>
            {project.datasetTitle !== project.packTitle && <span>{project.datasetTitle}</span>}
            <span>{project.department}</span>
            <span>{project.period}</span>
            <span>
              {project.records.toLocaleString()} {t('records')}
            </span>
            <span className="count error">
              {t('errors')} {project.errors.toLocaleString()}
            </span>
            <span className="count warning">
              {t('warnings')} {project.warnings.toLocaleString()}
            </span>
          </div>
        )}
        {project !== undefined && project.isTraining && isLessonProject(project.name) && (
          <LessonPanel
            key={project.projectId}
            project={project}
            appStep={step}
            hasTrainingFile={importDraft.files.some((e) => e.file.name === trainingFileName)}
            onAppStep={setStep}
            onRestartImport={() => setImportDraft({ files: [] })}
          />
        )}
        {settingsDialog === 'prompt' &&
          settings !== undefined &&
          (settings.clerkName ?? '') === '' && (
            <SettingsDialog
              settings={settings}
              isPrompt
              onSaved={(saved) => {
                setSettings(saved);
                setSettingsDialog(undefined);
              }}
              onClose={() => setSettingsDialog(undefined)}
            />
          )}
        {notice !== undefined && (
          <div
            className={`notice ${notice.tone}`}
            role={notice.tone === 'error' ? 'alert' : 'status'}
          >
            <span>{notice.text[language]}</span>
            <button type="button" className="link" onClick={() => setNotice(undefined)}>
              {t('close')}
            </button>
          </div>
        )}
        <main className="content">
          {project === undefined && !isGuideSeen && <FirstRunGuide onDismiss={markGuideSeen} />}
          {project === undefined ? (
            <StartPage
              onOpened={(state) => {
                markGuideSeen();
                setNotice(undefined);
                setProject(state);
                // A new project starts at 导入; one with records where the work is, 检查与修正.
                setStep(state.records === 0 ? 'import' : 'check');
                askNameIfMissing();
              }}
            />
          ) : step === 'standard' ? (
            <StandardStep
              packId={project.packId}
              packVersion={project.packVersion}
              datasetName={project.dataset}
            />
          ) : step === 'import' ? (
            <ImportStep
              isTraining={project.isTraining}
              draft={importDraft}
              onDraft={setImportDraft}
              onNext={() => setStep('mapping')}
            />
          ) : step === 'mapping' ? (
            <MappingStep
              project={project}
              choice={importChoice}
              hasFiles={importDraft.files.length > 0}
              onStarted={(jobId) => {
                const progress = jobProgress.current.get(jobId);
                if (!endedJobs.current.has(jobId))
                  setImportJob(progress === undefined ? { jobId } : { jobId, progress });
                setStep('check');
              }}
            />
          ) : step === 'check' ? (
            <CheckStep project={project} onProject={setProject} importing={importJob} />
          ) : (
            <PackageStep project={project} onProject={setProject} />
          )}
        </main>
        <JobProgress />
        {settingsDialog === 'settings' && settings !== undefined && (
          <SettingsDialog
            settings={settings}
            isPrompt={false}
            onSaved={(saved) => {
              setSettings(saved);
              if (saved.language !== undefined) setLanguage(saved.language);
              setSettingsDialog(undefined);
            }}
            onClose={() => setSettingsDialog(undefined)}
          />
        )}
        {helpTab !== undefined && (
          <HelpDialog tab={helpTab} onTab={setHelpTab} onClose={() => setHelpTab(undefined)} />
        )}
      </div>
    </AppContext.Provider>
  );
}
