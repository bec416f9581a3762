import { useCallback, useEffect, useState } from 'react';
import { formatText } from '../../shared/i18n/ui-text.ts';
import type { ProjectState } from '../../shared/ipc/contract.ts';
import {
  createLessonBaseline,
  lessonSteps,
  type LessonAppStep,
  type LessonBaseline,
  type LessonFacts,
} from '../../shared/training/lesson-steps.ts';
import { useApp } from '../app-context.tsx';

/** Where the lesson stands, kept per project in the browser's storage. */
interface LessonProgress {
  readonly current: number;
  readonly done: readonly string[];
  readonly baselines: Readonly<Record<string, LessonBaseline>>;
  readonly isHidden: boolean;
}

const empty: LessonProgress = { current: 0, done: [], baselines: {}, isHidden: false };

/** The storage key of a project's lesson progress. */
export function lessonStorageKey(projectId: string): string {
  return `dsw.lesson.${projectId}`;
}

function loadProgress(projectId: string): LessonProgress {
  try {
    const saved = localStorage.getItem(lessonStorageKey(projectId));
    return saved === null ? empty : { ...empty, ...(JSON.parse(saved) as Partial<LessonProgress>) };
  } catch {
    return empty; // storage unavailable or damaged: the lesson starts from step 1
  }
}

/** Remembers a project's lesson progress (storage unavailable: it is only not remembered). */
function storeProgress(projectId: string, progress: LessonProgress): void {
  try {
    localStorage.setItem(lessonStorageKey(projectId), JSON.stringify(progress));
  } catch {
    // Storage unavailable: the lesson still works for this session.
  }
}

/** Puts the highlight ring on the controls a step points at, as they come and go. */
function useHighlight(selector: string | undefined): void {
  useEffect(() => {
    if (selector === undefined) return;
    const mark = () => {
      for (const element of document.querySelectorAll('.lesson-target'))
        if (!element.matches(selector)) element.classList.remove('lesson-target');
      for (const element of document.querySelectorAll(selector))
        element.classList.add('lesson-target');
    };
    mark();
    const observer = new MutationObserver(mark);
    observer.observe(document.body, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
      for (const element of document.querySelectorAll('.lesson-target'))
        element.classList.remove('lesson-target');
    };
  }, [selector]);
}

/**
 * 培训模式's lesson panel: the numbered steps, what to do now, the control to use (ringed), and
 * a tick once the engine's facts show the trainee did it. 重新开始本步 starts a step's check
 * afresh; the panel can be hidden and shown again.
 */
