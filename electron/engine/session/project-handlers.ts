/** The engine's handlers of projects: create, open, list, describe and close. */
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChannelOutput } from '../../../shared/ipc/contract.ts';
import { createDemo } from '../../../shared/demo/create-demo.ts';
import { findBundledPack } from '../../../shared/packs/index.ts';
import { err, ok, type Result } from '../../../shared/result.ts';
import { writeDemoData } from '../demo/write-demo-data.ts';
import { findPack } from '../packs/pack-store.ts';
import { todayIso } from '../today.ts';
import { Workspace } from '../workspace/workspace.ts';
import type { EngineSession } from './engine-session.ts';
import { describeProject } from './project-state.ts';
import { importTables } from './import-handlers.ts';
import { templatesDirectory } from '../mapping/template-store.ts';
import { type EngineHandlers, writing } from './handler.ts';
import { withProject } from './with-project.ts';

/**
 * A project file name no project has yet: `<name>.dsw`, else `<name>-2.dsw`, ... Two projects of
 * one department and period made within the same second must never share a file (the second
 * would replace the first, or be refused as open elsewhere).
 */
async function freeProjectPath(folder: string, name: string): Promise<string> {
  for (let n = 1; ; n += 1) {
    const path = join(folder, `${name}${n === 1 ? '' : `-${n}`}.dsw`);
    try {
      await stat(path);
    } catch {
      return path;
    }
  }
}

/** Opens a new project in the projects folder and makes it the session's project. */
export async function createProject(
  session: EngineSession,
  input: { packId: string; dataset: string; department: string; period: string },
  options: { file?: string; isTraining?: boolean } = {},
): Promise<Result<Workspace>> {
  const pack = await findPack(input.packId);
  if (!pack.ok) return pack;
  const folder = join(
    session.config.dataDir,
    options.isTraining === true ? 'training' : 'projects',
  );
  await mkdir(folder, { recursive: true });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
  const path =
    options.file === undefined
      ? await freeProjectPath(
          folder,
          `${input.department}-${input.period}-${stamp}`.replace(/[\\/:*?"<>|]/g, '_'),
        )
      : join(folder, options.file);
  if (options.isTraining === true) await session.replaceProject(undefined);
  // A training project is replaced, not removed first: create takes its lock before its save
  // renames the new file over the old one, so one open in another window is never deleted.
  const { clerkName } = await session.settings();
  const created = await Workspace.create(path, {
    pack: pack.value,
    ...input,
    ...(clerkName === undefined ? {} : { who: clerkName }),
  });
  if (!created.ok) return created;
  await session.replaceProject({
    workspace: created.value,
    isTraining: options.isTraining === true,
  });
  return ok(created.value);
}

/** The engine's handlers for every channel. */

/** Opens the project file at `path` (saving and closing the one open before). */
async function openProjectAt(
  session: EngineSession,
  path: string,
  isTraining: boolean,
): Promise<Result<ChannelOutput<'project:open'>>> {
  if (session.project?.workspace.path === path)
    return ok(describeProject(session.project, session.config.dataDir));
  await session.replaceProject(undefined);
  const opened = await Workspace.open(path);
  if (!opened.ok) return opened;
  // A project from before summaries gets its summary now, so the list shows its facts.
  await opened.value.writeSummary();
  await session.replaceProject({ workspace: opened.value, isTraining });
  const project = session.requireProject();
  return project.ok ? ok(describeProject(project.value, session.config.dataDir)) : project;
}

/** One handler per channel of projects: create, open, list, describe and close. */
export const projectHandlers: Pick<
  EngineHandlers,
  | 'project:create'
  | 'project:training'
  | 'project:state'
  | 'project:open'
  | 'project:open-file'
  | 'project:close'
> = {
  'project:create': writing(
    { zh: '新建项目', en: 'creating a project' },
    async (input, session) => {
      const created = await createProject(session, input);
      if (!created.ok) return created;
      const project = session.requireProject();
      return project.ok ? ok(describeProject(project.value, session.config.dataDir)) : project;
    },
  ),

  'project:training': writing(
    { zh: '打开培训项目', en: 'opening the training project' },
    async (input, session) => {
      const pack = findBundledPack('pop-base');
      if (pack === undefined) throw new Error('pop-base is bundled');
      const options = {
        rows: input.rows ?? 2000,
        seed: input.seed ?? 20261126,
        errorRate: 0.08,
        today: todayIso(),
      };
      const generator = createDemo(pack, options);
      if (!generator.ok) return generator;
      const folder = join(session.config.dataDir, 'training');
      await mkdir(folder, { recursive: true });
      const csv = join(folder, `牡丹区人口演示数据-${options.seed}.csv`);
      await writeDemoData(generator.value, options, csv);
      const created = await createProject(
        session,
        { packId: 'pop-base', dataset: 'population', department: '牡丹区（培训）', period: '培训' },
        { file: `培训项目-${options.seed}.dsw`, isTraining: true },
      );
      if (!created.ok) return created;
      const imported = await importTables(created.value, [{ path: csv }], undefined, {
        signal: new AbortController().signal,
        progress: () => undefined,
        templatesDir: templatesDirectory(session.config.dataDir),
      });
      if (!imported.ok) return imported;
      const project = session.requireProject();
      return project.ok ? ok(describeProject(project.value, session.config.dataDir)) : project;
    },
  ),

  'project:state': withProject(async (_input, project, session) =>
    ok(describeProject(project, session.config.dataDir)),
  ),

  'project:open': writing({ zh: '打开项目', en: 'opening a project' }, async (input, session) => {
    const match = /^(projects|training)\/([^/\\]+\.dsw)$/.exec(input.projectId);
    if (match === null) return err('project-unknown', '找不到该项目', 'No such project');
    const path = join(session.config.dataDir, match[1] ?? '', match[2] ?? '');
    return openProjectAt(session, path, match[1] === 'training');
  }),

  'project:open-file': writing(
    { zh: '打开项目', en: 'opening a project' },
    async (input, session) => {
      const file = session.file(input.fileId);
      if (!file.ok) return file;
      if (!file.value.path.toLowerCase().endsWith('.dsw')) {
        return err(
          'not-a-project',
          `「${file.value.name}」不是数据归集项目文件（.dsw）`,
          `"${file.value.name}" is not a project file (.dsw)`,
        );
      }
      return openProjectAt(session, file.value.path, false);
    },
  ),

  'project:close': writing(
    { zh: '关闭项目', en: 'closing the project' },
    async (_input, session) => {
      await session.replaceProject(undefined);
      return ok({});
    },
  ),
};
