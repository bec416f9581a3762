import { basename, relative, sep } from 'node:path';
import type { ProjectState } from '../../../shared/ipc/contract.ts';
import { describeRule } from '../../../shared/package/describe-rule.ts';
import type { OpenProject } from './engine-session.ts';

/** The project as the UI shows it: facts, counts, and what undo and redo can do. */
export function describeProject(project: OpenProject, dataDir: string): ProjectState {
  const { workspace } = project;
  const counts = workspace.issueCounts();
  return {
    projectId: relative(dataDir, workspace.path).split(sep).join('/'),
    name: basename(workspace.path, '.dsw'),
    packId: workspace.pack.id,
    packTitle: workspace.pack.title,
    packVersion: workspace.pack.version,
    dataset: workspace.dataset.name,
    datasetTitle: workspace.dataset.title,
    department: workspace.info.department,
    period: workspace.info.period,
    records: workspace.countRecords(),
    errors: counts.errors,
    warnings: counts.warnings,
    ...workspace.undoState(),
    isTraining: project.isTraining,
    sources: workspace
      .sources()
      .map((s) => ({ file: s.file, sheet: s.sheet, rows: s.rows, isActive: s.isActive })),
    exemptions: workspace.exemptions().map((e) => ({
      rule: e.rule,
      ruleTitle: describeRule(workspace.dataset, e.rule),
      ...(e.field === undefined
        ? {}
        : {
            field: e.field,
            fieldTitle: workspace.dataset.fields.find((f) => f.name === e.field)?.title ?? e.field,
          }),
      ...(e.rid === undefined ? {} : { rid: e.rid }),
      reason: e.reason,
      reviewer: e.reviewer,
    })),
  };
}
