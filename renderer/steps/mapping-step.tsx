import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ChannelOutput, PackSummary, ProjectState } from '../../shared/ipc/contract.ts';
import { formatText, translate } from '../../shared/i18n/ui-text.ts';
import { createValueTransform } from '../../shared/mapping/apply-transforms.ts';
import {
  applyColumnChoice,
  applyFieldTransforms,
  applyValueMapEntry,
  fieldOfColumn,
} from '../../shared/mapping/apply-column-choice.ts';
import { defaultTransforms } from '../../shared/mapping/create-suggested-mapping.ts';
import type { Mapping, Transform } from '../../shared/mapping/mapping-schema.ts';
import type { Result } from '../../shared/result.ts';
import { confidentSuggestion } from '../../shared/mapping/suggest-mapping.ts';
import { useApp } from '../app-context.tsx';
import { columnDragType, FieldDropList } from '../components/field-drop-list.tsx';
import { TemplatePanel } from '../components/template-panel.tsx';
import { TransformSwitches } from '../components/transform-switches.tsx';
import { ValueMapEditor } from '../components/value-map-editor.tsx';
import type { ImportChoice, ImportSourceChoice } from './import-step.tsx';

type Suggestion = ChannelOutput<'mapping:suggest'>;
type ColumnSuggestion = Suggestion['columns'][number];
type TemplateSummary = ChannelOutput<'templates:list'>[number];
type FieldInfo = PackSummary['datasets'][number]['fields'][number];

/** Samples shown per column, transformed as they will be imported. */
const previewValues = 3;

function toSource(source: ImportSourceChoice) {
  return {
    fileId: source.file.fileId,
    sheet: source.sheet,
    headerRow: source.headerRow,
    ...(source.encoding === undefined ? {} : { encoding: source.encoding }),
  };
}

function sourceLabel(source: ImportSourceChoice): string {
  return source.sheet === source.file.name
    ? source.file.name
    : `${source.file.name}「${source.sheet}」`;
}

function isCodeField(field: FieldInfo): boolean {
  return field.codeTable !== undefined || (field.enumValues?.length ?? 0) > 0;
}

