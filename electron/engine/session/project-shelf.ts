/**
 * The project shelf: the list of projects with their facts, and renaming, archiving (已归档),
 * deleting (to 待清空, only from the archive) and emptying the archive (清空归档). Files move
 * within the data folder and are removed only by 清空归档, so nothing is lost without two
 * confirmations: the delete and the emptying.
 */
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChannelOutput } from '../../../shared/ipc/contract.ts';
import { err, ok, type Result } from '../../../shared/result.ts';
import { acquireLock } from '../workspace/project-file.ts';
import { journalPathFor } from '../workspace/project-journal.ts';
import { readProjectSummary, summaryPathFor } from '../workspace/project-summary.ts';
import { Workspace } from '../workspace/workspace.ts';
import type { EngineSession } from './engine-session.ts';
import { type EngineHandlers, writing } from './handler.ts';

type ProjectPlace = ChannelOutput<'project:list'>[number]['place'];

/** Each place's folder in the data folder. */
const placeFolders: Readonly<Record<ProjectPlace, string>> = {
  projects: 'projects',
  training: 'training',
  archive: 'archive',
  deleted: 'archive/待清空',
};

const places = Object.keys(placeFolders) as ProjectPlace[];

/** A project file found from its id (`<folder>/<name>.dsw`). */
interface ProjectFile {
  readonly place: ProjectPlace;
  readonly fileName: string;
  readonly path: string;
}

/** The project file an id names, or undefined when the id names none of the places. */
function findProjectFile(dataDir: string, projectId: string): ProjectFile | undefined {
  for (const place of places) {
    const prefix = `${placeFolders[place]}/`;
    if (!projectId.startsWith(prefix)) continue;
    const fileName = projectId.slice(prefix.length);
    if (!/^[^/\\]+\.dsw$/.test(fileName) || fileName.startsWith('.')) continue;
    return { place, fileName, path: join(dataDir, placeFolders[place], fileName) };
  }
  return undefined;
}

function projectIdOf(place: ProjectPlace, fileName: string): string {
  return `${placeFolders[place]}/${fileName}`;
}

async function modifiedAt(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return undefined;
  }
}

const unknownProject = () => err('project-unknown', '找不到该项目', 'No such project');

/** Lists the projects of every place, the last changed first. */
export async function listProjects(dataDir: string): Promise<ChannelOutput<'project:list'>> {
  const found: ChannelOutput<'project:list'> = [];
  for (const place of places) {
    const dir = join(dataDir, placeFolders[place]);
    let names: string[];
    try {
      names = (await readdir(dir)).filter((name) => name.endsWith('.dsw') && !name.startsWith('.'));
    } catch {
      continue; // no such folder yet
    }
    for (const fileName of names) {
      const path = join(dir, fileName);
      const [fileTime, journalTime, summary] = await Promise.all([
        modifiedAt(path),
        modifiedAt(journalPathFor(path)),
        readProjectSummary(path),
      ]);
      if (fileTime === undefined) continue; // removed meanwhile
      // The last change is the snapshot's or, while edits wait for a checkpoint, the journal's.
      const changed = Math.max(fileTime, journalTime ?? 0);
      found.push({
        projectId: projectIdOf(place, fileName),
        name: fileName.replace(/\.dsw$/, ''),
        modifiedAt: new Date(changed).toISOString(),
        isTraining: place === 'training',
        place,
        ...(summary === undefined
          ? {}
          : {
              packTitle: summary.packTitle,
              packVersion: summary.packVersion,
              datasetTitle: summary.datasetTitle,
              records: summary.records,
              errors: summary.errors,
              warnings: summary.warnings,
            }),
      });
    }
  }
  return found.sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
}

