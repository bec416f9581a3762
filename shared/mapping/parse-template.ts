import { zhCN } from 'zod/locales';
import type { z } from 'zod';
import { err, ok, type Result } from '../result.ts';
import { layoutFingerprint } from './layout-fingerprint.ts';
import { sourceColumns, templateSchema, type Mapping, type Template } from './mapping-schema.ts';
import { normalizeHeader } from './normalize-header.ts';

/** What a new template is made from. */
export interface TemplateInput {
  readonly name: string;
  readonly department: string;
  /** The source headers, in source order. */
  readonly headers: readonly string[];
  readonly mapping: Mapping;
  /** ISO 8601; the caller reads the clock. */
  readonly createdAt: string;
}

/** Makes a template for a source layout; its fingerprint is computed from the headers. */
export function createTemplate(input: TemplateInput): Template {
  return {
    version: 1,
    name: input.name,
    department: input.department,
    fingerprint: layoutFingerprint(input.headers),
    headers: [...input.headers],
    mapping: input.mapping,
    createdAt: input.createdAt,
  };
}

const customMessagesZh: Readonly<Record<string, string>> = {
  'field name must be an identifier': '字段标识符只能由字母、数字和下划线组成，且以字母开头',
  'fingerprint must be 16 hex digits': '版式指纹应为 16 位十六进制数字',
};

let zhErrorMap: z.core.$ZodErrorMap | undefined;

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((segment, i) =>
      typeof segment === 'number'
        ? `[${segment}]`
        : /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(String(segment))
          ? `${i === 0 ? '' : '.'}${String(segment)}`
          : `[${JSON.stringify(String(segment))}]`,
    )
    .join('');
}

/**
 * Reads a template file's JSON (a trust boundary: templates are exported, mailed and imported):
 * the schema, then what the schema cannot say: the fingerprint belongs to the headers, and every
 * column the mapping reads is one of them. Fails with `template-invalid` and one detail line per
 * problem, with its JSON path.
 */
export function parseTemplate(json: unknown): Result<Template> {
  const parsed = templateSchema.safeParse(json);
  const details: string[] = [];
  if (!parsed.success) {
    zhErrorMap ??= zhCN().localeError;
    const zhParsed = templateSchema.safeParse(json, { error: zhErrorMap });
    const zhIssues = zhParsed.success ? [] : zhParsed.error.issues;
    parsed.error.issues.forEach((issue, i) => {
      const zh = customMessagesZh[issue.message] ?? zhIssues[i]?.message ?? issue.message;
      details.push(`${formatPath(issue.path)}: ${zh}（${issue.message}）`);
    });
  } else {
    const template = parsed.data;
    if (layoutFingerprint(template.headers) !== template.fingerprint) {
      details.push(
        'fingerprint: 版式指纹与 headers 不符（the fingerprint does not belong to the headers）',
      );
    }
    const known = new Set(template.headers.map(normalizeHeader));
    for (const [field, fieldMapping] of Object.entries(template.mapping.fields)) {
      for (const column of sourceColumns(fieldMapping.source)) {
        if (!known.has(normalizeHeader(column))) {
          details.push(
            `mapping.fields.${field}.source: 列「${column}」不在 headers 中（column "${column}" is not one of the headers）`,
          );
        }
      }
    }
    if (details.length === 0) return ok(template);
  }
  return err(
    'template-invalid',
    `模板文件有 ${details.length} 处错误`,
    `The template file has ${details.length} error${details.length === 1 ? '' : 's'}`,
    details,
  );
}
