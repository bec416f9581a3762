/**
 * The only file that touches ipcMain. One handle() per channel of the contract: the sender is
 * checked, the input is checked against the contract, and the call goes to the engine.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { checkRequest, contract, type Channel } from '../../shared/ipc/contract.ts';
import { err, type Result } from '../../shared/result.ts';
import type { EngineClient } from '../engine/protocol-client.ts';
import { isTrustedSender } from './security.ts';

/** A channel whose work main does itself (dialogs), instead of the engine. */
export type MainHandler = (event: IpcMainInvokeEvent, input: unknown) => Promise<Result<unknown>>;

/** Registers every channel of the contract; `own` lists those main answers itself. */
export function registerIpc(
  engine: EngineClient,
  appRoot: string,
  own: Partial<Record<Channel, MainHandler>>,
): void {
  for (const channel of Object.keys(contract) as Channel[]) {
    ipcMain.handle(channel, async (event, input: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event.senderFrame?.url, appRoot)) {
        return err(
          'untrusted-sender',
          '拒绝来自未知页面的请求',
          'Refused a request from an unknown page',
        );
      }
      const checked = checkRequest(channel, input);
      if (!checked.ok) return err(checked.code, '请求不符合接口约定', checked.message);
      const handler = own[channel];
      if (handler !== undefined) return handler(event, checked.input);
      return engine.call(checked.channel, checked.input as never);
    });
  }
}
