/** The Frictionless Table Schema of a package's data file, derived from the pack. */
import type { Dataset, Field, Pack } from '../pack/pack-schema.ts';
import { resolveCodeTable } from '../validate/dataset-validator.ts';
import type { FieldPlan } from './create-field-plan.ts';
import type { TableField, TableSchema } from './package-manifest.ts';

/** Code tables up to this size are also written as `enum`, so generic tools check the codes. */
const largestEnum = 100;

function constraintsOf(pack: Pack, field: Field): TableField['constraints'] {
  const c = field.constraints ?? {};
  const out: NonNullable<TableField['constraints']> = {};
  if (c.required === true) out.required = true;
  if (c.unique === true) out.unique = true;
  if (c.minLength !== undefined) out.minLength = c.minLength;
  if (c.maxLength !== undefined) out.maxLength = c.maxLength;
  if (c.pattern !== undefined) out.pattern = c.pattern;
  if (c.minimum !== undefined) out.minimum = c.minimum;
  if (c.maximum !== undefined) out.maximum = c.maximum;
  if (c.enum !== undefined) out.enum = [...c.enum];
  else if (c.codeTable !== undefined) {
    const table = resolveCodeTable(pack, c.codeTable);
    if (table.entries.length <= largestEnum) out.enum = table.entries.map((e) => e.code);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function tableField(pack: Pack, plan: FieldPlan): TableField {
  const { field } = plan;
  const base: TableField = {
    name: field.name,
    title: field.title,
    ...(field.description === undefined ? {} : { description: field.description }),
    type: plan.action === 'mask' ? 'string' : field.type,
    'x-classification': { ...field.classification },
  };
  if (plan.action === 'mask') return { ...base, 'x-mask': plan.mask };
  const constraints = constraintsOf(pack, field);
  const tableName = field.constraints?.codeTable;
  return {
    ...base,
    ...(constraints === undefined ? {} : { constraints }),
    ...(field.format === undefined ? {} : { 'x-format': field.format }),
    ...(field.unit === undefined ? {} : { 'x-unit': field.unit }),
    ...(tableName === undefined
      ? {}
      : {
          'x-codeTable': {
            name: tableName,
            title: pack.codeTables?.[tableName]?.title ?? tableName,
          },
        }),
  };
}

/**
 * The schema of the data file: the kept and masked fields in standard order (identifiers as
 * column names), their types and constraints, the primary key when every key field is kept
 * whole, and blank as the missing value.
 */
export function createTableSchema(
  pack: Pack,
  packageDataset: Dataset,
  plan: readonly FieldPlan[],
): TableSchema {
  return {
    fields: plan.filter((p) => p.action !== 'drop').map((p) => tableField(pack, p)),
    ...(packageDataset.primaryKey === undefined
      ? {}
      : { primaryKey: [...packageDataset.primaryKey] }),
    missingValues: [''],
  };
}

/** The columns of `audit/changes.csv`, one row per cell change in force. */
export const auditColumns: readonly { name: string; title: string; type: 'string' | 'integer' }[] =
  [
    { name: 'operation', title: '操作编号', type: 'integer' },
    { name: 'kind', title: '操作类型', type: 'string' },
    { name: 'rid', title: '记录编号', type: 'integer' },
    { name: 'row', title: '数据行', type: 'integer' },
    { name: 'key', title: '记录主键', type: 'string' },
    { name: 'field', title: '字段标识', type: 'string' },
    { name: 'fieldTitle', title: '字段名称', type: 'string' },
    { name: 'old', title: '原值', type: 'string' },
    { name: 'new', title: '新值', type: 'string' },
    { name: 'who', title: '操作人', type: 'string' },
    { name: 'at', title: '时间', type: 'string' },
    { name: 'why', title: '原因', type: 'string' },
  ];

/** The Table Schema of `audit/changes.csv`. */
export function createAuditTableSchema(): TableSchema {
  return {
    fields: auditColumns.map((c) => ({ name: c.name, title: c.title, type: c.type })),
    missingValues: [''],
  };
}
