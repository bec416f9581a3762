import { useEffect, useRef } from 'react';
import type { UiTextKey } from '../../shared/i18n/ui-text.ts';
import { useApp } from '../app-context.tsx';

/** The tabs of 帮助. */
export type HelpTab = 'guide' | 'glossary';

/** The glossary's terms: the words of the field the UI uses, each with what it means here. */
const glossary: readonly { term: UiTextKey; text: UiTextKey }[] = [
  { term: 'glossaryShare', text: 'glossaryShareText' },
  { term: 'glossaryOpen', text: 'glossaryOpenText' },
  { term: 'glossaryExemption', text: 'glossaryExemptionText' },
  { term: 'glossaryMasking', text: 'glossaryMaskingText' },
  { term: 'glossaryCodeTable', text: 'glossaryCodeTableText' },
  { term: 'glossaryPack', text: 'glossaryPackText' },
  { term: 'glossaryMapping', text: 'glossaryMappingText' },
  { term: 'glossaryValueMap', text: 'glossaryValueMapText' },
  { term: 'glossaryErrorWorkbook', text: 'glossaryErrorWorkbookText' },
  { term: 'glossaryPackage', text: 'glossaryPackageText' },
];

/** The five steps of the first-run guide. */
const guideSteps: readonly UiTextKey[] = ['guide1', 'guide2', 'guide3', 'guide4', 'guide5'];

/** The five steps, as a numbered list (the first-run guide and 帮助 show the same). */
export function GuideSteps() {
  const { t } = useApp();
  return (
    <ol className="guide-steps">
      {guideSteps.map((key) => (
        <li key={key}>{t(key)}</li>
      ))}
    </ol>
  );
}

/** The first-run guide on the start page: shown until the clerk has seen it once. */
export function FirstRunGuide({ onDismiss }: { onDismiss: () => void }) {
  const { t } = useApp();
  return (
    <section className="card first-run-guide" aria-label={t('guideTitle')}>
      <h2>{t('guideTitle')}</h2>
      <GuideSteps />
      <p className="muted small-text">{t('guideMore')}</p>
      <div className="form-actions">
        <button type="button" className="primary" onClick={onDismiss}>
          {t('guideDismiss')}
        </button>
      </div>
    </section>
  );
}

/** 帮助: the five-step guide and the glossary, in a dialog closed with 关闭 or Esc. */
export function HelpDialog({
  tab,
  onTab,
  onClose,
}: {
  tab: HelpTab;
  onTab: (tab: HelpTab) => void;
  onClose: () => void;
}) {
  const { t } = useApp();
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeButton.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog help-dialog"
        role="dialog"
        aria-modal="true"
        aria-label={t('helpTitle')}
      >
        <header className="dialog-head">
          <h2>{t('helpTitle')}</h2>
          <button ref={closeButton} type="button" className="link" onClick={onClose}>
            {t('close')}
          </button>
        </header>
        <div className="tabs" role="tablist">
          {(
            [
              ['guide', 'helpGuide'],
              ['glossary', 'helpGlossary'],
            ] as const
          ).map(([id, label]) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={tab === id}
              className={tab === id ? 'tab active' : 'tab'}
              onClick={() => onTab(id)}
            >
              {t(label)}
            </button>
          ))}
        </div>
        {tab === 'guide' ? (
          <GuideSteps />
        ) : (
          <dl className="glossary">
            {glossary.map(({ term, text }) => (
              <div key={term}>
                <dt>{t(term)}</dt>
                <dd>{t(text)}</dd>
              </div>
            ))}
          </dl>
        )}
      </div>
    </div>
  );
}