/** A column's distinct values after its transforms, counts merged, most frequent first. */
function transformedValues(
  values: readonly { value: string; count: number }[],
  transforms: readonly Transform[],
): { value: string; count: number }[] {
  const transform = createValueTransform(transforms);
  const counts = new Map<string, number>();
  for (const { value, count } of values) {
    const key = transform(value);
    if (key.trim() === '') continue;
    counts.set(key, (counts.get(key) ?? 0) + count);
  }
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

/** A value with its leading and trailing spaces made visible (␣, a long run cut short), so a trim shows. */
function showSpaces(value: string): string {
  return value.replace(/^\s+|\s+$/g, (spaces, offset: number) =>
    spaces.length <= 2 ? '␣'.repeat(spaces.length) : offset === 0 ? '…␣␣' : '␣␣…',
  );
}

/**
 * 映射: each source column's standard field (suggested, with confidence and reason; changed by
 * picking, or by dragging the column onto a field), its transforms as switches with a preview,
 * the value maps of code fields, and the department's templates. What the clerk sets is the
 * mapping the import runs with.
 */
export function MappingStep({
  project,
  choice,
  hasFiles,
  onStarted,
}: {
  project: ProjectState;
  choice: ImportChoice | undefined;
  /** Files are in the import step (but no table of one layout is ticked when choice is undefined). */
  hasFiles: boolean;
  /** The import job started. */
  onStarted: (jobId: string) => void;
}) {
  const { api, t, f, notify, language } = useApp();
  const [fields, setFields] = useState<readonly FieldInfo[]>([]);
  const [suggestion, setSuggestion] = useState<Suggestion | undefined>(undefined);
  const [mapping, setMapping] = useState<Mapping | undefined>(undefined);
  const [templates, setTemplates] = useState<readonly TemplateSummary[]>([]);
  const [isBusy, setIsBusy] = useState(false);
  const first = choice?.sources[0];

  useEffect(() => {
    void (async () => {
      const packs = await api.invoke('packs:list', {});
      if (packs.ok) {
        setFields(
          packs.value
            .find((p) => p.id === project.packId)
            ?.datasets.find((d) => d.name === project.dataset)?.fields ?? [],
        );
      }
    })();
  }, [api, project.packId, project.dataset]);

  const loadTemplates = useCallback(async () => {
    const result = await api.invoke('templates:list', {});
    if (result.ok) setTemplates(result.value);
    else notify(result.error.message, 'error');
  }, [api, notify]);

  useEffect(() => {
    void (async () => {
      const result = await api.invoke('templates:list', {});
      if (result.ok) setTemplates(result.value);
    })();
  }, [api]);

  const showSuggestion = useCallback(
    (result: Result<Suggestion>) => {
      if (!result.ok) {
        notify(result.error.message, 'error');
        return;
      }
      setSuggestion(result.value);
      setMapping(result.value.mapping);
    },
    [notify],
  );

  const suggest = async (options: { templateId?: string; ignoreTemplates?: boolean }) => {
    if (first === undefined) return;
    showSuggestion(await api.invoke('mapping:suggest', { source: toSource(first), ...options }));
  };

  useEffect(() => {
    if (first === undefined) return;
    void (async () => {
      showSuggestion(await api.invoke('mapping:suggest', { source: toSource(first) }));
    })();
  }, [api, first, showSuggestion]);

  const fieldTypes = useMemo(() => new Map(fields.map((x) => [x.name, x.type])), [fields]);
  const fieldByName = useMemo(() => new Map(fields.map((x) => [x.name, x])), [fields]);

  const fillValueMap = useCallback((field: string, entries: Readonly<Record<string, string>>) => {
    setMapping((current) => {
      if (current === undefined) return current;
      let next = current;
      for (const [value, code] of Object.entries(entries)) {
        if (next.valueMaps?.[field]?.[value] === undefined)
          next = applyValueMapEntry(next, field, value, code);
      }
      return next;
    });
  }, []);

  if (choice === undefined || first === undefined)
    return <div className="card muted">{t(hasFiles ? 'noTableChosen' : 'noFileYet')}</div>;
  if (suggestion === undefined || mapping === undefined)
    return <div className="card muted">{t('working')}</div>;

  const busy = async (work: () => Promise<void>) => {
    setIsBusy(true);
    try {
      await work();
    } finally {
      setIsBusy(false);
    }
  };

  const choose = (column: ColumnSuggestion, field: string | null) => {
    setMapping((current) =>
      current === undefined
        ? current
        : applyColumnChoice(
            current,
            fieldTypes,
            column.column,
            field,
            field !== null && column.field === field ? column.transforms : [],
          ),
    );
  };

  const dropColumn = (column: string, field: string) => {
    const suggested = suggestion.columns.find((c) => c.column === column);
    if (suggested !== undefined) choose(suggested, field);
  };

  const fieldTitle = (name: string) => {
    const field = fieldByName.get(name);
    return field === undefined ? name : `${field.title}（${name}）`;
  };

  const missingRequired = fields.filter(
    (x) => x.isRequired && mapping.fields[x.name] === undefined,
  );

  const valueMapFields = fields.flatMap((field) => {
    const fieldMapping = mapping.fields[field.name];
    if (!isCodeField(field) || fieldMapping?.source.kind !== 'column') return [];
    const column = suggestion.columns.find((c) => fieldOfColumn(mapping, c.column) === field.name);
    if (column === undefined) return [];
    return [
      {
        field,
        column,
        values: transformedValues(column.values, fieldMapping.transforms ?? []),
      },
    ];
  });

  const start = () =>
    busy(async () => {
      const result = await api.invoke('project:import', {
        sources: choice.sources.map(toSource),
        mapping,
      });
      if (result.ok) onStarted(result.value.jobId);
      else notify(result.error.message, 'error');
    });

  const saveTemplate = (name: string) =>
    busy(async () => {
      const result = await api.invoke('templates:save', {
        name,
        headers: suggestion.columns.map((c) => c.column),
        mapping,
      });
      if (!result.ok) {
        notify(result.error.message, 'error');
        return;
      }
      const { name: saved, department } = result.value;
      notify({
        zh: formatText('templateSaved', 'zh', {
          name: saved,
          department: department === '' ? translate('noDepartment', 'zh') : department,
        }),
        en: formatText('templateSaved', 'en', {
          name: saved,
          department: department === '' ? translate('noDepartment', 'en') : department,
        }),
      });
      await loadTemplates();
    });

  return (
    <div className="mapping">
      <section className="card">
        <h2>
          {t('sourcesTitle')}：
          {choice.sources.map((s) => `${sourceLabel(s)}（${s.rows.toLocaleString()}）`).join('、')}
        </h2>
        <TemplatePanel
          key={suggestion.fingerprint}
          suggestion={suggestion}
          templates={templates}
          defaultName={`${project.datasetTitle}（${first.file.name}）`}
          isBusy={isBusy}
          onApply={(templateId) => void busy(() => suggest({ templateId }))}
          onIgnore={() => void busy(() => suggest({ ignoreTemplates: true }))}
          onSave={(name) => void saveTemplate(name)}
          onDelete={(template) =>
            void busy(async () => {
              const result = await api.invoke('templates:delete', {
                templateId: template.templateId,
              });
              if (!result.ok) notify(result.error.message, 'error');
              else {
                notify({
                  zh: formatText('templateDeleted', 'zh', { name: template.name }),
                  en: formatText('templateDeleted', 'en', { name: template.name }),
                });
                await loadTemplates();
              }
            })
          }
        />
      </section>
      <div className="mapping-body">
        <section className="card mapping-columns">
          <table className="table">
            <thead>
              <tr>
                <th>{t('sourceColumn')}</th>
                <th>{t('standardField')}</th>
                <th>{t('confidence')}</th>
                <th>{t('reason')}</th>
                <th>{t('transforms')}</th>
                <th>{t('samplePreview')}</th>
              </tr>
            </thead>
            <tbody>
              {suggestion.columns.map((column) => {
                const fieldName = fieldOfColumn(mapping, column.column);
                const field = fieldName === null ? undefined : fieldByName.get(fieldName);
                const fieldMapping = fieldName === null ? undefined : mapping.fields[fieldName];
                const transforms = fieldMapping?.transforms ?? [];
                const isSuggested = column.field !== null && column.field === fieldName;
                const valueMap = fieldName === null ? undefined : mapping.valueMaps?.[fieldName];
                const transform = createValueTransform(transforms);
                const samples = column.samples.slice(0, previewValues).map((value, i) => {
                  const transformed = transform(value);
                  const mapped = valueMap?.[transformed] ?? transformed;
                  return { key: `${i}:${value}`, value, mapped };
                });
                const otherFeeds = (name: string) => {
                  const source = mapping.fields[name]?.source;
                  return source?.kind === 'column' && name !== fieldName
                    ? source.column
                    : undefined;
                };
                return (
                  <tr key={column.column} className={fieldName === null ? 'unmapped-column' : ''}>
                    <td>
                      <span
                        className="column-chip"
                        draggable
                        title={t('fieldList')}
                        onDragStart={(e) => {
                          e.dataTransfer.setData(columnDragType, column.column);
                          e.dataTransfer.effectAllowed = 'link';
                        }}
                      >
                        {column.column}
                      </span>
                    </td>
                    <td>
                      <select
                        aria-label={column.column}
                        value={fieldName ?? ''}
                        onChange={(e) =>
                          choose(column, e.target.value === '' ? null : e.target.value)
                        }
                      >
                        <option value="">{t('notMapped')}</option>
                        {fields.map((x) => {
                          const other = otherFeeds(x.name);
                          return (
                            <option key={x.name} value={x.name}>
                              {x.title}（{x.name}）
                              {other === undefined ? '' : f('fedBy', { column: other })}
                            </option>
                          );
                        })}
                      </select>
                      {column.field !== null && column.field !== fieldName && (
                        <button
                          type="button"
                          className="chip suggestion-chip"
                          onClick={() => choose(column, column.field)}
                        >
                          {f('suggestedChip', {
                            field: fieldTitle(column.field),
                            confidence: `${Math.round(column.confidence * 100)}%`,
                          })}
                        </button>
                      )}
                    </td>
                    <td>
                      {isSuggested && (
                        <span
                          className={
                            column.confidence >= confidentSuggestion
                              ? 'confidence'
                              : 'confidence low'
                          }
                        >
                          {Math.round(column.confidence * 100)}%
                          {column.confidence < confidentSuggestion
                            ? ` ${t('pendingSuggestion')}`
                            : ''}
                        </span>
                      )}
                    </td>
                    <td className="muted reason">
                      {fieldName !== null && !isSuggested
                        ? t('chosenByClerk')
                        : column.reason[language]}
                    </td>
                    <td>
                      {field !== undefined && fieldName !== null && (
                        <TransformSwitches
                          column={column.column}
                          field={field}
                          transforms={transforms}
                          suggested={[
                            ...defaultTransforms(field),
                            ...(isSuggested && suggestion.origin === 'suggested'
                              ? column.transforms
                              : []),
                          ]}
                          onChange={(next) =>
                            setMapping((current) =>
                              current === undefined
                                ? current
                                : applyFieldTransforms(current, fieldName, next),
                            )
                          }
                        />
                      )}
                    </td>
                    <td className="samples">
                      {samples.map(({ key, value, mapped }) => (
                        <div key={key} className="sample">
                          {fieldName !== null && mapped !== value ? (
                            <>
                              <span className="mono before">{showSpaces(value)}</span> →{' '}
                              <span className="mono after">{mapped}</span>
                            </>
                          ) : (
                            <span className="mono">{value}</span>
                          )}
                        </div>
                      ))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
        <FieldDropList fields={fields} mapping={mapping} onDrop={dropColumn} />
      </div>
      {valueMapFields.length > 0 && (
        <section className="card value-maps">
          <h3>{t('valueMaps')}</h3>
          {valueMapFields.map(({ field, column, values }) => (
            <ValueMapEditor
              key={`${field.name}|${column.column}`}
              packId={project.packId}
              field={field}
              column={column.column}
              values={values}
              hasMoreValues={column.hasMoreValues}
              sampledRows={suggestion.sampledRows}
              valueMap={mapping.valueMaps?.[field.name]}
              onChange={(value, code) =>
                setMapping((current) =>
                  current === undefined
                    ? current
                    : applyValueMapEntry(current, field.name, value, code),
                )
              }
              onFill={fillValueMap}
            />
          ))}
        </section>
      )}
      <section className="card">
        {missingRequired.length > 0 && (
          <p className="warning-text" role="alert">
            {f('requiredWarning', { fields: missingRequired.map((x) => x.title).join('、') })}
          </p>
        )}
        <div className="form-actions">
          <button
            type="button"
            className="primary"
            data-lesson="start-import"
            disabled={isBusy}
            onClick={() => void start()}
          >
            {t('startImport')}
          </button>
        </div>
      </section>
    </div>
  );
}
