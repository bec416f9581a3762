import type { UiTextKey } from '../../shared/i18n/ui-text.ts';
import { moneyUnits, type MoneyUnit, type Transform } from '../../shared/mapping/mapping-schema.ts';
import {
  applyTransformChoice,
  suggestTransformChoices,
  unitExponent,
  type TransformChoiceKind,
  type TransformFieldFacts,
} from '../../shared/mapping/suggest-transform-choices.ts';
import { useApp } from '../app-context.tsx';

const labels: Readonly<Record<TransformChoiceKind, UiTextKey>> = {
  trim: 'transformTrim',
  'half-width': 'transformHalfWidth',
  upper: 'transformUpper',
  'resident-id-18': 'transformResidentId',
  date: 'transformDate',
  unit: 'transformUnit',
};

const units = Object.keys(moneyUnits) as MoneyUnit[];

/** `÷10,000` for 元 -> 万元, `×100` for 万元 -> 百元. */
function describeScale(exponent: number): string {
  if (exponent === 0) return '×1';
  const factor = (10 ** Math.abs(exponent)).toLocaleString('en');
  return exponent < 0 ? `÷${factor}` : `×${factor}`;
}

/**
 * A mapped column's transforms as switches (trim, 全角转半角, x→X, 15→18, dates, money units):
 * the ones the mapping has are on, suggested ones are marked; a unit shows its scale.
 */
export function TransformSwitches({
  column,
  field,
  transforms,
  suggested,
  onChange,
}: {
  column: string;
  field: TransformFieldFacts;
  transforms: readonly Transform[];
  suggested: readonly Transform[];
  onChange: (transforms: Transform[]) => void;
}) {
  const { t } = useApp();
  const choices = suggestTransformChoices(field, transforms, suggested);
  return (
    <div className="transform-switches">
      {choices.map((choice) => {
        const toggle = (
          <input
            type="checkbox"
            aria-label={`${column} ${t(labels[choice.kind])}`}
            checked={choice.isOn}
            onChange={(e) =>
              onChange(applyTransformChoice(transforms, choice.transform, e.target.checked))
            }
          />
        );
        const mark = choice.isSuggested ? (
          <span className="suggested-mark">{t('suggestedMark')}</span>
        ) : null;
        const { transform } = choice;
        if (transform.kind === 'unit') {
          return (
            <span key={choice.kind} className={choice.isOn ? 'switch on' : 'switch'}>
              <label>
                {toggle}
                {t('transformUnit')}
              </label>
              <select
                aria-label={`${column} ${t('transformUnitFrom')}`}
                value={transform.from}
                onChange={(e) =>
                  onChange(
                    applyTransformChoice(
                      transforms,
                      { ...transform, from: e.target.value as MoneyUnit },
                      choice.isOn,
                    ),
                  )
                }
              >
                {units.map((unit) => (
                  <option key={unit} value={unit}>
                    {unit}
                  </option>
                ))}
              </select>
              → {transform.to}（{describeScale(unitExponent(transform))}）{mark}
            </span>
          );
        }
        if (transform.kind === 'date') {
          return (
            <span key={choice.kind} className={choice.isOn ? 'switch on' : 'switch'}>
              <label>
                {toggle}
                {t('transformDate')}
              </label>
              {choice.isOn && (
                <label className="muted">
                  <input
                    type="checkbox"
                    checked={transform.excelSerial === true}
                    onChange={(e) =>
                      onChange(
                        applyTransformChoice(
                          transforms,
                          e.target.checked
                            ? { ...transform, excelSerial: true }
                            : { kind: 'date', ...(transform.date1904 ? { date1904: true } : {}) },
                          true,
                        ),
                      )
                    }
                  />
                  {t('transformDateSerial')}
                </label>
              )}
              {mark}
            </span>
          );
        }
        return (
          <span key={choice.kind} className={choice.isOn ? 'switch on' : 'switch'}>
            <label>
              {toggle}
              {t(labels[choice.kind])}
            </label>
            {mark}
          </span>
        );
      })}
    </div>
  );
}
