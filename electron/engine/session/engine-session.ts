/**
 * The engine's state for one window: the files the host let the UI use, the open project, and
 * the running jobs. Every UI request is handled here, in the engine worker, never on the UI or
 * main thread.
 */
import { readAppSettings, writeAppSettings, type AppSettings } from './app-settings.ts';
import { randomUUID } from 'node:crypto';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChannelOutput, EventName, EventPayload } from '../../../shared/ipc/contract.ts';
import { err, ok, type Result } from '../../../shared/result.ts';
import { diskFullError, isDiskFull } from '../disk-full.ts';
import { OpenedFileCache } from '../import/opened-file-cache.ts';
import type { Download, EngineConfig } from '../protocol.ts';
import { createTempFolder, removeDeadTempFolders, type TempFolder } from '../temp-folder.ts';
import {
  defaultProjectLimits,
  isOutOfMemory,
  projectTooLargeError,
} from '../workspace/project-size.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { isWriteRefused, writeRefusedError } from '../write-refused.ts';
import { WriteGate, type GateHolder } from './write-gate.ts';

/** A file the UI may use, by id. */
export interface RegisteredFile {
  readonly path: string;
  readonly name: string;
  readonly size: number;
}

/** The open project and how it was opened. */
export interface OpenProject {
  readonly workspace: Workspace;
  readonly isTraining: boolean;
}

/** Engine state shared by the handlers. */
/** What a download belongs to: a new one of a group withdraws the group's earlier ones. */
type DownloadGroup = 'error-workbook' | 'package' | 'data-export';

/** A download with what withdrawing it does. */
interface OfferedDownload extends Download {
  readonly group: DownloadGroup;
  /** A file the workbench keeps (the package in the data folder): withdrawing leaves it. */
  readonly isKept: boolean;
}

/** The jobs that run once at a time: a second request while one runs is refused. */
export type JobKind = 'import' | 'package' | 'errors-export' | 'errors-merge' | 'records-export';

export class EngineSession {
  readonly config: EngineConfig;
  private readonly files = new Map<string, RegisteredFile>();
  private readonly jobs = new Map<string, AbortController>();
  /** The kind of each running job that runs once at a time (a package, an export), by job id. */
  private readonly jobKinds = new Map<string, JobKind>();
  /** Files written for the clerk to save, by id; removed with the project they came from. */
  private readonly downloads = new Map<string, OfferedDownload>();
  private readonly emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  project: OpenProject | undefined;
  /**
   * Every change to the project, and opening or closing one, passes here one at a time (see
   * write-gate.ts); reads do not.
   */
  readonly writes = new WriteGate();
  /** The file last opened for import, kept open from inspect to import (one at a time). */
  readonly openedFiles = new OpenedFileCache();
  /** The last package written in this session, or why the last attempt was blocked. */
  lastPackage: ChannelOutput<'package:last'> = { written: null, blockers: [] };
  /** What the last error-workbook merge of this session did. */
  lastMerge: ChannelOutput<'errors:last-merge'> = null;

  /** The app's settings, read once from the data folder (see app-settings.ts). */
  private settingsRead: Promise<AppSettings> | undefined;

  /** The app's settings (language, the clerk's name). */
  settings(): Promise<AppSettings> {
    this.settingsRead ??= readAppSettings(this.config.dataDir);
    return this.settingsRead;
  }

  /** Changes and keeps the settings; the open project records changes by the new clerk name. */
  async changeSettings(change: AppSettings): Promise<AppSettings> {
    const next: AppSettings = { ...(await this.settings()), ...change };
    if (next.clerkName !== undefined) {
      const name = next.clerkName.trim();
      if (name === '') delete next.clerkName;
      else next.clerkName = name;
    }
    await writeAppSettings(this.config.dataDir, next);
    this.settingsRead = Promise.resolve(next);
    if (this.project !== undefined) this.project.workspace.clerk = next.clerkName;
    return next;
  }

  /** This engine's folder for work in progress, inside the data folder; made when first needed. */
  private tempFolder: Promise<TempFolder> | undefined;

  constructor(
    config: EngineConfig,
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void,
  ) {
    this.config = config;
    this.emit = emit;
  }

