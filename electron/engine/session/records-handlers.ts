/** The engine's handlers of the records: pages, the quality summary, edits, undo and redo. */
import type { Dataset } from '../../../shared/pack/pack-schema.ts';
import { suggestValueMap } from '../../../shared/mapping/suggest-value-map.ts';
import { err, ok, type Result } from '../../../shared/result.ts';
import { describeRule } from '../../../shared/package/describe-rule.ts';
import { resolveCodeTable } from '../../../shared/validate/dataset-validator.ts';
import { saveValueMapToTemplates } from '../mapping/save-value-map-to-templates.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { describeProject } from './project-state.ts';
import { templatesDirectory } from '../mapping/template-store.ts';
import { type EngineHandlers, writing, ruleContext, actor } from './handler.ts';
import { withProject } from './with-project.ts';

/** The codes a value map may assign in a field: its code table's, or its allowed values. */
function allowedCodes(
  workspace: Workspace,
  field: Dataset['fields'][number],
): Set<string> | undefined {
  const table = field.constraints?.codeTable;
  if (table !== undefined)
    return new Set(resolveCodeTable(workspace.pack, table).entries.map((e) => e.code));
  const values = field.constraints?.enum;
  return values === undefined ? undefined : new Set(values);
}

/** One handler per channel of the records: pages, the quality summary, edits, undo and redo. */
export const recordsHandlers: Pick<
  EngineHandlers,
  | 'records:page'
  | 'records:source'
  | 'records:find'
  | 'records:column-values'
  | 'quality:summary'
  | 'edit:cell'
  | 'edit:cells'
  | 'edit:replace-preview'
  | 'edit:replace'
  | 'edit:apply-suggestions'
  | 'history:undo'
  | 'history:redo'
  | 'history:list'
  | 'issues:values'
  | 'edit:apply-value-map'
