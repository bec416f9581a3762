import { useEffect, useState } from 'react';
import type { ChannelOutput, ProjectState } from '../../shared/ipc/contract.ts';
import { formatText } from '../../shared/i18n/ui-text.ts';
import { toChinaTime } from '../../shared/package/package-file-name.ts';
import { useApp } from '../app-context.tsx';
import { QualityChart } from './quality-chart.tsx';

type Summary = ChannelOutput<'quality:summary'>;
type Page = ChannelOutput<'records:page'>;

/** Records with issues listed in the printed error list; the error workbook has them all. */
export const printedRecordLimit = 200;

const pad = (n: number): string => String(n).padStart(2, '0');

/** A time as Beijing time, `2026-12-07 10:30`. */
function beijingTime(date: Date): string {
  const t = toChinaTime(date);
  return `${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hours)}:${pad(t.minutes)}`;
}

/**
 * 打印报告 (issue #13): the quality report as it prints on A4 (or saves as PDF): the project,
 * the chart, the counts per rule and per field, and the error list of the first records with
 * issues. Hidden on screen; the print stylesheet shows only it.
 */
export function PrintReport({
  project,
  summary,
  fieldTitles,
}: {
  project: ProjectState;
  summary: Summary | undefined;
  fieldTitles: ReadonlyMap<string, string>;
}) {
  const { api, t, language } = useApp();
  const [page, setPage] = useState<Page | undefined>(undefined);
  const [printedAt, setPrintedAt] = useState(() => new Date());

  useEffect(() => {
    let isCurrent = true;
    void (async () => {
      const result = await api.invoke('records:page', {
        offset: 0,
        limit: printedRecordLimit,
        filter: { withIssues: true },
      });
      // The report prints what it could read; a failed read leaves the list out, not the report.
      if (isCurrent && result.ok) setPage(result.value);
    })();
    return () => {
      isCurrent = false;
    };
  }, [api, project]);

  useEffect(() => {
    // The time the report was printed, not the time the step opened.
    const before = () => setPrintedAt(new Date());
    window.addEventListener('beforeprint', before);
    return () => window.removeEventListener('beforeprint', before);
  }, []);

  const sourceRow = new Map((page?.rows ?? []).map((r) => [r.rid, r.sourceRow]));
  const issueCount = summary?.rules.reduce((sum, r) => sum + r.errors + r.warnings, 0) ?? 0;
  const total = Math.max(1, summary?.records ?? 0);
  return (
    <article className="print-report">
      <header>
        <h1>{t('printReportTitle')}</h1>
        <p>
          {project.packTitle} · {project.datasetTitle} · {project.department} · {project.period}
        </p>
        <p className="muted">
          {formatText('printReportFacts', language, {
            records: project.records,
            errors: project.errors,
            warnings: project.warnings,
            time: beijingTime(printedAt),
          })}
        </p>
      </header>
      {summary !== undefined && (
        <>
          <section>
            <h2>{t('qualitySummary')}</h2>
            <QualityChart summary={summary} />
          </section>
          <section>
            <h2>{t('printByRule')}</h2>
            <table>
              <thead>
                <tr>
                  <th>{t('printRule')}</th>
                  <th className="number">{t('errors')}</th>
                  <th className="number">{t('warnings')}</th>
                </tr>
              </thead>
              <tbody>
                {summary.rules.map((rule) => (
                  <tr key={rule.rule}>
                    <td>{rule.title[language]}</td>
                    <td className="number">{rule.errors.toLocaleString()}</td>
                    <td className="number">{rule.warnings.toLocaleString()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section>
            <h2>{t('printByField')}</h2>
            <table>
              <thead>
                <tr>
                  <th>{t('printField')}</th>
                  <th className="number">{t('completeness')}</th>
                  <th className="number">{t('errors')}</th>
                  <th className="number">{t('warnings')}</th>
                </tr>
              </thead>
              <tbody>
                {summary.fields.map((field) => (
                  <tr key={field.name}>
                    <td>{field.title}</td>
                    <td className="number">{((field.filled / total) * 100).toFixed(1)}%</td>
                    <td className="number">{field.errors.toLocaleString()}</td>
                    <td className="number">{field.warnings.toLocaleString()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
      {page !== undefined && page.issues.length > 0 && (
        <section className="print-issues">
          <h2>{t('printIssueList')}</h2>
          {page.total > page.rows.length && (
            <p className="muted">
              {formatText('printIssueListCapped', language, {
                shown: page.rows.length,
                records: page.total,
                issues: issueCount,
              })}
            </p>
          )}
          <table>
            <thead>
              <tr>
                <th className="number">{t('printSourceRow')}</th>
                <th className="field">{t('printField')}</th>
                <th className="level">{t('printSeverity')}</th>
                <th>{t('printMessage')}</th>
                <th className="value">{t('printValue')}</th>
                <th className="value">{t('printSuggestion')}</th>
              </tr>
            </thead>
            <tbody>
              {page.issues.map((issue) => (
                <tr key={issue.id}>
                  <td className="number">{sourceRow.get(issue.row) ?? ''}</td>
                  <td>{fieldTitles.get(issue.field) ?? issue.field}</td>
                  <td className="level">
                    {t(issue.severity === 'error' ? 'printError' : 'printWarning')}
                  </td>
                  <td>{issue.message[language]}</td>
                  <td className="mono">{issue.value}</td>
                  <td className="mono">{issue.suggestion ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </article>
  );
}
