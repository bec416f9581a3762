/**
 * `tsx scripts/bench-import.ts`: import speed and memory. Generates a population register of
 * 15 columns (Chinese text, 18-digit IDs) as CSV and as xlsx at 100k and 1M rows into .bench/,
 * then imports each file in its own process (`steward inspect`, which reads every row) and
 * prints rows/s, CPU time and peak RSS, and whether every row came through. Generated files are
 * kept and reused.
 *
 *   npx tsx scripts/bench-import.ts                  # 100k and 1M rows
 *   npx tsx scripts/bench-import.ts --rows 100000    # one size
 *   npx tsx scripts/bench-import.ts --generate-only
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { openTable } from '../electron/engine/import/open-workbook.ts';

const root = resolve(import.meta.dirname, '..');
const benchDir = join(root, '.bench');

/** The register's columns, as a county department's export names them. */
export const benchColumns = [
  '序号',
  '姓名',
  '性别',
  '民族',
  '公民身份号码',
  '出生日期',
  '户籍地址',
  '现住址',
  '联系电话',
  '所属乡镇',
  '所属村（社区）',
  '户主姓名',
  '与户主关系',
  '文化程度',
  '备注',
] as const;

const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const givenChars =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红建国文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘';
const nations = [
  '汉族',
  '汉族',
  '汉族',
  '汉族',
  '汉族',
  '回族',
  '满族',
  '蒙古族',
  '壮族',
  '土家族',
];
const towns = ['城关镇', '南关街道', '北塘镇', '东岭乡', '西河镇', '三里铺乡', '柳营镇', '石桥乡'];
const villages = [
  '第一社区',
  '第二社区',
  '张庄村',
  '李家湾村',
  '王家营村',
  '后屯村',
  '新民村',
  '河东村',
];
const relations = ['户主', '配偶', '子', '女', '父亲', '母亲', '孙子', '孙女'];
const educations = [
  '小学',
  '初中',
  '高中',
  '中专',
  '大学专科',
  '大学本科',
  '研究生',
  '文盲或半文盲',
];
const roads = ['人民路', '解放路', '建设路', '和平街', '中山路', '新华路', '文化路', '胜利街'];

