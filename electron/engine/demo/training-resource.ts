/** Where the department's file of 培训模式 is: in the engine's sources, or beside its bundle. */
import { fileURLToPath } from 'node:url';

/** The file's name among the app's resources (the trainee sees `trainingFileName`). */
export const trainingResourceName = 'training-department.xlsx';

/**
 * The path of the shipped department's file: electron/engine/demo/training/ when the engine runs
 * from its sources, out/engine/training/ beside the bundle in the built app (scripts/
 * write-app-bundles.ts copies it there), so the packaged app never needs the repository.
 */
export function locateTrainingResource(): string {
  // The same relative path either way: this module is electron/engine/demo/*.ts in the sources
  // and part of out/engine/engine-worker.cjs in the bundle.
  return fileURLToPath(new URL(`./training/${trainingResourceName}`, import.meta.url));
}
