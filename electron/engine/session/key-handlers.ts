/**
 * The engine's handlers of the office signing key (issue #15): read, create and export it. The
 * key lives in the data folder's keys/ (office.key encrypted with the office's passphrase,
 * office.pem to register with the province).
 */
import { randomUUID } from 'node:crypto';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ok } from '../../../shared/result.ts';
import { createOfficeKey, keyFileNames, loadPublicKey } from '../signing/key-store.ts';
import type { EngineHandlers } from './handler.ts';

/** The folder of the office key in a data folder. */
export function keysFolder(dataDir: string): string {
  return join(dataDir, 'keys');
}

/** One handler per channel of the signing key. */
export const keyHandlers: Pick<EngineHandlers, 'key:read' | 'key:create' | 'key:export'> = {
  async 'key:read'(_input, session) {
    const read = await loadPublicKey(
      join(keysFolder(session.config.dataDir), keyFileNames.publicKey),
    );
    if (!read.ok) {
      if (read.error.code === 'key-not-found') return ok({ key: null });
      return read;
    }
    return ok({ key: { office: read.value.office, fingerprint: read.value.fingerprint } });
  },

  async 'key:create'(input, session) {
    const created = await createOfficeKey(
      keysFolder(session.config.dataDir),
      input.office,
      input.passphrase,
    );
    if (!created.ok) return created;
    return ok({ office: created.value.office, fingerprint: created.value.fingerprint });
  },

  async 'key:export'(_input, session) {
    const source = join(keysFolder(session.config.dataDir), keyFileNames.publicKey);
    const read = await loadPublicKey(source);
    if (!read.ok) return read;
    // A copy is offered: withdrawing a download deletes its file, and the key must stay.
    const downloadId = randomUUID();
    const copy = join(await session.workFolder(), `${downloadId}.pem`);
    await copyFile(source, copy);
    const name = `${read.value.office || 'office'}_签名公钥.pem`;
    await session.offerDownload(downloadId, copy, name, { group: 'package' });
    return ok({ downloadId, name });
  },
};
