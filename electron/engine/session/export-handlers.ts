/** The engine's handler of 导出数据: the records as xlsx or CSV, as a job, offered as a download. */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { dataExportFileName } from '../../../shared/package/package-file-name.ts';
import { ok } from '../../../shared/result.ts';
import { exportRecords } from '../package/export-records.ts';
import type { EngineHandlers } from './handler.ts';
import { withProject } from './with-project.ts';

/** One handler per channel of data exports. */
export const exportHandlers: Pick<EngineHandlers, 'records:export'> = {
  'records:export': withProject(async (input, project, session) => {
    const { workspace } = project;
    // One export at a time: the previous one (the project's data) does not stay on disk.
    await session.removeDownloads('data-export');
    const created = new Date();
    const name = dataExportFileName(
      workspace.dataset.title,
      workspace.info.department,
      workspace.info.period,
      created,
      input.format,
    );
    const downloadId = randomUUID();
    // In this engine's temp folder: a killed engine's exports are removed at the next start.
    const path = join(await session.workFolder(), `${downloadId}.${input.format}`);
    const job = session.startOnlyJob(
      'records-export',
      { zh: '数据正在导出，请等待完成', en: 'The data is being exported; wait for it to finish' },
      (signal, progress) =>
        // The records are read from one consistent project, as for the error workbook.
        session.writeToProject(
          workspace,
          { zh: '导出数据', en: 'exporting the data' },
          async () => {
            const exported = await exportRecords(workspace, {
              out: path,
              format: input.format,
              codes: input.codes,
              ...(input.filter === undefined ? {} : { filter: input.filter }),
              created,
              signal,
              onProgress: progress,
            });
            if (!exported.ok) return exported;
            await session.offerDownload(downloadId, path, name, { group: 'data-export' });
            const { records } = exported.value;
            return ok({
              zh: `已导出 ${records} 条记录到 ${name}`,
              en: `Exported ${records} records to ${name}`,
            });
          },
        ),
      { zh: '正在导出数据', en: 'Exporting the data' },
    );
    if (!job.ok) return job;
    return ok({ ...job.value, downloadId, name });
  }),
};
