/**
 * Mapping templates on disk: template files a clerk exports and imports, and the department
 * template store (`$STEWARD_TEMPLATES_DIR`, default `~/.data-steward/templates`) that holds one
 * file per department, pack dataset and source layout, so that a layout seen before is mapped by
 * itself: `<store>/<department>/<pack>.<dataset>.<fingerprint>.json`.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import type { Template } from '../../../shared/mapping/mapping-schema.ts';
import { parseTemplate } from '../../../shared/mapping/parse-template.ts';
import { err, ok, type Result } from '../../../shared/result.ts';

/** A template in the store, with its file. */
export interface StoredTemplate {
  readonly template: Template;
  readonly path: string;
}

/** The folder name used for templates saved without a department. */
export const noDepartment = '未指定部门';

/**
 * The template store: `$STEWARD_TEMPLATES_DIR`, else `templates` in the data folder (the app's
 * `--data-dir`), else `~/.data-steward/templates`.
 */
export function templatesDirectory(dataDir?: string): string {
  return (
    process.env.STEWARD_TEMPLATES_DIR ??
    join(dataDir ?? join(homedir(), '.data-steward'), 'templates')
  );
}

/** A department name made safe as one folder name on Windows and elsewhere. */
function departmentFolder(department: string): string {
  let safe = '';
  for (const char of department.trim()) {
    safe += char.charCodeAt(0) < 0x20 || '<>:"/\\|?*'.includes(char) ? '_' : char;
  }
  safe = safe.replace(/[. ]+$/, '');
  return safe === '' ? noDepartment : safe;
}

/** Reads and checks a template file. */
export async function readTemplateFile(path: string): Promise<Result<Template>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return err(
      'template-unreadable',
      `无法读取模板文件：${path}`,
      `Cannot read the template file: ${path}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return err(
      'template-not-json',
      `模板文件不是有效的 JSON：${reason}`,
      `The template file is not valid JSON: ${reason}`,
    );
  }
  return parseTemplate(json);
}

/** Writes a template file atomically (a temporary file, then a rename). */
export async function writeTemplateFile(path: string, template: Template): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const partial = `${path}.partial`;
  await writeFile(partial, `${JSON.stringify(template, null, 2)}\n`, 'utf8');
  await rename(partial, path);
}

/** Saves a template in the store under its department; returns the file written. */
export async function saveStoredTemplate(
  template: Template,
  root: string = templatesDirectory(),
): Promise<string> {
  const { mapping } = template;
  const path = join(
    root,
    departmentFolder(template.department),
    `${mapping.pack.id}.${mapping.dataset}.${template.fingerprint}.json`,
  );
  await writeTemplateFile(path, template);
  return path;
}

/** Lists the templates in the store (newest first); files that fail to load are reported. */
export async function listStoredTemplates(root: string = templatesDirectory()): Promise<{
  templates: StoredTemplate[];
  problems: string[];
}> {
  const templates: StoredTemplate[] = [];
  const problems: string[] = [];
  let folders: string[];
  try {
    folders = (await readdir(root, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch {
    return { templates, problems }; // no store yet
  }
  for (const folder of folders) {
    const names = (await readdir(join(root, folder))).filter((n) => n.endsWith('.json')).sort();
    for (const name of names) {
      const path = join(root, folder, name);
      const result = await readTemplateFile(path);
      if (result.ok) templates.push({ template: result.value, path });
      else problems.push(`${folder}/${name}: ${result.error.message.zh}`);
    }
  }
  templates.sort((a, b) => (a.template.createdAt < b.template.createdAt ? 1 : -1));
  return { templates, problems };
}

/** What identifies the templates that fit a source. */
export interface TemplateQuery {
  readonly fingerprint: string;
  readonly packId: string;
  readonly dataset: string;
  /** Only this department's templates; any department's when undefined. */
  readonly department?: string;
}

/** The newest stored template for this layout, pack dataset and (if given) department. */
export async function findStoredTemplate(
  query: TemplateQuery,
  root: string = templatesDirectory(),
): Promise<StoredTemplate | undefined> {
  const { templates } = await listStoredTemplates(root);
  return templates.find(
    ({ template }) =>
      template.fingerprint === query.fingerprint &&
      template.mapping.pack.id === query.packId &&
      template.mapping.dataset === query.dataset &&
      (query.department === undefined ||
        departmentFolder(template.department) === departmentFolder(query.department)),
  );
}

/**
 * A stored template's id for the UI: its file relative to the store (`<department>/<file>`),
 * with forward slashes; the UI never sees a full path.
 */
export function storedTemplateId(
  stored: StoredTemplate,
  root: string = templatesDirectory(),
): string {
  return relative(root, stored.path).split(sep).join('/');
}

/** Finds a stored template by the id `storedTemplateId` gave; only a listed template is found. */
export async function findStoredTemplateById(
  templateId: string,
  root: string = templatesDirectory(),
): Promise<StoredTemplate | undefined> {
  const { templates } = await listStoredTemplates(root);
  return templates.find((stored) => storedTemplateId(stored, root) === templateId);
}

/** Removes a stored template by its id; an id that names no listed template is refused. */
export async function deleteStoredTemplate(
  templateId: string,
  root: string = templatesDirectory(),
): Promise<Result<StoredTemplate>> {
  const stored = await findStoredTemplateById(templateId, root);
  if (stored === undefined) {
    return err(
      'template-not-found',
      '模板库中没有这个模板（可能已被删除）',
      'The template store has no such template (it may have been deleted)',
    );
  }
  await rm(stored.path, { force: true });
  return ok(stored);
}

/** Reads a template file and adds it to the store. */
export async function importTemplate(path: string): Promise<Result<StoredTemplate>> {
  const result = await readTemplateFile(path);
  if (!result.ok) return result;
  const stored = await saveStoredTemplate(result.value);
  return ok({ template: result.value, path: stored });
}
