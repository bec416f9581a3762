/** The engine's handlers of packages and error workbooks: write, export, merge. */
import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describeRule } from '../../../shared/package/describe-rule.ts';
import { errorWorkbookFileName } from '../../../shared/package/package-file-name.ts';
import { err, ok } from '../../../shared/result.ts';
import { exportErrorWorkbook } from '../package/export-error-workbook.ts';
import { inferDivision } from '../package/infer-division.ts';
import { openZipFile } from '../package/read-zip.ts';
import { readToolVersion } from '../package/tool-version.ts';
import { writeProjectPackage } from '../package/incremental-package.ts';
import { keyFileNames, loadOfficeKey } from '../signing/key-store.ts';
import type { OfficeKey } from '../signing/sm2-key.ts';
import { createTempFolder, removeDeadTempFolders } from '../temp-folder.ts';
import { keysFolder } from './key-handlers.ts';
import type { EngineSession } from './engine-session.ts';
import { type EngineHandlers, ruleContext, actor } from './handler.ts';
import { withProject } from './with-project.ts';

/** At most this many conflicts (and other listed cells) are sent to the UI per merge. */
const mergeListLimit = 500;

/**
 * Offers a written package and its reports/validation.html (copied out of the zip, so the clerk
 * opens the very page the package holds) as downloads; the previous package's offers end.
 */
async function offerPackage(
  session: EngineSession,
  zipPath: string,
  name: string,
): Promise<{ package: string; report: string; reportName: string }> {
  await session.removeDownloads('package');
  const packageId = randomUUID();
  await session.offerDownload(packageId, zipPath, name, { group: 'package', isKept: true });
  const reportId = randomUUID();
  const reportName = `${name.replace(/\.zip$/i, '')}_校验报告.html`;
  const reportPath = join(await session.workFolder(), `${reportId}.html`);
  const zip = await openZipFile(zipPath);
  try {
    const entry = zip.entries.find((e) => e.name === 'reports/validation.html');
    // The package was just written with its report: a missing one is a bug.
    if (entry === undefined) throw new Error(`${name} has no reports/validation.html`);
    await writeFile(reportPath, await zip.read(entry));
  } finally {
    zip.close();
  }
  await session.offerDownload(reportId, reportPath, reportName, { group: 'package' });
  return { package: packageId, report: reportId, reportName };
}

/** One handler per channel of packages and error workbooks: write, export, merge. */
export const packageHandlers: Pick<
  EngineHandlers,
  'package:write' | 'package:last' | 'errors:export' | 'errors:merge' | 'errors:last-merge'
