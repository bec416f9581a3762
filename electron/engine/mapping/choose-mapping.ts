/**
 * Decides how a source table maps to a dataset: the template the user names; else the stored
 * template of the same layout (applied by itself, and said so); else the confident suggestions.
 */
import type { LocalizedText } from '../../../shared/i18n/localized-text.ts';
import { compareLayout, type LayoutComparison } from '../../../shared/mapping/compare-layout.ts';
import {
  createSuggestedMapping,
  type TablePlace,
} from '../../../shared/mapping/create-suggested-mapping.ts';
import { describeMapping } from '../../../shared/mapping/describe-mapping.ts';
import { layoutFingerprint } from '../../../shared/mapping/layout-fingerprint.ts';
import type { Mapping, Template } from '../../../shared/mapping/mapping-schema.ts';
import {
  suggestMapping,
  type ColumnSample,
  type MappingSuggestion,
} from '../../../shared/mapping/suggest-mapping.ts';
import type { ValueMapSuggestion } from '../../../shared/mapping/suggest-value-map.ts';
import type { Dataset, Pack } from '../../../shared/pack/pack-schema.ts';
import { err, ok, type Result } from '../../../shared/result.ts';
import { findStoredTemplate, readTemplateFile } from './template-store.ts';

/** Where the mapping came from. */
export type MappingOrigin = 'template' | 'stored-template' | 'suggested';

/** The mapping chosen for a table, and how to show it column by column. */
export interface MappingChoice {
  readonly mapping: Mapping;
  readonly origin: MappingOrigin;
  /** The template used (a file the user named, or the stored one). */
  readonly template?: Template;
  /** The template's file. */
  readonly templatePath?: string;
  /** Per column: the field and why (a template's columns have confidence 1). */
  readonly suggestion: MappingSuggestion;
  /** How the source's headers differ from the template's layout. */
  readonly layout?: LayoutComparison;
  /** The source layout's fingerprint. */
  readonly fingerprint: string;
}

/** What to choose from. */
export interface ChooseMappingOptions {
  /** A template file the user named (`--template`). */
  readonly templatePath?: string;
  /** The providing department: only its stored templates apply. */
  readonly department?: string;
  /** Skip the template store (suggest afresh). */
  readonly ignoreStore?: boolean;
  /** The column samples, read only when suggestions are needed. */
  readonly samples: () => Promise<ColumnSample[]>;
  /** Value-map suggestions to keep in a suggested mapping (for a template to be saved). */
  readonly valueMaps?: (suggestion: MappingSuggestion) => Promise<ValueMapSuggestion[]>;
  readonly place?: TablePlace;
  /** The template store to look in (default: `templatesDirectory()`). */
  readonly templatesDir?: string;
}

function templateReason(template: Template, isStored: boolean): LocalizedText {
  const department = template.department === '' ? '' : `（${template.department}）`;
  return isStored
    ? {
        zh: `按已保存的模板「${template.name}」${department}`,
        en: `by the saved template "${template.name}"`,
      }
    : { zh: `按模板「${template.name}」${department}`, en: `by the template "${template.name}"` };
}

function fromTemplate(
  dataset: Dataset,
  columns: readonly string[],
  template: Template,
  templatePath: string,
  origin: 'template' | 'stored-template',
  fingerprint: string,
): MappingChoice {
  return {
    mapping: template.mapping,
    origin,
    template,
    templatePath,
    suggestion: describeMapping(
      dataset,
      template.mapping,
      columns,
      templateReason(template, origin === 'stored-template'),
    ),
    layout: compareLayout(template.headers, columns),
    fingerprint,
  };
}

/** Chooses the mapping of a table with these columns (see the file comment for the order). */
export async function chooseMapping(
  pack: Pack,
  dataset: Dataset,
  columns: readonly string[],
  options: ChooseMappingOptions,
): Promise<Result<MappingChoice>> {
  const fingerprint = layoutFingerprint(columns);
  if (options.templatePath !== undefined) {
    const template = await readTemplateFile(options.templatePath);
    if (!template.ok) return template;
    const { mapping } = template.value;
    if (mapping.pack.id !== pack.id || mapping.dataset !== dataset.name) {
      return err(
        'template-other-dataset',
        `模板「${template.value.name}」用于标准包「${mapping.pack.id}」的数据集「${mapping.dataset}」，不能用于「${pack.id}」的「${dataset.name}」`,
        `Template "${template.value.name}" is for dataset "${mapping.dataset}" of pack "${mapping.pack.id}", not "${dataset.name}" of "${pack.id}"`,
      );
    }
    return ok(
      fromTemplate(dataset, columns, template.value, options.templatePath, 'template', fingerprint),
    );
  }
  if (options.ignoreStore !== true) {
    const stored = await findStoredTemplate(
      {
        fingerprint,
        packId: pack.id,
        dataset: dataset.name,
        ...(options.department === undefined ? {} : { department: options.department }),
      },
      options.templatesDir,
    );
    if (stored !== undefined) {
      return ok(
        fromTemplate(
          dataset,
          columns,
          stored.template,
          stored.path,
          'stored-template',
          fingerprint,
        ),
      );
    }
  }
  const suggestion = suggestMapping(pack, dataset, await options.samples());
  const valueMaps = options.valueMaps === undefined ? [] : await options.valueMaps(suggestion);
  return ok({
    mapping: createSuggestedMapping(pack, dataset, suggestion, valueMaps, options.place),
    origin: 'suggested',
    suggestion,
    fingerprint,
  });
}
