/** The engine's handlers of the app itself: its version, file pickers (done in the host) and jobs. */
import { err, ok } from '../../../shared/result.ts';
import type { EngineHandlers } from './handler.ts';

/** One handler per channel of the app itself: its version, file pickers (done in the host) and jobs. */
export const appHandlers: Pick<
  EngineHandlers,
  | 'app:info'
  | 'settings:get'
  | 'settings:set'
  | 'files:pick'
  | 'files:save'
  | 'files:show'
  | 'files:open'
  | 'job:cancel'
> = {
  async 'settings:get'(_input, session) {
    return ok(await session.settings());
  },

  async 'settings:set'(input, session) {
    return ok(await session.changeSettings(input));
  },

  async 'app:info'(_input, session) {
    return ok({
      version: session.config.version,
      mode: session.config.mode,
      user: process.env.USER ?? process.env.USERNAME ?? '',
    });
  },

  async 'files:pick'() {
    return err(
      'pick-in-host',
      '请通过“选择文件”按钮上传文件',
      'Use the file button to upload files',
    );
  },

  async 'files:save'() {
    return err(
      'save-in-host',
      '请用浏览器的下载保存文件',
      'Save the file with the browser’s download',
    );
  },

  async 'files:show'() {
    return err(
      'save-in-host',
      '请在浏览器的下载列表中打开文件所在的文件夹',
      'Open the folder from the browser’s downloads',
    );
  },

  async 'files:open'() {
    return err(
      'save-in-host',
      '请用浏览器的下载打开文件',
      'Open the file from the browser’s download',
    );
  },

  async 'job:cancel'(input, session) {
    session.cancelJob(input.jobId);
    return ok({});
  },

  // 检查与修正 (issue #6): the error workbook round trip, the distinct bad values, value maps.
};
