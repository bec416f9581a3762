/**
 * For `steward package <file>`: a throw-away project made from one file, so that a file and a
 * project are packaged by the same code. It lives in its own temp folder and is wiped with it
 * (共享不落地). The columns are matched to fields by the caller's mapper (the template or the
 * exact headers); reading is the importer's (`openTable`: any accepted format).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pack } from '../../../shared/pack/pack-schema.ts';
import { err, ok, type Result } from '../../../shared/result.ts';
import type { RuleContext } from '../../../shared/rules/rule-issue.ts';
import type { SourceTable } from '../import/source-table.ts';
import { Workspace } from '../workspace/workspace.ts';

/** Turns a table's rows into field values, given its columns (undefined: not mapped). */
export type ColumnMapper = (
  columns: readonly string[],
) => Result<(cells: readonly string[]) => readonly (string | undefined)[]>;

/** A temp project and how to wipe it. */
export interface TempProject {
  readonly workspace: Workspace;
  /** Closes the project and removes its folder. */
  dispose(): Promise<void>;
}

/** Imports a read table into a new temp project of the pack's dataset. */
export async function createProjectFromFile(
  table: SourceTable,
  options: {
    readonly pack: Pack;
    readonly dataset: string;
    readonly department: string;
    readonly period: string;
    readonly who?: string;
    readonly context: RuleContext;
    readonly mapColumns: ColumnMapper;
    /** Where the project's folder is made: a temp folder beside the output, not the system's. */
    readonly tempDir: string;
  },
): Promise<Result<TempProject>> {
  const mapper = options.mapColumns(table.columns);
  if (!mapper.ok) {
    await table.close();
    return mapper;
  }
  const dir = await mkdtemp(join(options.tempDir, 'project-'));
  const wipe = (): Promise<void> => rm(dir, { recursive: true, force: true });
  try {
    const created = await Workspace.create(join(dir, 'project.dsw'), {
      pack: options.pack,
      dataset: options.dataset,
      department: options.department,
      period: options.period,
      ...(options.who === undefined ? {} : { who: options.who }),
    });
    if (!created.ok) {
      await wipe();
      return created;
    }
    const workspace = created.value;
    const imported = await workspace.importRecords(
      {
        file: table.file,
        sheet: table.sheet,
        format: table.format,
        ...(table.encoding === undefined ? {} : { encoding: table.encoding }),
        headerRow: table.headerRow,
        columns: table.columns,
      },
      table.rows(),
      mapper.value,
      { ...(options.who === undefined ? {} : { who: options.who }), context: options.context },
    );
    const dispose = async (): Promise<void> => {
      await workspace.close();
      await wipe();
    };
    if (!imported.ok) {
      await dispose();
      return imported;
    }
    if (imported.value.rows === 0) {
      await dispose();
      return err('file-empty', '文件中没有数据行', 'The file has no data rows');
    }
    return ok({ workspace, dispose });
  } catch (error) {
    await wipe();
    throw error;
  } finally {
    await table.close();
  }
}