/** A small deterministic generator (mulberry32), so every run writes the same files. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idCheck = '10X98765432';

/** Builds one register row: 15 texts; the ID carries a valid GB 11643 check digit. */
export function createBenchRow(index: number, random: () => number): string[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const name = () =>
    pick([...surnames]) + pick([...givenChars]) + (random() < 0.6 ? pick([...givenChars]) : '');
  const year = 1930 + Math.floor(random() * 90);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  const birth = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
  const sexDigit = Math.floor(random() * 10);
  const body = `3717${String(2 + Math.floor(random() * 8)).padStart(2, '0')}${birth}${String(Math.floor(random() * 100)).padStart(2, '0')}${sexDigit}`;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(body[i]) * (idWeights[i] ?? 0);
  const id = body + idCheck[sum % 11];
  const town = pick(towns);
  const village = pick(villages);
  const address = `山东省菏泽市某县${town}${village}${1 + Math.floor(random() * 300)}号`;
  return [
    String(index + 1),
    name(),
    sexDigit % 2 === 1 ? '男' : '女',
    pick(nations),
    id,
    `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    address,
    random() < 0.7 ? address : `某县城区${pick(roads)}${1 + Math.floor(random() * 500)}号`,
    `1${pick(['3', '5', '7', '8', '9'])}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`,
    town,
    village,
    name(),
    pick(relations),
    pick(educations),
    random() < 0.9 ? '' : '外出务工',
  ];
}

function csvLine(cells: readonly string[]): string {
  return `${cells.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',')}\r\n`;
}

/** Writes the register as UTF-8 CSV (with a title row, as departments export it). */
export async function writeBenchCsv(path: string, rows: number): Promise<void> {
  const random = createRandom(20261126);
  const temp = `${path}.partial`;
  const out = createWriteStream(temp);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('某县人口基础信息登记表\r\n');
  await write(csvLine(benchColumns));
  for (let i = 0; i < rows; i += 1) await write(csvLine(createBenchRow(i, random)));
  out.end();
  await once(out, 'close');
  await rename(temp, path);
}

/** Writes the register as xlsx, streaming, with shared strings as Excel writes them. */
export async function writeBenchXlsx(path: string, rows: number): Promise<void> {
  const random = createRandom(20261126);
  const temp = `${path}.partial`;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: temp,
    useSharedStrings: true,
    useStyles: false,
  });
  const sheet = workbook.addWorksheet('人口信息');
  sheet.addRow(['某县人口基础信息登记表']).commit();
  sheet.addRow([...benchColumns]).commit();
  for (let i = 0; i < rows; i += 1) {
    const cells: (string | number)[] = createBenchRow(i, random);
    cells[0] = i + 1;
    sheet.addRow(cells).commit();
  }
  sheet.commit();
  await workbook.commit();
  await rename(temp, path);
}

/**
 * Writes a CSV (the register `steward demo-data` makes) as xlsx, every cell as text so IDs and
 * codes keep their leading zeros, streaming with shared strings as Excel writes them. The CSV is
 * read by the engine's own reader, so the xlsx holds the very rows the CSV steps import.
 */
export async function writeXlsxFromCsv(csv: string, path: string): Promise<void> {
  const table = await openTable(csv);
  if (!table.ok) throw new Error(table.error.message.en);
  const temp = `${path}.partial`;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: temp,
    useSharedStrings: true,
    useStyles: false,
  });
  const sheet = workbook.addWorksheet('人口信息');
  try {
    sheet.addRow([...table.value.columns]).commit();
    for await (const record of table.value.rows()) sheet.addRow([...record.cells]).commit();
  } finally {
    await table.value.close();
  }
  sheet.commit();
  await workbook.commit();
  await rename(temp, path);
}

interface StepResult {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly maxRssBytes: number;
  readonly exitCode: number;
  readonly rows: number | undefined;
}

/** Runs `steward inspect <file> --format json` in its own process and reads its peak RSS. */
function runInspect(file: string): Promise<StepResult> {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(
      process.execPath,
      [
        '--import',
        pathToFileURL(join(root, 'scripts/print-usage.mjs')).href,
        join(root, 'bin/steward.js'),
        'inspect',
        file,
        '--format',
        'json',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const line = stderr.split('\n').find((l) => l.startsWith('IMPORT_BENCH_USAGE '));
      const usage = line
        ? (JSON.parse(line.slice('IMPORT_BENCH_USAGE '.length)) as {
            cpuSeconds: number;
            maxRssBytes: number;
          })
        : { cpuSeconds: Number.NaN, maxRssBytes: Number.NaN };
      let rows: number | undefined;
      try {
        const report = JSON.parse(stdout) as { sheets?: { rows: number }[] };
        rows = report.sheets?.[0]?.rows;
      } catch {
        rows = undefined;
      }
      if (code !== 0) process.stderr.write(stderr);
      resolvePromise({ seconds, ...usage, exitCode: code ?? -1, rows });
    });
  });
}

function report(step: string, expected: number, result: StepResult): void {
  const rate = Math.round(expected / result.seconds).toLocaleString('en-US');
  const mb = (result.maxRssBytes / 1024 / 1024).toFixed(0);
  const complete = result.rows === expected ? 'all rows' : `ROWS READ ${String(result.rows)}`;
  console.log(
    `${step.padEnd(12)} ${expected.toLocaleString('en-US').padStart(10)} rows  ${result.seconds.toFixed(1).padStart(6)} s  ${rate.padStart(7)} rows/s  CPU ${result.cpuSeconds.toFixed(1).padStart(6)} s  peak ${mb.padStart(5)} MB  ${complete}  (exit ${result.exitCode})`,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', multiple: true },
      'generate-only': { type: 'boolean' },
      format: { type: 'string', multiple: true },
    },
  });
  const sizes = (values.rows ?? ['100000', '1000000']).map(Number);
  const formats = values.format ?? ['csv', 'xlsx'];
  await mkdir(benchDir, { recursive: true });
  console.log(
    `bench-import: node ${process.version}, ${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, ${new Date().toISOString()}`,
  );
  console.log('rows/s is by wall time; CPU counts every thread of the process (the worker too)');
  for (const rows of sizes) {
    for (const format of formats) {
      const file = join(benchDir, `register-${rows}.${format}`);
      if (!existsSync(file)) {
        const started = Date.now();
        if (format === 'csv') await writeBenchCsv(file, rows);
        else await writeBenchXlsx(file, rows);
        console.log(`generated ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
      if (values['generate-only'] === true) continue;
      report(`import ${format}`, rows, await runInspect(file));
    }
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  await main();
}
