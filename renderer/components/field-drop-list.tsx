import { useState } from 'react';
import type { PackSummary } from '../../shared/ipc/contract.ts';
import { sourceColumns, type Mapping } from '../../shared/mapping/mapping-schema.ts';
import { useApp } from '../app-context.tsx';

type FieldInfo = PackSummary['datasets'][number]['fields'][number];

/** The drag type a source column name carries. */
export const columnDragType = 'application/x-steward-column';

/**
 * The dataset's fields, each with the column that feeds it (or a warning for a required field
 * nobody feeds); a source column dragged from the mapping table onto a field is mapped to it.
 */
export function FieldDropList({
  fields,
  mapping,
  onDrop,
}: {
  fields: readonly FieldInfo[];
  mapping: Mapping;
  onDrop: (column: string, field: string) => void;
}) {
  const { t } = useApp();
  const [over, setOver] = useState<string | undefined>(undefined);
  return (
    <aside className="field-list" aria-label={t('fieldList')}>
      <h3>{t('fieldList')}</h3>
      <ul>
        {fields.map((field) => {
          const source = mapping.fields[field.name]?.source;
          const fedBy = source === undefined ? [] : sourceColumns(source);
          const isMissing = field.isRequired && source === undefined;
          const classes = [
            'field-slot',
            isMissing ? 'missing' : '',
            source === undefined ? '' : 'fed',
            over === field.name ? 'over' : '',
          ];
          return (
            <li
              key={field.name}
              data-field={field.name}
              className={classes.filter(Boolean).join(' ')}
              onDragOver={(e) => {
                if (!e.dataTransfer.types.includes(columnDragType)) return;
                e.preventDefault();
                e.dataTransfer.dropEffect = 'link';
                setOver(field.name);
              }}
              onDragLeave={() => setOver(undefined)}
              onDrop={(e) => {
                e.preventDefault();
                setOver(undefined);
                const column = e.dataTransfer.getData(columnDragType);
                if (column !== '') onDrop(column, field.name);
              }}
            >
              <span className="field-title">
                {field.title}
                {field.isRequired && <span className="required-mark">*</span>}
              </span>
              <span className="field-source">
                {fedBy.length > 0
                  ? fedBy.join(' + ')
                  : source !== undefined
                    ? '…'
                    : over === field.name
                      ? t('dropHere')
                      : t('notFed')}
              </span>
            </li>
          );
        })}
      </ul>
    </aside>
  );
}