export function LessonPanel({
  project,
  appStep,
  hasTrainingFile,
  onAppStep,
  onRestartImport,
}: {
  project: ProjectState;
  appStep: string;
  /** The import step holds the department's file (step 1's check). */
  hasTrainingFile: boolean;
  onAppStep: (step: LessonAppStep) => void;
  /** Step 1 restarted: the import step forgets the file. */
  onRestartImport: () => void;
}) {
  const { api, t, f, notify } = useApp();
  const [progress, setProgress] = useState<LessonProgress>(() => loadProgress(project.projectId));
  const [facts, setFacts] = useState<LessonFacts | undefined>(undefined);
  const [isSimulating, setIsSimulating] = useState(false);
  /** Counts step changes and restarts: each fetches fresh facts for the step's baseline. */
  const [refreshes, setRefreshes] = useState(0);
  const step = lessonSteps[progress.current] ?? lessonSteps[0];
  if (step === undefined) throw new Error('the lesson has steps');

  const save = useCallback(
    (next: LessonProgress) => {
      setProgress(next);
      storeProgress(project.projectId, next);
    },
    [project.projectId],
  );

  /**
   * New facts: the current step takes its baseline the first time facts arrive for it, and is
   * ticked once its check passes against that baseline.
   */
  const applyFacts = useCallback(
    (next: LessonFacts) => {
      setFacts(next);
      setProgress((previous) => {
        const current = lessonSteps[previous.current] ?? lessonSteps[0];
        if (current === undefined) return previous;
        const baseline = previous.baselines[current.id];
        const updated =
          baseline === undefined
            ? {
                ...previous,
                baselines: { ...previous.baselines, [current.id]: createLessonBaseline(next) },
              }
            : !previous.done.includes(current.id) && current.isDone(next, baseline)
              ? { ...previous, done: [...previous.done, current.id] }
              : previous;
        if (updated !== previous) storeProgress(project.projectId, updated);
        return updated;
      });
    },
    [project.projectId],
  );

  // The facts follow every change of the project (its state object is new after each), a
  // change of step, and a restart.
  useEffect(() => {
    let isCurrent = true;
    void (async () => {
      const result = await api.invoke('training:facts', {});
      if (isCurrent && result.ok) applyFacts({ ...result.value, hasTrainingFile });
    })();
    return () => {
      isCurrent = false;
    };
  }, [api, project, hasTrainingFile, refreshes, applyFacts]);

  const isOnStep = appStep === step.appStep;
  useHighlight(
    progress.isHidden || progress.done.includes(step.id)
      ? undefined
      : isOnStep
        ? step.target
        : `[data-lesson="step-${step.appStep}"]`,
  );

  const goTo = (index: number) => {
    const next = lessonSteps[index];
    if (next === undefined) return;
    save({ ...progress, current: index });
    setRefreshes((n) => n + 1);
    onAppStep(next.appStep);
  };

  const restart = () => {
    const baselines = { ...progress.baselines };
    delete baselines[step.id];
    save({ ...progress, baselines, done: progress.done.filter((id) => id !== step.id) });
    if (step.id === 'import-file') onRestartImport();
    setRefreshes((n) => n + 1);
  };

  const simulateDepartment = async () => {
    setIsSimulating(true);
    try {
      const fixes = await api.invoke('training:department-fixes', {});
      if (!fixes.ok) {
        notify(fixes.error.message, 'error');
        return;
      }
      const count = { count: fixes.value.corrected };
      notify({
        zh: formatText('simulatedDepartment', 'zh', count),
        en: formatText('simulatedDepartment', 'en', count),
      });
      const merged = await api.invoke('errors:merge', { fileId: fixes.value.fileId });
      if (!merged.ok) notify(merged.error.message, 'error');
    } finally {
      setIsSimulating(false);
    }
  };

  if (progress.isHidden) {
    return (
      <div className="lesson-collapsed">
        <button type="button" onClick={() => save({ ...progress, isHidden: false })}>
          {f('lessonShow', { n: progress.current + 1 })}
        </button>
      </div>
    );
  }

  const isDone = progress.done.includes(step.id);
  const allDone = lessonSteps.every((s) => progress.done.includes(s.id));
  return (
    <section className="lesson-panel" aria-label={t('lessonPanel')}>
      <header className="lesson-head">
        <strong>{t('lessonPanel')}</strong>
        <ol className="lesson-steps">
          {lessonSteps.map((s, index) => (
            <li key={s.id}>
              <button
                type="button"
                className={`lesson-chip${index === progress.current ? ' current' : ''}${progress.done.includes(s.id) ? ' done' : ''}`}
                aria-current={index === progress.current ? 'step' : undefined}
                data-step-done={progress.done.includes(s.id)}
                onClick={() => goTo(index)}
              >
                {progress.done.includes(s.id) ? '✓' : index + 1} {t(s.title)}
              </button>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="link"
          onClick={() => save({ ...progress, isHidden: true })}
        >
          {t('lessonHide')}
        </button>
      </header>
      <div className="lesson-body">
        <h3>
          <span className="muted">
            {f('lessonStepOf', { n: progress.current + 1, total: lessonSteps.length })}
          </span>{' '}
          {t(step.title)}
        </h3>
        <p className="lesson-instructions">{t(step.instructions)}</p>
        {step.id === 'merge-back' && (
          <p className="muted small-text">{t('simulateDepartmentNote')}</p>
        )}
        {step.id === 'fix-mapping' &&
          facts !== undefined &&
          facts.importedRecords > 0 &&
          facts.unmappedFields.length > 0 && (
            <p className="warning-text">
              {f('lessonUnmapped', { fields: facts.unmappedFields.join('、') })}
            </p>
          )}
        <div className="form-actions wrap">
          {!isOnStep && (
            <button type="button" className="primary" onClick={() => onAppStep(step.appStep)}>
              {f('lessonGoTo', {
                step: t(
                  step.appStep === 'import'
                    ? 'stepImport'
                    : step.appStep === 'mapping'
                      ? 'stepMapping'
                      : step.appStep === 'check'
                        ? 'stepCheck'
                        : 'stepPackage',
                ),
              })}
            </button>
          )}
          {step.id === 'merge-back' && (
            <button
              type="button"
              data-lesson="department-fixes"
              disabled={isSimulating || isDone}
              aria-busy={isSimulating}
              onClick={() => void simulateDepartment()}
            >
              {t('simulateDepartment')}
            </button>
          )}
          <button type="button" onClick={restart}>
            {t('lessonRestartStep')}
          </button>
          {progress.current > 0 && (
            <button type="button" onClick={() => goTo(progress.current - 1)}>
              {t('lessonPrevious')}
            </button>
          )}
          {progress.current < lessonSteps.length - 1 && (
            <button
              type="button"
              className={isDone ? 'primary' : ''}
              onClick={() => goTo(progress.current + 1)}
            >
              {t('lessonNext')}
            </button>
          )}
          <span className={isDone ? 'lesson-status done' : 'lesson-status muted'} role="status">
            {isDone ? t('lessonStepDone') : t('lessonWaiting')}
          </span>
        </div>
        {allDone && <p className="ok-line">{t('lessonAllDone')}</p>}
      </div>
    </section>
  );
}