  /** The data folder's parent of temp folders (same volume, so finished files are renamed). */
  private get tempParent(): string {
    return join(this.config.dataDir, 'temp');
  }

  /** This engine's temp folder (packages being zipped, exports for the clerk). */
  async workFolder(): Promise<string> {
    this.tempFolder ??= (async () => {
      await mkdir(this.tempParent, { recursive: true });
      return createTempFolder(this.tempParent);
    })();
    return (await this.tempFolder).dir;
  }

  /** Removes what engines that were killed left in the data folder (call at engine start). */
  removeDeadTemp(): Promise<number> {
    return removeDeadTempFolders(this.tempParent);
  }

  /** Registers a file the host received; the UI gets its id, never its path. */
  async registerFile(
    path: string,
    name: string,
  ): Promise<Result<{ fileId: string; name: string; size: number }>> {
    try {
      const info = await stat(path);
      if (!info.isFile()) return err('not-a-file', `不是文件：${name}`, `Not a file: ${name}`);
      const fileId = randomUUID();
      this.files.set(fileId, { path, name, size: info.size });
      return ok({ fileId, name, size: info.size });
    } catch {
      return err('file-unreadable', `无法读取文件：${name}`, `Cannot read the file: ${name}`);
    }
  }

  /** The file behind an id the UI sent. */
  file(fileId: string): Result<RegisteredFile> {
    const file = this.files.get(fileId);
    return file === undefined
      ? err(
          'file-unknown',
          '文件已失效，请重新选择',
          'The file is no longer available; pick it again',
        )
      : ok(file);
  }

  /**
   * Offers a file the engine wrote to the clerk, under an id the UI was given beforehand. A kept
   * file (a package in the data folder's packages) stays on disk when its offer is withdrawn.
   */
  async offerDownload(
    downloadId: string,
    path: string,
    name: string,
    offer: { readonly group?: DownloadGroup; readonly isKept?: boolean } = {},
  ): Promise<void> {
    const info = await stat(path);
    this.downloads.set(downloadId, {
      path,
      name,
      size: info.size,
      group: offer.group ?? 'error-workbook',
      isKept: offer.isKept ?? false,
    });
  }

  /** The download of a group offered last (the error workbook exported last), if any. */
  latestDownload(group: DownloadGroup): (Download & { downloadId: string }) | undefined {
    const offered = [...this.downloads].filter(([, d]) => d.group === group).at(-1);
    if (offered === undefined) return undefined;
    const [downloadId, { path, name, size }] = offered;
    return { downloadId, path, name, size };
  }

  /** The file behind a download id (for the host: the UI never sees the path). */
  download(downloadId: string): Result<Download> {
    const found = this.downloads.get(downloadId);
    return found === undefined
      ? err(
          'download-unknown',
          '文件尚未生成或已删除，请重新导出',
          'The file is not ready or was removed; export it again',
        )
      : ok({ path: found.path, name: found.name, size: found.size });
  }

  /**
   * Removes the files written for the clerk: they hold the project's data, and the workbench
   * keeps nothing it does not need (共享不落地).
   */
  async removeDownloads(group?: DownloadGroup): Promise<void> {
    for (const [downloadId, offered] of this.downloads) {
      if (group !== undefined && offered.group !== group) continue;
      if (!offered.isKept) await rm(offered.path, { force: true });
      this.downloads.delete(downloadId);
    }
  }

  /** The open project, or the message a clerk sees when there is none. */
  requireProject(): Result<OpenProject> {
    return this.project === undefined
      ? err('no-project', '请先新建或打开一个项目', 'Create or open a project first')
      : ok(this.project);
  }

  /** Closes the open project (saving it) and opens another, or none. */
  async replaceProject(next: OpenProject | undefined): Promise<void> {
    const previous = this.project;
    this.project = next;
    this.lastPackage = { written: null, blockers: [] };
    this.lastMerge = null;
    if (next !== undefined) next.workspace.clerk = (await this.settings()).clerkName;
    // The workspace's own checkpoints (when idle, when its journal is large) wait their turn here.
    next?.workspace.configureCheckpoints({
      run: (work) => this.writes.run({ zh: '保存项目', en: 'saving the project' }, work),
    });
    if (previous?.workspace !== next?.workspace) {
      await this.removeDownloads();
      await this.openedFiles.clear();
    }
    if (previous !== undefined && previous.workspace !== next?.workspace)
      await previous.workspace.close();
  }

