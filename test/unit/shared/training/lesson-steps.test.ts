import { describe, expect, it } from 'vitest';
import {
  createLessonBaseline,
  lessonSteps,
  type LessonFacts,
} from '../../../../shared/training/lesson-steps.ts';

const start: LessonFacts = {
  hasTrainingFile: false,
  fileRecords: 200,
  importedRecords: 0,
  unmappedFields: ['公民身份号码', '户号'],
  idErrors: 0,
  operations: [],
  errorWorkbook: null,
  packageName: null,
};

function step(id: string) {
  const found = lessonSteps.find((s) => s.id === id);
  if (found === undefined) throw new Error(id);
  return found;
}

describe('the lesson’s checks', () => {
  it('has the seven steps in the trainer’s order', () => {
    expect(lessonSteps.map((s) => s.id)).toEqual([
      'import-file',
      'fix-mapping',
      'find-id-errors',
      'apply-suggestions',
      'export-errors',
      'merge-back',
      'package',
    ]);
  });

  it('takes the mapping as fixed only when every record came in and every field has a column', () => {
    const imported = { ...start, importedRecords: 200, unmappedFields: ['户号'] };
    expect(step('fix-mapping').isDone(imported, createLessonBaseline(start))).toBe(false);
    const fixed = { ...imported, unmappedFields: [] };
    expect(step('fix-mapping').isDone(fixed, createLessonBaseline(start))).toBe(true);
  });

  it('counts only what was done since the step (re)started, and an ID fix only if ID errors went down', () => {
    const before = { ...start, importedRecords: 200, unmappedFields: [], idErrors: 12 };
    before.operations = [{ id: 2, kind: 'import' }];
    const baseline = createLessonBaseline(before);
    const edited = { ...before, operations: [...before.operations, { id: 3, kind: 'cell-edit' }] };
    expect(step('find-id-errors').isDone(edited, baseline)).toBe(false);
    expect(step('find-id-errors').isDone({ ...edited, idErrors: 11 }, baseline)).toBe(true);
    // Restarted after the edit: the old edit no longer counts.
    const restarted = createLessonBaseline({ ...edited, idErrors: 11 });
    expect(step('find-id-errors').isDone({ ...edited, idErrors: 11 }, restarted)).toBe(false);
  });

  it('wants a new error workbook and a new package, not the ones from before the step', () => {
    const exported = { ...start, errorWorkbook: 'd1', packageName: 'p1.zip' };
    const baseline = createLessonBaseline(exported);
    expect(step('export-errors').isDone(exported, baseline)).toBe(false);
    expect(step('export-errors').isDone({ ...exported, errorWorkbook: 'd2' }, baseline)).toBe(true);
    expect(step('package').isDone({ ...exported, packageName: 'p2.zip' }, baseline)).toBe(true);
  });
});
