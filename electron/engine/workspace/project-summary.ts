/**
 * The project's summary (`<project>.dsw.summary.json`): a few facts written beside the project
 * file at each checkpoint, so the project list can show the pack, the record count and the
 * errors of twenty projects without loading twenty SQLite files (a 100,000-row project is tens
 * of megabytes that sql.js would have to read whole).
 */
import { readFile, rm } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomically } from './project-file.ts';

const summarySchema = z.object({
  packId: z.string(),
  packTitle: z.string(),
  packVersion: z.string(),
  datasetTitle: z.string(),
  records: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
});

/** What the project list shows of a project without opening it. */
export type ProjectSummary = z.infer<typeof summarySchema>;

/** The summary file that belongs to a project file. */
export function summaryPathFor(projectPath: string): string {
  return `${projectPath}.summary.json`;
}

/** Writes the summary whole (temp file, flush, rename). */
export async function writeProjectSummary(
  projectPath: string,
  summary: ProjectSummary,
): Promise<void> {
  await writeFileAtomically(
    summaryPathFor(projectPath),
    Buffer.from(`${JSON.stringify(summary)}\n`, 'utf8'),
  );
}

/**
 * Reads the summary; a missing or damaged one is undefined (the list then reads the project
 * once and writes it again), never an error.
 */
export async function readProjectSummary(projectPath: string): Promise<ProjectSummary | undefined> {
  try {
    const parsed = summarySchema.safeParse(
      JSON.parse(await readFile(summaryPathFor(projectPath), 'utf8')),
    );
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Removes a project's summary (when the project file itself is removed). */
export async function removeProjectSummary(projectPath: string): Promise<void> {
  await rm(summaryPathFor(projectPath), { force: true });
}
