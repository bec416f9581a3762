/**
 * A file open in Excel or WPS on Windows: opening or reading it gives EBUSY or EPERM. The
 * clerk is told 「文件正被其他程序打开，请在 Excel/WPS 中关闭后重试」 (the library's text goes to
 * the details, never a stack trace), and the command line exits 2. The lock is mocked at the
 * boundary where the engine opens files (node:fs/promises `open` and `readFile`), for any path
 * whose name says （已锁定）; every other file reads as usual.
 */
import type * as FsPromises from 'node:fs/promises';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as XLSX from 'xlsx';
import { main } from '../../electron/cli/main.ts';
import { loadErrorWorkbook } from '../../electron/engine/package/load-error-workbook.ts';
import { openWorkbook } from '../../electron/engine/import/open-workbook.ts';
import { Workspace } from '../../electron/engine/workspace/workspace.ts';
import { createTempDir } from '../helpers/run-steward.ts';

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  /** What Windows says when Excel holds the file: EBUSY on open, EPERM on a read. */
  const lockedError = (code: 'EBUSY' | 'EPERM', syscall: string, path: unknown) =>
    Object.assign(new Error(`${code}: resource busy or locked, ${syscall} '${String(path)}'`), {
      code,
      syscall,
      path: String(path),
    });
  const isLocked = (path: unknown) => String(path).includes('（已锁定）');
  const open: typeof real.open = (path, ...rest) =>
    isLocked(path) ? Promise.reject(lockedError('EBUSY', 'open', path)) : real.open(path, ...rest);
  const readFile = ((path: Parameters<typeof real.readFile>[0], ...rest: unknown[]) =>
    isLocked(path)
      ? Promise.reject(lockedError('EPERM', 'open', path))
      : (real.readFile as (...args: unknown[]) => unknown)(path, ...rest)) as typeof real.readFile;
  return { ...real, default: { ...real, open, readFile }, open, readFile };
});

const lockedMessage = '文件正被其他程序打开，请在 Excel/WPS 中关闭后重试';
let temp: Awaited<ReturnType<typeof createTempDir>>;
let folder: string;

/** Runs the command line in this process (so the mocked lock applies) and keeps its output. */
async function runCli(args: string[]): Promise<{ code: number; out: string }> {
  const written: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  };
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    return { code: await main(args), out: written.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

beforeAll(async () => {
  temp = await createTempDir();
  folder = join(temp.dir, '桌面', '新建 文件夹');
  await mkdir(folder, { recursive: true });
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['姓名'], ['张三']]), '人口');
  const bytes = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  for (const name of ['户籍人口（已锁定）.xlsx', '问题数据表（已锁定）.xlsx'])
    await writeFile(join(folder, name), bytes);
  await writeFile(join(folder, '牡丹区（已锁定）.dsw'), 'SQLite format 3\0');
});

afterAll(async () => {
  await temp?.cleanup();
});

describe('a file Excel or WPS holds open', () => {
  it('import and inspect: the engine says close it in Excel/WPS, with the reason in the details', async () => {
    const opened = await openWorkbook(join(folder, '户籍人口（已锁定）.xlsx'));
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.error.code).toBe('file-locked');
    expect(opened.error.message.zh).toContain(lockedMessage);
    expect(opened.error.message.zh).toContain('户籍人口（已锁定）.xlsx');
    expect(opened.error.message.zh).not.toMatch(/EBUSY|EPERM|at /);
    expect(opened.error.details?.join('\n')).toContain('EBUSY');
  });

  it('steward inspect: the message, no stack trace, exit 2', async () => {
    const { code, out } = await runCli(['inspect', join(folder, '户籍人口（已锁定）.xlsx')]);
    expect(code).toBe(2);
    expect(out).toContain(lockedMessage);
    expect(out).not.toMatch(/\n\s+at /);
  });

  it('merge of an error workbook: the same message', async () => {
    const loaded = await loadErrorWorkbook(join(folder, '问题数据表（已锁定）.xlsx'), ['人口']);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.error.code).toBe('file-locked');
    expect(loaded.error.message.zh).toContain(lockedMessage);
  });

  it('project open: the same message in the app, and steward merge on it exits 2', async () => {
    const project = join(folder, '牡丹区（已锁定）.dsw');
    const opened = await Workspace.open(project);
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.error.code).toBe('file-locked');
    expect(opened.error.message.zh).toContain(lockedMessage);
    // A project is read through an open file handle (with room to grow), so the lock shows at
    // the open: EBUSY, as Windows says it there.
    expect(opened.error.details?.join('\n')).toContain('EBUSY');
    const { code, out } = await runCli([
      'merge',
      project,
      join(folder, '问题数据表（已锁定）.xlsx'),
    ]);
    expect(code).toBe(2);
    expect(out).toContain(lockedMessage);
    expect(out).not.toMatch(/\n\s+at /);
  });
});
