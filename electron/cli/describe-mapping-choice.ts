import type { Pack } from '../../shared/pack/pack-schema.ts';
import { confidentSuggestion } from '../../shared/mapping/suggest-mapping.ts';
import type { MappingChoice } from '../engine/mapping/choose-mapping.ts';
import { noDepartment } from '../engine/mapping/template-store.ts';

/** The lines that tell the clerk which template was applied and how the file differs from it. */
export function describeMappingChoice(choice: MappingChoice, pack: Pack): string[] {
  const { template, layout } = choice;
  if (choice.origin === 'suggested' || template === undefined) return [];
  const department = template.department === '' ? noDepartment : template.department;
  const notes =
    choice.origin === 'stored-template'
      ? [
          `已自动套用模板「${template.name}」（部门：${department}；${choice.templatePath ?? ''}）：同样版式（指纹 ${choice.fingerprint}）的文件无需再确认对应。`,
        ]
      : [`按模板「${template.name}」对应（部门：${department}）。`];
  if (template.mapping.pack.version !== pack.version) {
    notes.push(
      `模板按标准包 ${pack.id} v${template.mapping.pack.version} 制作，当前为 v${pack.version}；请核对对应是否仍然合适。`,
    );
  }
  if (layout !== undefined && layout.missing.length > 0) {
    notes.push(
      `注意：模板中的列在文件中不存在：${layout.missing.join('、')}（由这些列对应的字段未对应）。`,
    );
  }
  if (layout !== undefined && layout.extra.length > 0) {
    notes.push(`文件中有模板未包含的列（未使用）：${layout.extra.join('、')}。`);
  }
  return notes;
}

/**
 * The lines validate and package print about the mapping: the template's notes, or, when no
 * template applied, that the confident suggestions were used.
 */
export function describeAppliedMapping(choice: MappingChoice, pack: Pack): string[] {
  if (choice.origin !== 'suggested') return describeMappingChoice(choice, pack);
  const applied = Object.keys(choice.mapping.fields).length;
  return [
    `未提供模板，已自动采用 ${applied} 个高置信度的列对应（置信度 ≥ ${confidentSuggestion}）；用 steward map 查看全部建议并保存模板。`,
  ];
}
