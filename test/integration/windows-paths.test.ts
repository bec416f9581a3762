/**
 * Windows realities, made here on Linux (issue #14 section 3): paths with Chinese, spaces and
 * over 260 characters (桌面\新建 文件夹\…); a Documents folder that OneDrive moved to another
 * volume and reached through a link; a read-only install folder and read-only targets. The
 * engine session (what the app runs) and the command line go through each. Another volume and
 * a read-only folder are real: a tmpfs mounted inside the test's folder (CI runs as root), so a
 * rename across them really fails with EXDEV and a write really fails with EROFS.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc/contract.ts';
import type { Result } from '../../shared/result.ts';
import { main } from '../../electron/cli/main.ts';
import { startEngine } from '../../electron/engine/protocol-client.ts';
import { engineHandlers } from '../../electron/engine/session/engine-handlers.ts';
import { EngineSession } from '../../electron/engine/session/engine-session.ts';
import { Workspace } from '../../electron/engine/workspace/workspace.ts';
import { mountTmpfs, type MountedTmpfs } from '../helpers/mount-tmpfs.ts';
import { createDemoWorkspace } from '../helpers/open-demo-workspace.ts';
import { createTempDir, repoRoot } from '../helpers/run-steward.ts';

/** A clerk's folder as Windows shows it, well over MAX_PATH (260) once inside a temp folder. */
const longFolders = [
  'C',
  'Users',
  '张 三',
  'OneDrive - 菏泽市牡丹区信息中心',
  '桌面',
  '新建 文件夹',
  '2026年 第四季度 人口数据 报送 （县级 汇总）',
  '各乡镇 街道 上报 原始表格 （请勿删除 请勿改名）',
  '牡丹区 公安分局 户籍 人口 基础 信息 汇总 表 第一批 次',
  '第二层 还要 更长 一些 才能 超过 Windows 的 MAX_PATH 限制 二百六十 个 字符',
  '第三层 备份 副本 存档 2026 年 12 月 7 日 星期一 上午 九点 零五 分',
];

let temp: Awaited<ReturnType<typeof createTempDir>>;
let longDir: string;
const mounts: MountedTmpfs[] = [];

beforeAll(async () => {
  temp = await createTempDir();
  longDir = join(temp.dir, ...longFolders);
  await mkdir(longDir, { recursive: true });
  // The user's own packs and templates stay out of it.
  vi.stubEnv('STEWARD_PACKS_DIR', join(temp.dir, 'home', 'packs'));
  vi.stubEnv('STEWARD_TEMPLATES_DIR', join(temp.dir, 'home', 'templates'));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  for (const mounted of mounts.reverse()) mounted.unmount();
  await temp?.cleanup();
});

/** An engine session over `dataDir`, as the app starts it, with its channels and jobs. */
function startSession(dataDir: string) {
  const ended = new Map<string, { ok: boolean; message: { zh: string } }>();
  const session = new EngineSession({ dataDir, mode: 'electron', version: 'test' }, (event, p) => {
    if (event === 'job:done') {
      const done = p as { jobId: string; ok: boolean; message: { zh: string } };
      ended.set(done.jobId, done);
    }
  });
  const call = <C extends Channel>(channel: C, input: ChannelInput<C>) =>
    (
      engineHandlers[channel] as (
        input: ChannelInput<C>,
        s: EngineSession,
      ) => Promise<Result<ChannelOutput<C>>>
    )(input, session);
  /** Waits for a job's end and says how it ended. */
  const finished = async (jobId: string) => {
    for (let i = 0; i < 2400 && !ended.has(jobId); i += 1)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const done = ended.get(jobId);
    if (done === undefined) throw new Error(`job ${jobId} did not end`);
    return done;
  };
  return { session, call, finished };
}

