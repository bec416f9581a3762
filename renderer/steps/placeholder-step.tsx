import { useApp } from '../app-context.tsx';

/** A step whose screen is not built yet says so plainly. */
export function PlaceholderStep() {
  const { t } = useApp();
  return <div className="card muted">{t('notYetAvailable')}</div>;
}