/** A clerk's project name as a file name: trimmed, the characters Windows forbids made `_`. */
function fileNameFor(name: string): string | undefined {
  const cleaned = name.trim().replace(/[\\/:*?"<>|\p{Cc}]/gu, '_');
  if (cleaned === '' || /^\.+$/.test(cleaned) || cleaned.startsWith('.')) return undefined;
  return `${cleaned}.dsw`;
}

/**
 * Moves a project file (with its summary, and a journal a crash left) to `to`, holding the
 * locks of both names so that no window opens either meanwhile. A project open in another
 * window is refused; one open in this session is saved and closed first. An existing file at
 * `to` is never replaced.
 */
async function moveProject(
  session: EngineSession,
  from: string,
  to: string,
): Promise<Result<void>> {
  if (session.project?.workspace.path === from) await session.replaceProject(undefined);
  if ((await modifiedAt(journalPathFor(from))) !== undefined) {
    // Edits a crash left in the journal: opening replays them and closing checkpoints them
    // into the file, so the journal need not move (a move of two files is not atomic).
    const opened = await Workspace.open(from);
    if (!opened.ok) return opened;
    await opened.value.close();
  }
  const fromLock = await acquireLock(from);
  if (!fromLock.ok) return fromLock;
  try {
    await mkdir(join(to, '..'), { recursive: true });
    const toLock = await acquireLock(to);
    if (!toLock.ok) return toLock;
    try {
      if ((await modifiedAt(to)) !== undefined)
        return err(
          'project-exists',
          '已有同名项目，请换一个名称',
          'A project of that name exists; choose another name',
        );
      await rename(from, to);
      try {
        await rename(summaryPathFor(from), summaryPathFor(to));
      } catch {
        // No summary yet: it is written at the project's next save.
      }
      return ok(undefined);
    } finally {
      await toLock.value();
    }
  } finally {
    await fromLock.value();
  }
}

/**
 * Moves a project, under its own file name, to the place `destinations` gives for the place it
 * is in (archive, restore and delete differ only in that table), or answers `refusal()` when
 * the table has no entry for it. Answers the project's new id.
 */
async function moveToPlace(
  session: EngineSession,
  projectId: string,
  destinations: Readonly<Partial<Record<ProjectPlace, ProjectPlace>>>,
  refusal: () => Result<never>,
): Promise<Result<{ projectId: string }>> {
  const file = findProjectFile(session.config.dataDir, projectId);
  if (file === undefined) return unknownProject();
  const place = destinations[file.place];
  if (place === undefined) return refusal();
  const to = join(session.config.dataDir, placeFolders[place], file.fileName);
  const moved = await moveProject(session, file.path, to);
  return moved.ok ? ok({ projectId: projectIdOf(place, file.fileName) }) : moved;
}

/** The handlers of the project shelf: list, rename, archive, restore, delete, empty. */
export const projectShelfHandlers: Pick<
  EngineHandlers,
  | 'project:list'
  | 'project:rename'
  | 'project:archive'
  | 'project:restore'
  | 'project:delete'
  | 'project:empty-archive'
> = {
  async 'project:list'(_input, session) {
    return ok(await listProjects(session.config.dataDir));
  },

  'project:rename': writing(
    { zh: '重命名项目', en: 'renaming a project' },
    async (input, session) => {
      const file = findProjectFile(session.config.dataDir, input.projectId);
      if (file === undefined) return unknownProject();
      // A training project keeps its name: 培训模式 finds a trainee's project by it.
      if (file.place === 'training' || file.place === 'deleted')
        return err(
          'project-not-renamable',
          '培训项目和待清空的项目不能重命名',
          'Training projects and projects to be emptied cannot be renamed',
        );
      const fileName = fileNameFor(input.name);
      if (fileName === undefined)
        return err('project-name', '请填写项目名称', 'Enter a name for the project');
      if (fileName === file.fileName) return ok({ projectId: input.projectId });
      const to = join(session.config.dataDir, placeFolders[file.place], fileName);
      const moved = await moveProject(session, file.path, to);
      return moved.ok ? ok({ projectId: projectIdOf(file.place, fileName) }) : moved;
    },
  ),

  'project:archive': writing({ zh: '归档项目', en: 'archiving a project' }, (input, session) =>
    moveToPlace(session, input.projectId, { projects: 'archive' }, () =>
      err(
        'project-not-archivable',
        '只有项目列表中的项目可以归档',
        'Only projects in the project list can be archived',
      ),
    ),
  ),

  // 还原 takes a project back one step: from the archive to the list, from 待清空 to the archive.
  'project:restore': writing({ zh: '还原项目', en: 'restoring a project' }, (input, session) =>
    moveToPlace(session, input.projectId, { archive: 'projects', deleted: 'archive' }, () =>
      err(
        'project-not-archived',
        '该项目不在归档中，无需还原',
        'The project is not in the archive',
      ),
    ),
  ),

  'project:delete': writing({ zh: '删除项目', en: 'deleting a project' }, (input, session) =>
    moveToPlace(session, input.projectId, { archive: 'deleted' }, () =>
      err(
        'project-not-archived',
        '只能删除已归档的项目：请先把项目归档',
        'Only archived projects can be deleted: archive the project first',
      ),
    ),
  ),

  'project:empty-archive': writing(
    { zh: '清空归档', en: 'emptying the archive' },
    async (_input, session) => {
      const dir = join(session.config.dataDir, placeFolders.deleted);
      let names: string[];
      try {
        names = (await readdir(dir)).filter((name) => name.endsWith('.dsw'));
      } catch {
        return ok({ removed: 0, kept: [] }); // nothing was ever deleted
      }
      let removed = 0;
      const kept: string[] = [];
      for (const name of names) {
        const path = join(dir, name);
        const lock = await acquireLock(path);
        if (!lock.ok) {
          // Open in a window (as a file): kept for the next emptying, and the clerk is told.
          kept.push(name.replace(/\.dsw$/, ''));
          continue;
        }
        try {
          await rm(path, { force: true });
          await rm(journalPathFor(path), { force: true });
          await rm(summaryPathFor(path), { force: true });
          removed += 1;
        } finally {
          await lock.value();
        }
      }
      return ok({ removed, kept });
    },
  ),
};
