import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../shared/ipc/contract.ts';
import { formatFingerprint } from '../../shared/signing/format-fingerprint.ts';
import { useApp } from '../app-context.tsx';

type SigningKey = ChannelOutput<'key:read'>['key'];

/**
 * 设置 / 签名 (issue #15): the office signing key of this data folder. Creates it (office name,
 * passphrase twice), shows its fingerprint as the clerk reads it out, and exports the public key
 * to register with the province. `onKey` tells the 打包 form whether it can sign.
 */
export function SigningPanel({ onKey }: { onKey: (key: SigningKey) => void }) {
  const { api, t, notify } = useApp();
  const [key, setKey] = useState<SigningKey | undefined>(undefined);
  const [isCreating, setIsCreating] = useState(false);

  useEffect(() => {
    void (async () => {
      const read = await api.invoke('key:read', {});
      if (!read.ok) notify(read.error.message, 'error');
      else {
        setKey(read.value.key);
        onKey(read.value.key);
      }
    })();
  }, [api, notify, onKey]);

  const exportKey = async () => {
    const offered = await api.invoke('key:export', {});
    if (!offered.ok) return notify(offered.error.message, 'error');
    if (api.download !== undefined)
      return api.download(offered.value.downloadId, offered.value.name);
    const saved = await api.invoke('files:save', { downloadId: offered.value.downloadId });
    if (!saved.ok) notify(saved.error.message, 'error');
  };

  return (
    <section className="card signing-panel">
      <h2>{t('signingTitle')}</h2>
      <p className="muted">{t('signingIntro')}</p>
      {key === null && (
        <div className="form-actions">
          <span>{t('signingNoKey')}</span>
          <button type="button" className="primary" onClick={() => setIsCreating(true)}>
            {t('signingCreateKey')}
          </button>
        </div>
      )}
      {key !== null && key !== undefined && (
        <>
          <dl className="facts">
            <dt>{t('signingOffice')}</dt>
            <dd>{key.office}</dd>
            <dt>{t('signingFingerprint')}</dt>
            <dd className="mono fingerprint" aria-label={t('signingFingerprint')}>
              {formatFingerprint(key.fingerprint)}
            </dd>
          </dl>
          <p className="muted">{t('signingFingerprintHint')}</p>
          <div className="form-actions">
            <button type="button" onClick={() => void exportKey()}>
              {t('signingExport')}
            </button>
          </div>
        </>
      )}
      {isCreating && (
        <KeyDialog
          onClose={() => setIsCreating(false)}
          onCreated={(created) => {
            setIsCreating(false);
            setKey(created);
            onKey(created);
            notify({ zh: '已创建签名密钥', en: 'Signing key created' });
          }}
        />
      )}
    </section>
  );
}

/** The dialog that creates the key: office name and the passphrase twice. */
function KeyDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (key: NonNullable<SigningKey>) => void;
}) {
  const { api, t, notify } = useApp();
  const [office, setOffice] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [isBusy, setIsBusy] = useState(false);
  const isMismatch = again !== '' && again !== passphrase;
  const canCreate =
    office.trim() !== '' && [...passphrase].length >= 8 && passphrase === again && !isBusy;

  const create = async () => {
    setIsBusy(true);
    try {
      const created = await api.invoke('key:create', { office: office.trim(), passphrase });
      if (!created.ok) notify(created.error.message, 'error');
      else onCreated(created.value);
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <div className="dialog-backdrop">
      <div
        className="dialog card"
        role="dialog"
        aria-modal="true"
        aria-labelledby="key-dialog-title"
      >
        <h2 id="key-dialog-title">{t('signingCreateKey')}</h2>
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            if (canCreate) void create();
          }}
        >
          <label>
            {t('signingOffice')}
            <input
              value={office}
              placeholder={t('signingOfficeExample')}
              required
              onChange={(e) => setOffice(e.target.value)}
            />
          </label>
          <label>
            {t('signingPassphrase')}
            <input
              type="password"
              value={passphrase}
              autoComplete="new-password"
              onChange={(e) => setPassphrase(e.target.value)}
            />
          </label>
          <label>
            {t('signingPassphraseAgain')}
            <input
              type="password"
              value={again}
              autoComplete="new-password"
              aria-invalid={isMismatch}
              onChange={(e) => setAgain(e.target.value)}
            />
          </label>
          <p className={isMismatch ? 'error-text' : 'muted'}>
            {isMismatch ? t('signingPassphraseMismatch') : t('signingPassphraseRule')}
          </p>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={!canCreate} aria-busy={isBusy}>
              {t('signingCreate')}
            </button>
            <button type="button" onClick={onClose}>
              {t('signingCancel')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
