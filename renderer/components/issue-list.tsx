import type { ChannelOutput } from '../../shared/ipc/contract.ts';
import { formatText } from '../../shared/i18n/ui-text.ts';
import { useApp } from '../app-context.tsx';

type RuleSummary = ChannelOutput<'quality:summary'>['rules'][number];

/** Which issues the grid shows: a rule, or a rule in one field. */
export interface IssueSelection {
  readonly rule: string;
  readonly field?: string;
}

/** Rules whose issues a value map fixes (a value that is not one of the field's codes). */
export const valueMapRules: ReadonlySet<string> = new Set(['code-table', 'enum']);

/**
 * The issues grouped by rule, then by field, with error and warning counts and a bar per rule
 * (issues per rule, as a chart). Clicking a rule or a rule in a field selects its rows; a rule
 * with certain suggestions fixes them in one click; a code rule's field opens its value map.
 */
export function IssueList({
  rules,
  fieldTitles,
  selection,
  onSelect,
  onApplySuggestions,
  applyLabel,
  isApplying,
  onValueMap,
}: {
  rules: readonly RuleSummary[];
  fieldTitles: ReadonlyMap<string, string>;
  selection: IssueSelection | undefined;
  onSelect: (selection: IssueSelection | undefined) => void;
  onApplySuggestions: (rule: string) => void;
  /** The text of 一键采用建议值 (what it waits for while suggestions are being applied). */
  applyLabel: string;
  /** True while suggestions are being applied: every 一键采用建议值 is disabled. */
  isApplying: boolean;
  onValueMap: (selection: Required<IssueSelection>) => void;
}) {
  const { t, language } = useApp();
  const most = Math.max(1, ...rules.map((r) => r.errors + r.warnings));
  const isSelected = (rule: string, field?: string): boolean =>
    selection?.rule === rule && selection.field === field;
  return (
    <ul className="rule-list" data-lesson="issue-list">
      {rules.map((r) => (
        <li key={r.rule} className="rule-group" data-rule={r.rule}>
          <div className={`rule-row${isSelected(r.rule) ? ' selected' : ''}`}>
            <button
              type="button"
              className="link"
              aria-pressed={isSelected(r.rule)}
              onClick={() => onSelect(isSelected(r.rule) ? undefined : { rule: r.rule })}
              title={t('filterByRule')}
            >
              {r.title[language]}
            </button>
            <span className="count error">{r.errors.toLocaleString()}</span>
            <span className="count warning">{r.warnings.toLocaleString()}</span>
            {r.suggestions > 0 && (
              <button
                type="button"
                className="small"
                data-lesson="apply-suggestions"
                title={formatText('suggestionsCount', language, { count: r.suggestions })}
                disabled={isApplying}
                aria-busy={isApplying}
                onClick={() => onApplySuggestions(r.rule)}
              >
                {isApplying ? applyLabel : t('applySuggestions')}
              </button>
            )}
          </div>
          <div className="rule-bar" aria-hidden="true">
            <span className="bar error" style={{ width: `${(r.errors / most) * 100}%` }} />
            <span className="bar warning" style={{ width: `${(r.warnings / most) * 100}%` }} />
          </div>
          <ul className="rule-fields">
            {r.fields.map((f) => (
              <li
                key={f.field}
                className={isSelected(r.rule, f.field) ? 'selected' : ''}
                data-rule={r.rule}
                data-field={f.field}
              >
                <button
                  type="button"
                  className="link"
                  aria-pressed={isSelected(r.rule, f.field)}
                  title={t('filterByRuleField')}
                  onClick={() =>
                    onSelect(
                      isSelected(r.rule, f.field) ? undefined : { rule: r.rule, field: f.field },
                    )
                  }
                >
                  {fieldTitles.get(f.field) ?? f.field}
                </button>
                <span className="count error">{f.errors.toLocaleString()}</span>
                <span className="count warning">{f.warnings.toLocaleString()}</span>
                {valueMapRules.has(r.rule) && (
                  <button
                    type="button"
                    className="small"
                    onClick={() => onValueMap({ rule: r.rule, field: f.field })}
                  >
                    {t('valueMap')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