  /**
   * Runs a job's change to `workspace` at the write gate, holding it for the whole change. If
   * that project was closed or replaced while the job waited its turn, nothing is done.
   */
  writeToProject<T>(
    workspace: Workspace,
    what: GateHolder,
    work: () => Promise<Result<T>>,
  ): Promise<Result<T>> {
    return this.writes.run(what, () =>
      this.project?.workspace === workspace
        ? work()
        : Promise.resolve(
            err(
              'project-closed',
              '项目已关闭或已换成另一个项目，本次操作没有执行；请打开该项目后重新操作',
              'The project was closed or replaced meanwhile; nothing was done',
            ),
          ),
    );
  }

  /**
   * Starts a job of a kind that runs once at a time, or refuses it with `busy` while one of that
   * kind runs: a double-click or a second window must not write a second package. The check and
   * the start happen in one synchronous step, so two requests at once cannot both pass.
   */
  startOnlyJob(
    kind: JobKind,
    busy: { zh: string; en: string },
    work: Parameters<EngineSession['startJob']>[0],
    phase: { zh: string; en: string },
  ): Result<{ jobId: string }> {
    if ([...this.jobKinds.values()].includes(kind)) return err('job-running', busy.zh, busy.en);
    const job = this.startJob(work, phase);
    // Its work ends after an await at the earliest, so the kind is recorded before it ends.
    this.jobKinds.set(job.jobId, kind);
    return ok(job);
  }

  /**
   * Starts a long job: it gets an id the UI can cancel, reports progress, and says when it is
   * done. The work runs after this returns, so the UI is answered at once.
   */
  startJob(
    work: (
      signal: AbortSignal,
      progress: (done: number, total?: number) => void,
    ) => Promise<Result<{ zh: string; en: string }>>,
    phase: { zh: string; en: string },
  ): { jobId: string } {
    const jobId = randomUUID();
    const controller = new AbortController();
    this.jobs.set(jobId, controller);
    const progress = (done: number, total?: number): void => {
      this.emit(
        'job:progress',
        total === undefined ? { jobId, phase, done } : { jobId, phase, done, total },
      );
    };
    // Said at once, so the UI knows a job runs (and that changes asked for now wait for it).
    progress(0);
    void (async () => {
      let result: Result<{ zh: string; en: string }>;
      try {
        result = await work(controller.signal, progress);
      } catch (error) {
        if (isDiskFull(error)) {
          console.warn('engine: disk full', error);
          result = diskFullError(error);
        } else if (isWriteRefused(error)) {
          // A read-only folder (a packages folder on a read-only share): expected, not a bug.
          console.warn('engine: write refused', error);
          result = writeRefusedError(error);
        } else if (isOutOfMemory(error)) {
          // Expected, not a bug: the project grew past what sql.js's heap holds.
          console.warn('engine: out of memory', error);
          result = projectTooLargeError(defaultProjectLimits, [
            error instanceof Error ? error.message : String(error),
          ]);
        } else {
          // A bug: keep the details in the log, give the clerk a message to act on.
          console.error(error);
          // The job's phase names what ran and on which file (正在合并 问题数据表.xlsx).
          result = err(
            'job-crashed',
            `${phase.zh}时出现内部错误（已记录日志），项目未受影响；请再试一次，仍不成功请把日志和这个文件交给技术支持`,
            `${phase.en}: an internal error occurred (it was logged); the project is unharmed. Try again; if it fails again, give the log and this file to technical support`,
          );
        }
      } finally {
        this.jobs.delete(jobId);
        this.jobKinds.delete(jobId);
      }
      this.emit('job:done', {
        jobId,
        ok: result.ok,
        message: result.ok ? result.value : result.error.message,
      });
    })();
    return { jobId };
  }

  /** Cancels a running job (it stops at its next check and leaves the project unchanged). */
  cancelJob(jobId: string): void {
    this.jobs.get(jobId)?.abort();
  }
}
