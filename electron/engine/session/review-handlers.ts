/** The engine's handlers of review before packaging: exemptions and the 打包前检查. */
import { describeRule } from '../../../shared/package/describe-rule.ts';
import { err, ok } from '../../../shared/result.ts';
import { describeProject } from './project-state.ts';
import { type EngineHandlers, writing } from './handler.ts';
import { withProject } from './with-project.ts';

/** One handler per channel of review before packaging: exemptions and the 打包前检查. */
export const reviewHandlers: Pick<EngineHandlers, 'package:exempt' | 'package:preflight'> = {
  'package:exempt': writing(
    { zh: '登记豁免', en: 'adding an exemption' },
    withProject(async (input, project, session) => {
      const { workspace } = project;
      const field = workspace.dataset.fields.find((f) => f.name === input.field);
      if (field === undefined)
        return err('field-not-found', `没有字段 ${input.field}`, `No field ${input.field}`);
      if (input.rid !== undefined && workspace.sourceOf(input.rid) === undefined) {
        return err(
          'record-not-found',
          `没有第 ${input.rid} 条记录；请核对记录编号（检查与修正的表格左侧一列）`,
          `There is no record ${input.rid}; check the record number (the first column of the grid in Check and fix)`,
        );
      }
      const exempted = await workspace.addExemption(
        {
          rule: input.rule,
          field: input.field,
          ...(input.rid === undefined ? {} : { rid: input.rid }),
          reason: input.reason,
          reviewer: input.reviewer,
        },
        { why: input.reason },
      );
      return exempted.ok ? ok(describeProject(project, session.config.dataDir)) : exempted;
    }),
  ),

  'package:preflight': withProject(async (_input, project) => {
    const { workspace } = project;
    const titles = new Map(workspace.dataset.fields.map((f) => [f.name, f.title]));
    return ok(
      workspace.exemptionPreflight().map((group) => ({
        ...group,
        ruleTitle: describeRule(workspace.dataset, group.rule),
        fieldTitle: titles.get(group.field) ?? group.field,
      })),
    );
  }),
};
