/**
 * A value map the clerk made in the 检查与修正 step, kept in the department's mapping template of
 * each source layout it fixed, so the next file of that layout is mapped with it by itself
 * (DESIGN.md step 3: a mapping is applied by itself when the layout comes again). A layout
 * with a stored template has the map added to it; one without gets a template made from the
 * mapping its import would choose again (the same suggestions), with the map.
 */
import { layoutFingerprint } from '../../../shared/mapping/layout-fingerprint.ts';
import type { Template } from '../../../shared/mapping/mapping-schema.ts';
import { createTemplate } from '../../../shared/mapping/parse-template.ts';
import { ok, type Result } from '../../../shared/result.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { chooseMapping } from './choose-mapping.ts';
import { samplesOf } from './read-column-values.ts';
import { findStoredTemplate, saveStoredTemplate, writeTemplateFile } from './template-store.ts';

/** What became of one source layout's template. */
export interface TemplateUpdate {
  readonly name: string;
  /** True when the template was made now; false when a stored one was updated. */
  readonly isNew: boolean;
}

/** Rows read from a source to suggest its mapping again. */
const sampleRows = 500;

/**
 * Adds `map` (value -> code) to the value map of `field` in the template of every layout among
 * the sources `sourceIds`. A layout whose mapping does not feed the field is left alone.
 * `templatesDir` is the session's template store, the one the mapping step and imports use.
 */
export async function saveValueMapToTemplates(
  workspace: Workspace,
  sourceIds: readonly number[],
  field: string,
  map: Readonly<Record<string, string>>,
  createdAt: string,
  templatesDir: string,
): Promise<Result<TemplateUpdate[]>> {
  const { pack, dataset, info } = workspace;
  const wanted = new Set(sourceIds);
  const layouts = new Map<string, ReturnType<Workspace['sources']>[number]>();
  for (const source of workspace.sources()) {
    if (!source.isActive || !wanted.has(source.id)) continue;
    const fingerprint = layoutFingerprint(source.columns);
    if (!layouts.has(fingerprint)) layouts.set(fingerprint, source);
  }
  const updates: TemplateUpdate[] = [];
  for (const [fingerprint, source] of layouts) {
    const stored = await findStoredTemplate(
      { fingerprint, packId: pack.id, dataset: dataset.name, department: info.department },
      templatesDir,
    );
    let template: Template;
    if (stored !== undefined) {
      template = stored.template;
    } else {
      const choice = await chooseMapping(pack, dataset, source.columns, {
        department: info.department,
        ignoreStore: true,
        samples: () => {
          const rows = workspace
            .sourceRows(source.id, sampleRows)
            .map((row) => ({ file: source.file, sheet: source.sheet, ...row }));
          return Promise.resolve(samplesOf(source.columns, rows));
        },
        place: { sheet: source.sheet, headerRow: source.headerRow },
      });
      if (!choice.ok) return choice;
      template = createTemplate({
        name: `${dataset.title}（${source.file}）`,
        department: info.department,
        headers: source.columns,
        mapping: choice.value.mapping,
        createdAt,
      });
    }
    if (template.mapping.fields[field] === undefined) continue;
    const updated: Template = {
      ...template,
      mapping: {
        ...template.mapping,
        valueMaps: {
          ...template.mapping.valueMaps,
          [field]: { ...template.mapping.valueMaps?.[field], ...map },
        },
      },
    };
    if (stored !== undefined) await writeTemplateFile(stored.path, updated);
    else await saveStoredTemplate(updated, templatesDir);
    updates.push({ name: updated.name, isNew: stored === undefined });
  }
  return ok(updates);
}
