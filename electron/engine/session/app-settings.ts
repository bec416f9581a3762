/**
 * The app's own settings, kept in the data folder (`settings.json`) so both fronts (the desktop
 * app and browser mode) remember them: the language the clerk chose, and the clerk's name, which
 * the audit trail records as who made each change (not the operating system's account, which
 * on a shared county desktop is often "Administrator").
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomically } from '../workspace/project-file.ts';

const settingsSchema = z.object({
  language: z.enum(['zh', 'en']).optional(),
  clerkName: z.string().max(100).optional(),
});

/** What the app remembers between starts. */
export type AppSettings = z.infer<typeof settingsSchema>;

const fileName = 'settings.json';

/**
 * Reads the settings; a missing or unreadable file is no settings (the defaults), never an
 * error: a clerk must not be stopped by a damaged preferences file.
 */
export async function readAppSettings(dataDir: string): Promise<AppSettings> {
  try {
    const parsed = settingsSchema.safeParse(
      JSON.parse(await readFile(join(dataDir, fileName), 'utf8')),
    );
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** Writes the settings whole (temp file, flush, rename). */
export async function writeAppSettings(dataDir: string, settings: AppSettings): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await writeFileAtomically(
    join(dataDir, fileName),
    Buffer.from(`${JSON.stringify(settings, null, 2)}\n`, 'utf8'),
  );
}