> = {
  'records:page': withProject(async (input, project) => {
    const { workspace } = project;
    const unknown = unknownFieldOf(workspace.dataset, input.filter);
    if (unknown !== undefined) return unknown;
    const rows = workspace.pageRecords(input.offset, input.limit, input.filter);
    const issues = workspace.issuesOf({ rids: rows.map((r) => r.rid) });
    return ok({
      total: workspace.countRecordsWhere(input.filter),
      all: workspace.countRecords(),
      rows: rows.map((r) => ({ rid: r.rid, sourceRow: r.sourceRow, values: [...r.values] })),
      issues,
    });
  }),

  'records:source': withProject(async (input, project) =>
    ok(project.workspace.sourceOf(input.rid) ?? null),
  ),

  // 查找 and 筛选's value list are reads: they never wait for a change to the project.
  'records:find': withProject(async (input, project) => {
    const { workspace } = project;
    const unknown = unknownFieldOf(workspace.dataset, input.filter, input.field);
    if (unknown !== undefined) return unknown;
    return ok(
      workspace.findInView(input.filter, input.text, input.field, input.from, input.direction),
    );
  }),

  'records:column-values': withProject(async (input, project) => {
    const { workspace } = project;
    const unknown = unknownFieldOf(workspace.dataset, input.filter, input.field);
    if (unknown !== undefined) return unknown;
    return ok(workspace.columnValues(input.filter, input.field, input.text));
  }),

  'quality:summary': withProject(async (_input, project) => {
    const { workspace } = project;
    const counted = await workspace.qualitySummary();
    if (!counted.ok) return counted;
    const summary = counted.value;
    const titles = new Map(workspace.dataset.fields.map((f) => [f.name, f.title]));
    return ok({
      records: summary.records,
      fields: summary.fields.map((f) => ({ ...f, title: titles.get(f.name) ?? f.name })),
      rules: summary.rules.map((r) => ({ ...r, title: describeRule(workspace.dataset, r.rule) })),
    });
  }),

  'edit:cell': writing(
    { zh: '修改单元格', en: 'editing a cell' },
    withProject(async (input, project, session) => {
      const edited = await project.workspace.editCell(input.rid, input.field, input.value, {
        ...actor(input),
        context: ruleContext(),
      });
      return edited.ok ? ok(describeProject(project, session.config.dataDir)) : edited;
    }),
  ),

  'edit:cells': writing(
    { zh: '修改单元格', en: 'editing cells' },
    withProject(async (input, project, session) => {
      const written = await project.workspace.writeCells(input.how, input.cells, {
        ...actor(input),
        context: ruleContext(),
      });
      return written.ok
        ? ok({
            count: written.value.count,
            state: describeProject(project, session.config.dataDir),
          })
        : written;
    }),
  ),

  'edit:replace-preview': withProject(async (input, project) => {
    return project.workspace.previewReplace(
      input.field,
      input.find,
      input.replacement,
      input.match,
    );
  }),

  'edit:replace': writing(
    { zh: '查找替换', en: 'replacing in a field' },
    withProject(async (input, project, session) => {
      const replaced = await project.workspace.replaceInField(
        input.field,
        input.find,
        input.replacement,
        input.match,
        {
          ...actor(input),
          context: ruleContext(),
        },
      );
      return replaced.ok
        ? ok({
            count: replaced.value.count,
            state: describeProject(project, session.config.dataDir),
          })
        : replaced;
    }),
  ),

  'edit:apply-suggestions': writing(
    { zh: '批量采用建议', en: 'applying suggestions' },
    withProject(async (input, project, session) => {
      const filter =
        input.field === undefined ? { rule: input.rule } : { rule: input.rule, field: input.field };
      const applied = await project.workspace.applySuggestions(filter, {
        ...actor(input),
        context: ruleContext(),
      });
      return applied.ok
        ? ok({
            count: applied.value.count,
            state: describeProject(project, session.config.dataDir),
          })
        : applied;
    }),
  ),

  'history:undo': writing(
    { zh: '撤销', en: 'undoing' },
    withProject(async (_input, project, session) => {
      const undone = await project.workspace.undo(ruleContext());
      return undone.ok
        ? ok({
            summary: undone.value.summary,
            summaryEn: undone.value.summaryEn,
            state: describeProject(project, session.config.dataDir),
          })
        : undone;
    }),
  ),

  'history:redo': writing(
    { zh: '重做', en: 'redoing' },
    withProject(async (_input, project, session) => {
      const redone = await project.workspace.redo(ruleContext());
      return redone.ok
        ? ok({
            summary: redone.value.summary,
            summaryEn: redone.value.summaryEn,
            state: describeProject(project, session.config.dataDir),
          })
        : redone;
    }),
  ),

  'history:list': withProject(async (_input, project) => {
    return ok(project.workspace.history());
  }),

  'issues:values': withProject(async (input, project) => {
    const { workspace } = project;
    const found = workspace.issueValues(
      { rule: input.rule, field: input.field },
      input.limit ?? 200,
    );
    const field = workspace.dataset.fields.find((f) => f.name === input.field);
    const suggested =
      field === undefined ? undefined : suggestValueMap(workspace.pack, field, found.values);
    const byValue = new Map((suggested?.values ?? []).map((v) => [v.value, v]));
    return ok({
      distinct: found.distinct,
      values: found.values.map(({ value, count }) => {
        const suggestion = byValue.get(value);
        return suggestion?.code === null || suggestion?.code === undefined
          ? { value, count }
          : {
              value,
              count,
              suggestion: {
                code: suggestion.code,
                confidence: suggestion.confidence,
                reason: suggestion.reason,
              },
            };
      }),
    });
  }),

  'edit:apply-value-map': writing(
    { zh: '应用值映射', en: 'applying a value map' },
    withProject(async (input, project, session) => {
      const { workspace } = project;
      const field = workspace.dataset.fields.find((f) => f.name === input.field);
      if (field === undefined)
        return err('field-not-found', `没有字段 ${input.field}`, `No field ${input.field}`);
      const allowed = allowedCodes(workspace, field);
      if (allowed === undefined) {
        return err(
          'not-a-code-field',
          `「${field.title}」不是代码字段，不能使用值映射`,
          `"${field.title}" is not a code field; a value map does not apply`,
        );
      }
      const wrong = Object.values(input.map).filter((code) => !allowed.has(code));
      if (wrong.length > 0) {
        return err(
          'code-not-allowed',
          `这些代码不在「${field.title}」的代码表中：${[...new Set(wrong)].join('、')}`,
          `Not codes of "${field.title}": ${[...new Set(wrong)].join(', ')}`,
        );
      }
      const applied = await workspace.applyValueMap(input.field, input.map, {
        ...actor(input),
        context: ruleContext(),
      });
      if (!applied.ok) return applied;
      let templates: { name: string; isNew: boolean }[] = [];
      if (input.shouldSaveTemplate) {
        const saved = await saveValueMapToTemplates(
          workspace,
          applied.value.sourceIds,
          input.field,
          input.map,
          new Date().toISOString(),
          templatesDirectory(session.config.dataDir),
        );
        if (!saved.ok) return saved;
        templates = saved.value;
      }
      return ok({
        count: applied.value.count,
        templates,
        state: describeProject(project, session.config.dataDir),
      });
    }),
  ),
};

/**
 * A refusal when a view names a field the project's dataset does not have (a grid left over
 * from another project, say): the clerk is told to open the step again.
 */
function unknownFieldOf(
  dataset: Dataset,
  filter: {
    columns?: readonly { field: string }[] | undefined;
    sort?: { field: string } | undefined;
  },
  field?: string,
): Result<never> | undefined {
  const names = new Set(dataset.fields.map((f) => f.name));
  const asked = [
    ...(filter.columns ?? []).map((c) => c.field),
    ...(filter.sort === undefined ? [] : [filter.sort.field]),
    ...(field === undefined ? [] : [field]),
  ];
  const unknown = asked.find((name) => !names.has(name));
  if (unknown === undefined) return undefined;
  return err(
    'unknown-field',
    `本项目的数据集没有字段「${unknown}」，请重新打开“检查与修正”`,
    `This project's dataset has no field "${unknown}"; open 检查与修正 again`,
  );
}