/** The training project, its 共享 package and its error workbook, in a session over `dataDir`. */
async function trainingPackageAndErrors(dataDir: string) {
  const { session, call, finished } = startSession(dataDir);
  try {
    const training = await call('project:training', { rows: 200, seed: 7 });
    if (!training.ok) throw new Error(training.error.message.zh);
    const started = await call('package:write', {
      kind: 'share',
      onError: 'exclude',
      steward: '王科员',
    });
    if (!started.ok) throw new Error(started.error.message.zh);
    const packaged = await finished(started.value.jobId);
    const last = await call('package:last', {});
    const written = last.ok ? last.value.written : null;
    const zip = written === null ? undefined : session.download(written.downloads.package);
    const exported = await call('errors:export', {});
    if (!exported.ok) throw new Error(exported.error.message.zh);
    const errors = await finished(exported.value.jobId);
    const workbook = session.download(exported.value.downloadId);
    const list = await call('project:list', {});
    // The error workbook is withdrawn (removed) when the project closes: measured now.
    const workbookBytes = workbook.ok ? (await stat(workbook.value.path)).size : 0;
    return {
      projectId: training.value.projectId,
      packaged,
      packagePath: zip?.ok === true ? zip.value.path : undefined,
      errors,
      workbookBytes,
      listed: list.ok ? list.value.map((p) => p.projectId) : [],
    };
  } finally {
    await session.replaceProject(undefined);
  }
}

/**
 * Runs the command line in this process, as bin/steward.js does (a throw is a bug: exit 3 with
 * the stack), and keeps what it printed.
 */
async function runCli(args: readonly string[]): Promise<{ code: number; out: string }> {
  const written: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  };
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    return { code: await main(args), out: written.join('') };
  } catch (error) {
    return { code: 3, out: `${written.join('')}\n${(error as Error).stack ?? String(error)}` };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

/** Runs `node bin/steward.js` as a separate process from `cwd`. */
function runStewardIn(
  cwd: string,
  args: readonly string[],
): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'bin/steward.js'), ...args],
      { cwd, env: { ...process.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') reject(error);
        else resolve({ code: error === null ? 0 : Number(error.code), out: stdout + stderr });
      },
    );
  });
}

/** Package options every command-line package here shares (a file needs its project facts). */
const fileFacts = [
  '--pack',
  'pop-base',
  '--department',
  '牡丹区公安分局',
  '--period',
  '2026Q4',
  '--division',
  '371702',
  '--steward',
  '王科员',
  '--on-error',
  'exclude',
];

describe('paths with Chinese characters, spaces and over 260 characters', () => {
  it('the app: a data folder with such a path holds the training project, its package and its error workbook', async () => {
    const dataDir = join(longDir, '数据归集工作台 数据');
    const result = await trainingPackageAndErrors(dataDir);
    expect(result.packaged.ok, result.packaged.message.zh).toBe(true);
    expect(result.errors.ok, result.errors.message.zh).toBe(true);
    expect(result.packagePath?.startsWith(dataDir)).toBe(true);
    expect(result.packagePath?.length).toBeGreaterThan(260);
    expect((await stat(result.packagePath ?? '')).size).toBeGreaterThan(0);
    expect(result.workbookBytes).toBeGreaterThan(0);
    expect(result.listed).toContain(result.projectId);
  });

  it('the command line: demo data, a package of it and its verification, an error workbook merged back, an export', async () => {
    const csv = join(longDir, '户籍 人口 原始 表（乡镇 上报）.csv');
    expect(csv.length).toBeGreaterThan(260);
    const demo = await runCli([
      'demo-data',
      '--pack',
      'pop-base',
      '--rows',
      '150',
      '--seed',
      '3',
      '--error-rate',
      '0.05',
      '--out',
      csv,
    ]);
    expect(demo.code, demo.out).toBe(0);
    const out = join(longDir, '报送 数据包');
    await mkdir(out);
    const packaged = await runCli(['package', csv, '--kind', 'share', '--out', out, ...fileFacts]);
    expect(packaged.code, packaged.out).toBe(0);
    const [zip] = (await readdir(out)).filter((name) => name.endsWith('.zip'));
    expect(zip).toBeDefined();
    const verified = await runCli(['verify', join(out, zip ?? '')]);
    expect(verified.code, verified.out).toBe(0);

    const { workspace, path } = await createDemoWorkspace(longDir, {
      rows: 120,
      seed: 11,
      errorRate: 0.1,
      name: '牡丹区 户籍 人口 项目 2026Q4',
    });
    await workspace.close();
    expect(path.length).toBeGreaterThan(260);
    const workbook = join(longDir, '问题数据表 （请各乡镇 改正后 发回）.xlsx');
    const exported = await runCli(['export-errors', path, '--out', workbook]);
    expect(exported.code, exported.out).toBe(0);
    const merged = await runCli(['merge', path, workbook, '--who', '王科员']);
    expect(merged.code, merged.out).toBe(0);
    const data = join(longDir, '清洗后 数据 导出.xlsx');
    const dataExported = await runCli(['export', path, '--format', 'xlsx', '--out', data]);
    expect(dataExported.code, dataExported.out).toBe(0);
    expect((await stat(data)).size).toBeGreaterThan(0);
  });
});