> = {
  'package:write': withProject(async (input, project, session) => {
    const { workspace } = project;
    const division = input.division ?? inferDivision(workspace);
    if (division === undefined) {
      return err(
        'division-unknown',
        '无法从数据中判断行政区划，请填写区划代码',
        'The division cannot be read from the data; enter its code',
      );
    }
    // The key is opened before the job: a wrong passphrase is answered at once (口令不正确).
    let sign: OfficeKey | undefined;
    if (input.passphrase !== undefined) {
      const loaded = await loadOfficeKey(
        join(keysFolder(session.config.dataDir), keyFileNames.privateKey),
        input.passphrase,
      );
      if (!loaded.ok) {
        return loaded.error.code === 'key-not-found'
          ? err(
              'key-not-found',
              '还没有签名密钥：请先在“签名”中创建本单位的签名密钥',
              'There is no signing key yet: create the office key first',
            )
          : loaded;
      }
      sign = loaded.value;
    }
    const outDir = join(session.config.dataDir, 'packages');
    await mkdir(outDir, { recursive: true });
    const kindName = input.kind === 'share' ? '共享' : '开放';
    return session.startOnlyJob(
      'package',
      { zh: '数据包正在生成，请等待完成', en: 'A package is being written; wait for it to finish' },
      (_signal, progress) =>
        // Packaging reads the whole project across many awaits: it takes its turn at the
        // write gate, so a package never holds half an import or half of a bulk change.
        session.writeToProject(
          workspace,
          { zh: `生成${kindName}数据包`, en: `writing the ${input.kind} package` },
          async () => {
            // The zip is written beside its target, in a temp folder of this process inside
            // the packages folder: that folder may be a link to another volume (OneDrive's),
            // where a rename from the data folder's temp fails with EXDEV. What a killed
            // engine left there is removed first.
            await removeDeadTempFolders(outDir);
            const temp = await createTempFolder(outDir);
            const written = await writeProjectPackage(workspace, {
              mode: input.mode ?? 'full',
              ...(input.baseSha256 === undefined ? {} : { baseSha256: input.baseSha256 }),
              kind: input.kind,
              onError: input.onError,
              created: new Date(),
              outDir,
              division,
              steward: input.steward,
              ...(input.reviewer === undefined ? {} : { reviewer: input.reviewer }),
              ...(input.provider === undefined ? {} : { provider: input.provider }),
              toolVersion: readToolVersion(),
              tempDir: temp.dir,
              onProgress: progress,
              ...(sign === undefined ? {} : { sign }),
            }).finally(() => temp.remove());
            if (!written.ok) {
              const details = written.error.details ?? [];
              session.lastPackage = {
                written: null,
                blockers: written.error.code === 'package-blocked' ? [...details] : [],
              };
              // The 打包 step lists every blocker; the message only says what happened.
              return written.error.code === 'package-blocked'
                ? err(
                    written.error.code,
                    `有 ${details.length} 类错误没有豁免，未生成数据包；请查看“打包前检查”和未豁免错误的列表`,
                    `${details.length} kinds of error have no exemption; no package was written`,
                  )
                : err(
                    written.error.code,
                    `${written.error.message.zh}${details.length > 0 ? `：${details.slice(0, 3).join('；')}` : ''}`,
                    written.error.message.en,
                  );
            }
            const submission = written.value.manifest['x-submission'];
            const name = basename(written.value.path);
            const downloads = await offerPackage(session, written.value.path, name);
            session.lastPackage = {
              written: {
                name,
                kind: input.kind,
                period: submission.period,
                division: `${submission.division.code}${submission.division.name === undefined ? '' : ` ${submission.division.name}`}`,
                created: submission.created,
                rows: submission.rows.packaged,
                excluded: submission.rows.excludedByUser + submission.rows.excludedByPolicy,
                errors: submission.issues.errors,
                warnings: submission.issues.warnings,
                exemptedErrors: submission.issues.exemptedErrors,
                rules: Object.entries(submission.issues.byRule).map(([rule, counts]) => ({
                  rule,
                  title: describeRule(workspace.dataset, rule),
                  errors: counts.errors,
                  warnings: counts.warnings,
                })),
                fields: submission.fields.map((f) => ({
                  name: f.name,
                  title: f.title,
                  action: f.action,
                  note: f.note,
                })),
                files: submission.files.map((f) => ({ ...f })),
                ...(submission.signer === undefined
                  ? {}
                  : {
                      signer: {
                        office: submission.signer.office,
                        fingerprint: submission.signer.fingerprint,
                        signed: submission.signer.signed,
                      },
                    }),
                mode: input.mode ?? 'full',
                ...(submission.base === undefined ? {} : { base: { ...submission.base } }),
                ...(submission.changes === undefined ? {} : { changes: { ...submission.changes } }),
                downloads,
              },
              blockers: [],
            };
            const changes = submission.changes;
            const n = (count: number): string => count.toLocaleString('en-US');
            if (changes !== undefined) {
              return ok({
                zh: `已生成${kindName}增量数据包 ${name}（新增 ${n(changes.added)} 条，变更 ${n(changes.changed)} 条，删除 ${n(changes.removed)} 条，未变 ${n(changes.unchanged)} 条）`,
                en: `Wrote the incremental ${input.kind} package ${name} (${n(changes.added)} added, ${n(changes.changed)} changed, ${n(changes.removed)} removed, ${n(changes.unchanged)} unchanged)`,
              });
            }
            return ok({
              zh: `已生成${kindName}数据包 ${name}（${n(submission.rows.packaged)} 条记录）`,
              en: `Wrote the ${input.kind} package ${name} (${n(submission.rows.packaged)} records)`,
            });
          },
        ),
      { zh: `正在生成${kindName}数据包`, en: `Writing the ${input.kind} package` },
    );
  }),

  async 'package:last'(_input, session) {
    return ok(session.lastPackage);
  },

  'errors:export': withProject(async (_input, project, session) => {
    const { workspace } = project;
    // One export at a time: the previous one (the project's data) does not stay on disk.
    await session.removeDownloads('error-workbook');
    const created = new Date();
    const name = errorWorkbookFileName(
      workspace.dataset.title,
      workspace.info.department,
      workspace.info.period,
      created,
    );
    const downloadId = randomUUID();
    // In this engine's temp folder: a killed engine's exports are removed at the next start.
    const path = join(await session.workFolder(), `${downloadId}.xlsx`);
    const job = session.startOnlyJob(
      'errors-export',
      {
        zh: '问题数据表正在导出，请等待完成',
        en: 'The error workbook is being exported; wait for it to finish',
      },
      (signal, progress) =>
        // Like a package, the workbook is read from one consistent project (see package:write).
        session.writeToProject(
          workspace,
          { zh: '导出问题数据表', en: 'exporting the error workbook' },
          async () => {
            const exported = await exportErrorWorkbook(workspace, {
              created,
              signal,
              onProgress: progress,
            });
            if (!exported.ok) return exported;
            try {
              await writeFile(path, exported.value.bytes);
            } catch (error) {
              await rm(path, { force: true }); // a full disk must not leave a partial workbook
              throw error;
            }
            await session.offerDownload(downloadId, path, name);
            const { records } = exported.value;
            return ok({
              zh: `已导出问题数据表 ${name}（${records} 条有问题的记录）`,
              en: `Exported the error workbook ${name} (${records} records with issues)`,
            });
          },
        ),
      { zh: '正在导出问题数据表', en: 'Exporting the error workbook' },
    );
    if (!job.ok) return job;
    return ok({ ...job.value, downloadId, name });
  }),

  'errors:merge': withProject(async (input, project, session) => {
    const file = session.file(input.fileId);
    if (!file.ok) return file;
    const { workspace } = project;
    const name = file.value.name;
    return session.startOnlyJob(
      'errors-merge',
      {
        zh: '正在合并改好的问题数据表，请等待完成后再合并',
        en: 'A fixed workbook is being merged; wait for it to finish',
      },
      (signal, progress) =>
        // The merge holds the write gate from reading the project's values to applying the
        // changes, so no edit slips in between and is overwritten.
        session.writeToProject(
          workspace,
          { zh: `合并 ${name}`, en: `merging ${name}` },
          async () => {
            const before = workspace.issueCounts();
            // SheetJS (and its codepages) load when a workbook is merged, not at the engine's start.
            const { mergeErrorWorkbook } = await import('../package/merge-error-workbook.ts');
            const merged = await mergeErrorWorkbook(
              workspace,
              file.value.path,
              { ...actor(input), context: ruleContext() },
              { signal, onProgress: progress },
            );
            if (!merged.ok) return merged;
            const m = merged.value;
            session.lastMerge = {
              file: name,
              records: m.records,
              applied: m.applied,
              alreadyEqual: m.alreadyEqual,
              ...(m.operationId === undefined ? {} : { operationId: m.operationId }),
              conflictCount: m.conflicts.length,
              conflicts: m.conflicts.slice(0, mergeListLimit).map((c) => ({
                ...c,
                sourceRow: workspace.sourceOf(c.rid)?.sourceRow ?? 0,
              })),
              unreadable: m.unreadable.slice(0, mergeListLimit),
              unreadableRows: m.unreadableRows.slice(0, mergeListLimit),
              unknownRecords: m.unknownRecords.slice(0, mergeListLimit),
              duplicateRecords: m.duplicateRecords.slice(0, mergeListLimit),
              before,
              after: workspace.issueCounts(),
            };
            const conflicts = m.conflicts.length;
            return ok({
              zh: `已合并 ${name}：${m.applied} 处修改${conflicts > 0 ? `，${conflicts} 处冲突待处理` : ''}`,
              en: `Merged ${name}: ${m.applied} cells changed${conflicts > 0 ? `, ${conflicts} conflicts to decide` : ''}`,
            });
          },
        ),
      { zh: `正在合并 ${name}`, en: `Merging ${name}` },
    );
  }),

  async 'errors:last-merge'(_input, session) {
    return ok(session.lastMerge);
  },
};
