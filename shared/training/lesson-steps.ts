/**
 * 培训模式's lesson: seven numbered steps a trainer walks through, each with the app step it
 * happens in, the control it points at, and the check that the trainee did it, made from the
 * project's real state (the engine's `training:facts`), never from a click counted by the UI.
 */
import type { ChannelOutput } from '../ipc/contract.ts';
import type { UiTextKey } from '../i18n/ui-text.ts';

/** What the engine reports, plus whether the import step holds the department's file. */
export type LessonFacts = ChannelOutput<'training:facts'> & { readonly hasTrainingFile: boolean };

/** The facts when a step (re)started: its check compares with them. */
export interface LessonBaseline {
  readonly lastOperationId: number;
  readonly idErrors: number;
  readonly errorWorkbook: string | null;
  readonly packageName: string | null;
}

/** The app's steps a lesson step sends the trainee to. */
export type LessonAppStep = 'import' | 'mapping' | 'check' | 'package';

/** One step of the lesson. */
export interface LessonStep {
  readonly id: string;
  readonly title: UiTextKey;
  readonly instructions: UiTextKey;
  readonly appStep: LessonAppStep;
  /** The control the step points at (a CSS selector; the highlight ring goes on it). */
  readonly target: string;
  readonly isDone: (facts: LessonFacts, baseline: LessonBaseline) => boolean;
}

/** Whether an operation of `kind` was done after the step started and is still in force. */
function didSince(facts: LessonFacts, baseline: LessonBaseline, kind: string): boolean {
  return facts.operations.some((o) => o.kind === kind && o.id > baseline.lastOperationId);
}

/** The seven steps, in order. */
export const lessonSteps: readonly LessonStep[] = [
  {
    id: 'import-file',
    title: 'lesson1Title',
    instructions: 'lesson1Do',
    appStep: 'import',
    target: '[data-lesson="training-file"]',
    isDone: (facts) => facts.hasTrainingFile || facts.importedRecords > 0,
  },
  {
    id: 'fix-mapping',
    title: 'lesson2Title',
    instructions: 'lesson2Do',
    appStep: 'mapping',
    target: 'select[aria-label="家庭编号"], [data-lesson="start-import"]',
    isDone: (facts) =>
      facts.fileRecords > 0 &&
      facts.importedRecords === facts.fileRecords &&
      facts.unmappedFields.length === 0,
  },
  {
    id: 'find-id-errors',
    title: 'lesson3Title',
    instructions: 'lesson3Do',
    appStep: 'check',
    target: '[data-lesson="issue-list"] [data-rule="resident-id"] > .rule-row',
    isDone: (facts, baseline) =>
      didSince(facts, baseline, 'cell-edit') && facts.idErrors < baseline.idErrors,
  },
  {
    id: 'apply-suggestions',
    title: 'lesson4Title',
    instructions: 'lesson4Do',
    appStep: 'check',
    target: '[data-lesson="apply-suggestions"]',
    isDone: (facts, baseline) => didSince(facts, baseline, 'apply-suggestions'),
  },
  {
    id: 'export-errors',
    title: 'lesson5Title',
    instructions: 'lesson5Do',
    appStep: 'check',
    target: '[data-lesson="export-errors"]',
    isDone: (facts, baseline) =>
      facts.errorWorkbook !== null && facts.errorWorkbook !== baseline.errorWorkbook,
  },
  {
    id: 'merge-back',
    title: 'lesson6Title',
    instructions: 'lesson6Do',
    appStep: 'check',
    target: '[data-lesson="department-fixes"]',
    isDone: (facts, baseline) => didSince(facts, baseline, 'merge'),
  },
  {
    id: 'package',
    title: 'lesson7Title',
    instructions: 'lesson7Do',
    appStep: 'package',
    target: '[data-lesson="write-package"]',
    isDone: (facts, baseline) =>
      facts.packageName !== null && facts.packageName !== baseline.packageName,
  },
];

/** The baseline of a step that starts now. */
export function createLessonBaseline(facts: LessonFacts): LessonBaseline {
  return {
    lastOperationId: facts.operations.at(-1)?.id ?? 0,
    idErrors: facts.idErrors,
    errorWorkbook: facts.errorWorkbook,
    packageName: facts.packageName,
  };
}