describe('a Documents folder OneDrive moved to another volume, reached through a link', () => {
  let otherVolume: MountedTmpfs;
  let documents: string;

  beforeAll(async () => {
    otherVolume = await mountTmpfs(join(temp.dir, 'D'), 256);
    mounts.push(otherVolume);
    const target = join(otherVolume.dir, 'OneDrive - 菏泽市牡丹区信息中心', '文档');
    await mkdir(target, { recursive: true });
    documents = join(temp.dir, 'C', 'Users', '张 三', 'Documents');
    await mkdir(join(documents, '..'), { recursive: true });
    await symlink(target, documents, 'dir');
    // Really another filesystem: a rename from here to there fails with EXDEV.
    expect((await stat(documents)).dev).not.toBe((await stat(temp.dir)).dev);
  });

  it('the app: a data folder that is such a link holds the project, its package and error workbook, and lists the project', async () => {
    const dataDir = join(documents, '数据归集工作台');
    const result = await trainingPackageAndErrors(dataDir);
    expect(result.packaged.ok, result.packaged.message.zh).toBe(true);
    expect(result.errors.ok, result.errors.message.zh).toBe(true);
    expect((await stat(result.packagePath ?? '')).dev).toBe((await stat(documents)).dev);
    expect(result.listed).toContain(result.projectId);
    expect(result.projectId).toMatch(/^training\//);
  });

  it('the app: a packages folder linked to another volume gets its package (the temp file is written beside it)', async () => {
    const dataDir = join(temp.dir, '本机 数据');
    await mkdir(dataDir, { recursive: true });
    await mkdir(join(otherVolume.dir, '数据包 （OneDrive）'));
    await symlink(join(otherVolume.dir, '数据包 （OneDrive）'), join(dataDir, 'packages'), 'dir');
    const result = await trainingPackageAndErrors(dataDir);
    expect(result.packaged.ok, result.packaged.message.zh).toBe(true);
    expect(await readdir(join(otherVolume.dir, '数据包 （OneDrive）'))).toContain(
      result.packagePath?.split('/').pop(),
    );
  });

  it('a project in Documents: saved and reopened there; the command line writes its package, export and error workbook there', async () => {
    const { workspace, path } = await createDemoWorkspace(documents, {
      rows: 80,
      seed: 5,
      errorRate: 0.1,
      name: '牡丹区 户籍 人口',
    });
    await workspace.save();
    await workspace.close();
    const reopened = await Workspace.open(path);
    if (!reopened.ok) throw new Error(reopened.error.message.zh);
    expect(reopened.value.countRecordsWhere({})).toBe(80);
    await reopened.value.close();

    const packaged = await runCli([
      'package',
      path,
      '--kind',
      'share',
      '--out',
      documents,
      '--on-error',
      'exclude',
    ]);
    expect(packaged.code, packaged.out).toBe(0);
    expect((await readdir(documents)).some((name) => name.endsWith('.zip'))).toBe(true);
    const csv = join(documents, '导出 数据.csv');
    const exported = await runCli(['export', path, '--format', 'csv', '--out', csv]);
    expect(exported.code, exported.out).toBe(0);
    const errors = await runCli([
      'export-errors',
      path,
      '--out',
      join(documents, '问题 数据表.xlsx'),
    ]);
    expect(errors.code, errors.out).toBe(0);
    // Nothing half-written is left behind.
    expect((await readdir(documents)).filter((name) => name.startsWith('.'))).toEqual([]);
  });
});

describe('a read-only install folder and read-only targets', () => {
  let readOnly: MountedTmpfs;
  let install: string;
  /** A project in the read-only folder. */
  let project: string;
  /** A project in a writable folder, whose exports aim at the read-only one. */
  let writableProject: string;
  let csv: string;

  beforeAll(async () => {
    readOnly = await mountTmpfs(join(temp.dir, 'Program Files'), 64);
    mounts.push(readOnly);
    install = join(readOnly.dir, '数据归集工作台');
    await mkdir(join(install, 'resources', 'packs'), { recursive: true });
    await copyFile(
      join(repoRoot, 'shared/packs/pop-base.json'),
      join(install, 'resources', 'packs', 'pop-base.json'),
    );
    const writable = join(temp.dir, '可写');
    await mkdir(writable, { recursive: true });
    csv = join(writable, '户籍 人口.csv');
    const demo = await runCli([
      'demo-data',
      '--pack',
      'pop-base',
      '--rows',
      '60',
      '--seed',
      '9',
      '--error-rate',
      '0.05',
      '--out',
      csv,
    ]);
    expect(demo.code, demo.out).toBe(0);
    const mapped = await runCli([
      'map',
      csv,
      '--pack',
      'pop-base',
      '--department',
      '牡丹区公安分局',
      '--name',
      '户籍人口模板',
      '--save-template',
      join(install, 'resources', '户籍人口模板.json'),
    ]);
    expect(mapped.code, mapped.out).toBe(0);
    const { workspace, path } = await createDemoWorkspace(install, {
      rows: 40,
      seed: 2,
      errorRate: 0.1,
      name: '只读 项目',
    });
    await workspace.close();
    project = path;
    const writableDemo = await createDemoWorkspace(writable, {
      rows: 40,
      seed: 2,
      errorRate: 0.1,
      name: '可写 项目',
    });
    await writableDemo.workspace.close();
    writableProject = writableDemo.path;
    // A data folder on a read-only share, its folders made before (Node's recursive mkdir
    // reports a read-only file system as ENOENT on Linux: nodejs/node#47098).
    await mkdir(join(install, '用户 数据', 'training'), { recursive: true });
    readOnly.makeReadOnly();
  });

  it('the command line run from a read-only install folder works and writes nothing beside itself', async () => {
    const before = await readdir(install, { recursive: true });
    const validated = await runStewardIn(install, [
      'validate',
      csv,
      '--pack',
      join(install, 'resources', 'packs', 'pop-base.json'),
    ]);
    expect([0, 1], validated.out).toContain(validated.code);
    const out = join(temp.dir, '可写', '包');
    await mkdir(out);
    const packaged = await runStewardIn(install, [
      'package',
      csv,
      '--kind',
      'share',
      '--out',
      out,
      '--template',
      join(install, 'resources', '户籍人口模板.json'),
      ...fileFacts.filter((_, i) => i > 1),
      '--pack',
      join(install, 'resources', 'packs', 'pop-base.json'),
    ]);
    expect(packaged.code, packaged.out).toBe(0);
    expect(await readdir(install, { recursive: true })).toEqual(before);
  });

  /** Per command that writes, its arguments with a read-only target. */
  const writers: Readonly<Record<string, () => Promise<string[]>>> = {
    package: async () => ['package', csv, '--kind', 'share', '--out', install, ...fileFacts],
    'demo-data': async () => [
      'demo-data',
      '--pack',
      'pop-base',
      '--rows',
      '10',
      '--seed',
      '1',
      '--error-rate',
      '0',
      '--out',
      join(install, '演示.csv'),
    ],
    key: async () => {
      const passphrase = join(temp.dir, '口令.txt');
      await writeFile(passphrase, '牡丹区 口令 2026\n');
      return [
        'key',
        'create',
        '--office',
        '牡丹区信息中心',
        '--out',
        install,
        '--passphrase-file',
        passphrase,
      ];
    },
    export: async () => [
      'export',
      writableProject,
      '--format',
      'xlsx',
      '--out',
      join(install, '导出.xlsx'),
    ],
    'export-errors': async () => [
      'export-errors',
      writableProject,
      '--out',
      join(install, '问题.xlsx'),
    ],
    merge: async () => ['merge', project, join(temp.dir, 'merge-source.xlsx')],
    'map --save-template': async () => [
      'map',
      csv,
      '--pack',
      'pop-base',
      '--save-template',
      join(install, '新模板.json'),
    ],
    'templates --export': async () => [
      'templates',
      '--export',
      '户籍人口模板',
      '--out',
      join(install, '导出模板.json'),
    ],
    'packs --template': async () => ['packs', '--template', join(install, '标准包模板.xlsx')],
  };

  it.each(Object.keys(writers))(
    'steward %s into a read-only folder: a plain Chinese message, exit 2, no stack trace',
    async (name) => {
      if (name === 'merge') {
        // A fixed workbook to merge: the project's own error workbook, exported elsewhere.
        const exported = await runCli([
          'export-errors',
          writableProject,
          '--out',
          join(temp.dir, 'merge-source.xlsx'),
        ]);
        expect(exported.code, exported.out).toBe(0);
      }
      const args = await (writers[name] ?? (() => Promise.resolve([])))();
      const { code, out } = await runCli(args);
      expect(code, out).toBe(2);
      expect(out).toContain('只读');
      expect(out).not.toMatch(/\n\s+at /);
      expect(out).not.toContain('内部错误');
    },
  );

  it('steward packs --import into a read-only packs folder: the same message, exit 2', async () => {
    const pack = JSON.parse(
      await readFile(join(repoRoot, 'shared/packs/pop-base.json'), 'utf8'),
    ) as { version: string };
    const source = join(temp.dir, '新版本 标准包.json');
    await writeFile(source, JSON.stringify({ ...pack, version: '9.9.9' }));
    vi.stubEnv('STEWARD_PACKS_DIR', join(install, 'resources', 'packs'));
    try {
      const { code, out } = await runCli(['packs', '--import', source]);
      expect(code, out).toBe(2);
      expect(out).toContain('只读');
      expect(out).not.toMatch(/\n\s+at /);
    } finally {
      vi.stubEnv('STEWARD_PACKS_DIR', join(temp.dir, 'home', 'packs'));
    }
  });

  it('the app: a package into a read-only packages folder ends with that message, not an internal error', async () => {
    const dataDir = join(temp.dir, '应用 数据 只读 数据包');
    await mkdir(dataDir, { recursive: true });
    await symlink(install, join(dataDir, 'packages'), 'dir');
    const result = await trainingPackageAndErrors(dataDir);
    expect(result.packaged.ok).toBe(false);
    expect(result.packaged.message.zh).toContain('只读');
    // The folder as the clerk knows it: the packages folder, not where its link points.
    expect(result.packaged.message.zh).toContain(join(dataDir, 'packages'));
    expect(result.packaged.message.zh).not.toContain('内部错误');
  });

  it('the app: a data folder on a read-only share: the training project says so, not an internal error', async () => {
    const engine = startEngine(
      new URL('../../electron/engine/engine-worker.ts', import.meta.url),
      { dataDir: join(install, '用户 数据'), mode: 'electron', version: 'test' },
      { runTypeScript: true },
    );
    try {
      const training = await engine.call('project:training', { rows: 20 });
      expect(training.ok).toBe(false);
      if (training.ok) return;
      expect(training.error.code).toBe('folder-read-only');
      expect(training.error.message.zh).toContain('只读');
      expect(training.error.message.zh).toContain(install);
    } finally {
      await engine.stop();
    }
  });

  it('the app: a project in a read-only folder is refused with a message saying where to copy it', async () => {
    const { session, call } = startSession(join(temp.dir, '应用 数据'));
    const file = await session.registerFile(project, '只读 项目.dsw');
    if (!file.ok) throw new Error(file.error.message.zh);
    const opened = await call('project:open-file', { fileId: file.value.fileId });
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.error.code).toBe('folder-read-only');
    expect(opened.error.message.zh).toContain('只读');
    expect(opened.error.message.zh).toContain(install);
    expect(opened.error.message.zh).not.toMatch(/EROFS|EACCES|EPERM/);
    expect(opened.error.details?.join('\n')).toContain('EROFS');
  });
});
