import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../shared/ipc/contract.ts';
import type { Language } from '../../shared/i18n/localized-text.ts';
import { translate } from '../../shared/i18n/ui-text.ts';
import { useApp } from '../app-context.tsx';

/** The app's remembered settings as the engine answers them. */
export type AppSettings = ChannelOutput<'settings:get'>;

/**
 * 设置: the clerk's name (which the audit trail records as who made each change) and the
 * language. As a prompt (`isPrompt`: a project opened while no name is set) it asks only for
 * the name, in a bar above the work rather than over it, so the clerk may also answer later.
 */
export function SettingsDialog({
  settings,
  isPrompt,
  onSaved,
  onClose,
}: {
  settings: AppSettings;
  isPrompt: boolean;
  onSaved: (settings: AppSettings) => void;
  onClose: () => void;
}) {
  const { api, t, notify, language } = useApp();
  const [name, setName] = useState(settings.clerkName ?? '');
  const [chosen, setChosen] = useState<Language>(settings.language ?? language);
  const [isSaving, setIsSaving] = useState(false);

  useEffect(() => {
    if (isPrompt) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [isPrompt, onClose]);

  const save = async () => {
    setIsSaving(true);
    try {
      const result = await api.invoke('settings:set', { clerkName: name.trim(), language: chosen });
      if (result.ok) {
        onSaved(result.value);
        notify({ zh: translate('settingsSaved', 'zh'), en: translate('settingsSaved', 'en') });
      } else notify(result.error.message, 'error');
    } finally {
      setIsSaving(false);
    }
  };

  if (isPrompt)
    return (
      <form
        className="name-prompt"
        aria-label={t('settingsNamePrompt')}
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim() !== '') void save();
        }}
      >
        <label>
          {t('settingsNamePrompt')}
          <input
            value={name}
            maxLength={100}
            placeholder={t('settingsClerkExample')}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={isSaving || name.trim() === ''}>
          {t('settingsSave')}
        </button>
        <button type="button" className="link" onClick={onClose}>
          {t('settingsLater')}
        </button>
      </form>
    );
  const title = t('settings');
  return (
    <div className="dialog-backdrop">
      <div className="dialog settings-dialog" role="dialog" aria-modal="true" aria-label={title}>
        <header className="dialog-head">
          <h2>{title}</h2>
        </header>
        <form
          className="form compact"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <label>
            {t('settingsClerkName')}
            <input
              value={name}
              maxLength={100}
              autoFocus
              placeholder={t('settingsClerkExample')}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <p className="muted">{t('settingsClerkHint')}</p>
          <label>
            {t('settingsLanguage')}
            <select value={chosen} onChange={(e) => setChosen(e.target.value as Language)}>
              <option value="zh">简体中文</option>
              <option value="en">English</option>
            </select>
          </label>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={isSaving}>
              {t('settingsSave')}
            </button>
            <button type="button" onClick={onClose}>
              {t('cancel')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
