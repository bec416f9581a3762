import type { ChannelOutput } from '../../shared/ipc/contract.ts';
import { useApp } from '../app-context.tsx';

type Summary = ChannelOutput<'quality:summary'>;

/** Completeness and validity per field as horizontal bars (plain SVG-free CSS bars, no library). */
export function QualityChart({ summary }: { summary: Summary }) {
  const { t } = useApp();
  const total = Math.max(1, summary.records);
  return (
    <div className="quality-chart">
      <div className="legend">
        <span className="swatch filled" /> {t('completeness')} <span className="swatch valid" />{' '}
        {t('validity')}
      </div>
      {summary.fields.map((field) => {
        const completeness = field.filled / total;
        // An empty field is valid unless it has errors (a required field no column feeds).
        const validity =
          field.filled === 0
            ? field.errors > 0
              ? 0
              : 1
            : Math.max(0, field.filled - field.errors) / field.filled;
        return (
          <div
            key={field.name}
            className="bar-row"
            title={`${field.title}: ${t('completeness')} ${(completeness * 100).toFixed(1)}%, ${t('validity')} ${(validity * 100).toFixed(1)}%`}
          >
            <span className="bar-label">{field.title}</span>
            <span className="bar-track">
              <span className="bar filled" style={{ width: `${completeness * 100}%` }} />
            </span>
            <span className="bar-track">
              <span className="bar valid" style={{ width: `${validity * 100}%` }} />
            </span>
            <span className="bar-value">
              {(completeness * 100).toFixed(1)}% / {(validity * 100).toFixed(1)}%
            </span>
          </div>
        );
      })}
    </div>
  );
}
