/**
 * The department's file of 培训模式: what a county police station really sends, made by the
 * 人口基础信息 demo generator and then dressed the way departments dress their sheets: a title
 * row and a 填报单位 row above the header, the department's own column names (one of them no
 * synonym knows, so the trainee fixes the mapping), codes written as names (男, 汉族, 已婚, as
 * the generator writes them), IDs that Excel mangled (3.71702E+17) and a 合计 and 填表人 footer.
 * `scripts/write-training-file.ts` writes it as xlsx into the app's resources; the engine reads
 * it from there and, for 模拟部门修改, knows from here what the department would correct.
 */
import type { Pack } from '../pack/pack-schema.ts';
import { createDemo } from './create-demo.ts';
import type { DemoOptions } from './demo-data.ts';

/** A cell the department corrects when it gets the error workbook back (模拟部门修改). */
export interface TrainingCorrection {
  /** The row of the department's sheet (1-based, as 原表行号 in the error workbook). */
  readonly sheetRow: number;
  /** Standard field identifier. */
  readonly field: string;
  /** What the generator did to the cell (`bad-checksum`, `scientific-notation`, ...). */
  readonly kind: string;
  /** The value the department first sent. */
  readonly value: string;
  /** The value the department writes back. */
  readonly corrected: string;
}

/** The department's file: its sheet's rows as text, where its header is, and its corrections. */
export interface TrainingDepartmentFile {
  readonly fileName: string;
  readonly sheetName: string;
  /** Every row of the sheet, title and footer included, each cell as text. */
  readonly rows: readonly (readonly string[])[];
  /** The header row (1-based). */
  readonly headerRow: number;
  /** How many record rows the sheet holds between its header and its footer. */
  readonly records: number;
  readonly corrections: readonly TrainingCorrection[];
}

/** The generator's settings: fixed, so every machine ships the same file. */
export const trainingDemoOptions: DemoOptions = {
  rows: 200,
  seed: 20261126,
  errorRate: 0.12,
  today: '2026-11-26',
};

/** The file's name as the trainee sees it in 导入. */
export const trainingFileName = '牡丹区公安分局户籍人口登记表.xlsx';

/**
 * The department's column names, where they differ from the standard's titles. 家庭编号 is
 * no synonym of 户号: the mapping step leaves it for the trainee to map.
 */
const departmentHeaders: Readonly<Record<string, string>> = {
  GMSFHM: '身份证号',
  CSRQ: '出生年月',
  HJDZ: '户口所在地',
  LXDH: '手机号码',
  HH: '家庭编号',
};

/** Creates the department's file of 培训模式 from the 人口基础信息 pack. */
export function createTrainingDepartmentFile(pack: Pack): TrainingDepartmentFile {
  const generator = createDemo(pack, trainingDemoOptions);
  if (!generator.ok) throw new Error(`training file: ${generator.error.message.en}`);
  const { dataset } = generator.value;
  const header = dataset.fields.map((field) => departmentHeaders[field.name] ?? field.title);
  const title = ['牡丹区公安分局户籍人口登记表', ...header.slice(1).map(() => '')];
  const unit = [
    '填报单位（盖章）：牡丹区公安分局　　　填报日期：2026年11月26日',
    ...header.slice(1).map(() => ''),
  ];
  const records = [...generator.value.rows()];
  const headerRow = 3;
  const footer = [
    [`合计：${records.length}人`, ...header.slice(1).map(() => '')],
    [
      '填表人：张敏　　审核人：刘建国　　制表日期：2026年11月26日',
      ...header.slice(1).map(() => ''),
    ],
  ];
  const corrections = generator.value.injections.map((injection) => ({
    sheetRow: headerRow + injection.row,
    field: injection.field,
    kind: injection.kind,
    value: injection.value,
    corrected: injection.original,
  }));
  return {
    fileName: trainingFileName,
    sheetName: '户籍人口',
    rows: [title, unit, header, ...records, ...footer],
    headerRow,
    records: records.length,
    corrections,
  };
}

/** The file name of a trainee's lesson project: their name, made safe for every file system. */
export function trainingProjectFile(trainee: string): string {
  // Control characters and what Windows forbids in a name become _.
  // eslint-disable-next-line no-control-regex
  return `培训-${trainee.trim().replace(/[\u0000-\u001f\\/:*?"<>|]/g, '_')}.dsw`;
}

/** Whether a project (by its name) is a trainee's lesson project. */
export function isLessonProject(name: string): boolean {
  return name.startsWith('培训-');
}
