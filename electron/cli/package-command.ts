import { access } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { lookupDivision } from '../../shared/code-tables/divisions.ts';
import { createRecordMapper } from '../../shared/mapping/create-record-mapper.ts';
import { parsePackageKind, type PackageKind } from '../../shared/package/package-kind.ts';
import { err, ok, type Result } from '../../shared/result.ts';
import { createFilePackageSource } from '../engine/package/file-package-source.ts';
import {
  createProjectPackageSource,
  type PackageSource,
} from '../engine/package/package-source.ts';
import { ImportError } from '../engine/import/import-error.ts';
import { openMappedTable } from '../engine/mapping/open-mapped-table.ts';
import { divisionSampleSize, inferDivisionFrom } from '../engine/package/infer-division.ts';
import { readToolVersion } from '../engine/package/tool-version.ts';
import { writeSourcePackage, type ErrorPolicy } from '../engine/package/write-package.ts';
import { diskFullError, isDiskFull } from '../engine/disk-full.ts';
import { createTempFolder, removeDeadTempFolders, type TempFolder } from '../engine/temp-folder.ts';
import { Workspace } from '../engine/workspace/workspace.ts';
import { checkFileExists, encodingOption, findPackDataset, formatOption } from './cli-inputs.ts';
import { createCommand, type Command, type Refuse } from './command.ts';
import { describeAppliedMapping } from './describe-mapping-choice.ts';
import { writeJson, writeLine } from './output.ts';
import { stringOption, type ParsedArgs } from './parse-options.ts';
import { readPassphrase } from './read-passphrase.ts';
import { loadOfficeKey } from '../engine/signing/key-store.ts';
import type { OfficeKey } from '../engine/signing/sm2-key.ts';
import { formatFingerprint } from '../../shared/signing/format-fingerprint.ts';
import { baseFromPackage, writeProjectPackage } from '../engine/package/incremental-package.ts';
import { readPackageData, type PackageData } from '../engine/package/read-package-data.ts';
import type { PackageBase } from '../engine/package/record-fingerprint.ts';

const help = `用法 / usage: steward package <文件|项目.dsw> --kind share|open（共享|开放） --out <文件夹>
                  [--pack <标准包id|路径>] [--dataset 名称] [--department 提供部门] [--period 报送期]
                  [--sheet 工作表] [--encoding utf-8|gb18030]
                  [--template 模板.json] [--no-auto-template]
                  [--division 行政区划代码] [--provider 数据提供人] [--steward 数据管理员] [--reviewer 审核人]
                  [--on-error block|exclude] [--created <ISO 时间>] [--format text|json]
                  [--sign 密钥文件夹/office.key [--passphrase-file 口令文件]]
                  [--mode full|incremental（全量|增量） [--base 之前报送的数据包.zip]]

写出密封的报送数据包（zip）：标准化的数据、检查报告、问题数据表、修改记录和带 SHA-256 与 SM3 校验值的清单。
共享包报送省级部门；开放包按字段分级脱敏或删除。有未豁免的错误时默认不打包（--on-error exclude 则排除
这些记录）。--created 固定生成时间：同一项目、同样选项得到字节完全相同的数据包。
打包文件时，列按 --template 对应；否则套用模板库中同样版式的模板；都没有时自动采用高置信度的建议。
--sign 用本单位的 SM2 私钥签名清单（datapackage.json），签名写入 datapackage.json.sig，签名单位、公钥指纹和
签名时间写入清单；口令取自 --passphrase-file、环境变量 STEWARD_KEY_PASSPHRASE 或终端输入。
--mode incremental 写增量包：只含自基础数据包以来新增、变更、删除的记录，每条带操作类型（CZLX：新增/变更/删除）
和更新时间（GXSJ），删除的记录只带主键；清单的 x-submission 写明 mode 与基础数据包的 SHA-256。基础数据包
默认是本项目上一次写的同类数据包；--base 可给出任何之前报送的全量数据包（按主键比较它的数据文件），
打包文件时必须给出。没有主键的数据集只能全量报送。
成功时在标准输出打印数据包的路径。退出码：0 已写出，1 有错误阻止打包，2 输入有误（含口令不正确）。

Writes the sealed submission package. Prints the package's path. --mode incremental writes only
the records added, changed and removed since a base package (the project's last package of the
kind, or --base old.zip), each with its operation and update time. Exit code: 0 written, 1 blocked
by errors without exemption (the reasons are printed), 2 bad input.`;

/** Reads `--created`: an ISO time; a date alone or a time without zone is taken as Beijing time. */
export function parseCreated(text: string): Result<Date> {
  let value = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) value = `${value}T00:00:00+08:00`;
  else if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value))
    value = `${value.replace(' ', 'T')}+08:00`;
  const time = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time) || time < Date.UTC(1980, 0, 2) || time > Date.UTC(2107, 11, 31)) {
    return err(
      'bad-created',
      `--created 应为 ISO 时间，如 2026-11-26T10:00:00+08:00：${text}`,
      `--created must be an ISO time such as 2026-11-26T10:00:00+08:00: ${text}`,
    );
  }
  return ok(new Date(time));
}

function defaultSteward(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}

/** Says that the disk is full (exit 2: the environment refused, not a bug); details for the log. */
function refuseDiskFull(error: unknown, refuse: Refuse): number {
  const result = diskFullError(error);
  return result.ok ? 2 : refuse(result.error);
}

/** What `steward package` is asked to do, its arguments checked and its key opened. */
interface PackageRequest {
  readonly input: string;
  readonly kind: PackageKind;
  readonly out: string;
  readonly onError: ErrorPolicy;
  readonly format: 'text' | 'json';
  readonly mode: 'full' | 'incremental';
  readonly baseData: PackageData | undefined;
  readonly created: Date;
  readonly division: string | undefined;
  readonly sign: OfficeKey | undefined;
}

/**
 * Checks the arguments of `steward package`, reads the base package and opens the signing key
 * (asking for its passphrase): done once, before any data is read. A refusal is its exit code.
 */
async function readPackageRequest(
  options: ParsedArgs,
  fail: (message: string) => number,
  refuse: Refuse,
): Promise<PackageRequest | number> {
  const [input] = options.positionals;
  const kindText = stringOption(options, 'kind');
  const out = stringOption(options, 'out');
  const onError = stringOption(options, 'on-error') ?? 'block';
  const format = formatOption(options);
  if (input === undefined) return fail('缺少要打包的文件或项目 / missing the file or project');
  if (kindText === undefined) return fail('缺少 --kind（share 共享 或 open 开放）');
  if (out === undefined) return fail('缺少 --out / missing --out');
  const kind = parsePackageKind(kindText);
  if (!kind.ok) return fail(kind.error.message.zh);
  if (onError !== 'block' && onError !== 'exclude')
    return fail(`--on-error 只能是 block 或 exclude：${onError}`);
  if (!format.ok) return fail(format.error.message.zh);
  const mode = stringOption(options, 'mode') ?? 'full';
  if (mode !== 'full' && mode !== 'incremental')
    return fail(`--mode 只能是 full（全量）或 incremental（增量）：${mode}`);
  const basePath = stringOption(options, 'base');
  if (basePath !== undefined && mode !== 'incremental')
    return fail('--base 只用于增量报送：请同时给出 --mode incremental');
  let baseData: PackageData | undefined;
  if (basePath !== undefined) {
    const baseExists = await checkFileExists(basePath);
    if (!baseExists.ok) return refuse(baseExists.error);
    const read = await readPackageData(basePath);
    if (!read.ok) return refuse(read.error);
    baseData = read.value;
  }
  const createdText = stringOption(options, 'created');
  const created = createdText === undefined ? ok(new Date()) : parseCreated(createdText);
  if (!created.ok) return fail(created.error.message.zh);
  const division = stringOption(options, 'division');
  if (division !== undefined && lookupDivision(division) === undefined)
    return fail(`--division 不是有效的行政区划代码（GB/T 2260）：${division}`);
  const exists = await checkFileExists(input);
  if (!exists.ok) return refuse(exists.error);
  // The key is opened before any work, so a wrong passphrase costs nothing.
  let sign: OfficeKey | undefined;
  const keyPath = stringOption(options, 'sign');
  if (keyPath !== undefined) {
    const keyExists = await checkFileExists(keyPath);
    if (!keyExists.ok) return refuse(keyExists.error);
    const passphrase = await readPassphrase(options, false);
    if (!passphrase.ok) return refuse(passphrase.error);
    const loaded = await loadOfficeKey(keyPath, passphrase.value);
    if (!loaded.ok) return refuse(loaded.error);
    sign = loaded.value;
  }
  try {
    await access(out);
  } catch {
    return refuse({
      code: 'out-not-found',
      message: {
        zh: `输出文件夹不存在 / output folder not found: ${out}`,
        en: `Output folder not found: ${out}`,
      },
    });
  }
  return {
    input,
    kind: kind.value,
    out,
    onError,
    format: format.value,
    mode,
    baseData,
    created: created.value,
    division,
    sign,
  };
}

/**
 * Writes the package `request` asks for. With `isSinglePass` a text file is read once, its rows
 * streaming as its table is surveyed; without it the table is surveyed whole first.
 */
async function writeRequestedPackage(
  options: ParsedArgs,
  request: PackageRequest,
  fail: (message: string) => number,
  refuse: Refuse,
  isSinglePass: boolean,
): Promise<number> {
  const { input, kind, out, onError, format, mode, baseData, created, division, sign } = request;
  // Work in progress stays beside the output (same volume, no personal data in the system
  // temp folder); what a killed run left there is removed first.
  await removeDeadTempFolders(out);
  let temp: TempFolder;
  try {
    temp = await createTempFolder(out);
  } catch (error) {
    if (!isDiskFull(error)) throw error;
    return refuseDiskFull(error, refuse);
  }
  try {
    const steward = stringOption(options, 'steward') ?? defaultSteward();
    const department = stringOption(options, 'department');
    const period = stringOption(options, 'period');

    let source: PackageSource;
    let dispose: () => Promise<void>;
    /** The records the division is read from, when --division does not name it. */
    let sample: () => Promise<Iterable<{ readonly values: readonly (string | null)[] }>>;
    /** The open project, when a project is packaged (it remembers the package). */
    let projectWorkspace: Workspace | undefined;
    const isProject = input.toLowerCase().endsWith('.dsw');
    if (isProject) {
      const opened = await Workspace.open(input);
      if (!opened.ok) return refuse(opened.error);
      const workspace = opened.value;
      const packRef = stringOption(options, 'pack');
      if (packRef !== undefined && packRef !== workspace.info.packId) {
        await workspace.close();
        return fail(
          `项目使用标准包 ${workspace.info.packId}，与 --pack ${packRef} 不同；打包项目时可以省略 --pack`,
        );
      }
      source = createProjectPackageSource(workspace);
      projectWorkspace = workspace;
      dispose = () => workspace.close();
      sample = () => Promise.resolve(workspace.iterateRecords());
    } else {
      const packRef = stringOption(options, 'pack');
      if (packRef === undefined) return fail('打包文件时需要 --pack / --pack is needed for a file');
      if (department === undefined) return fail('打包文件时需要 --department（提供部门）');
      if (period === undefined) return fail('打包文件时需要 --period（报送期）');
      const found = await findPackDataset(packRef, stringOption(options, 'dataset'));
      if (!found.ok) return refuse(found.error);
      const { pack, dataset } = found.value;
      const encoding = encodingOption(options);
      if (!encoding.ok) return fail(encoding.error.message.zh);
      const sheet = stringOption(options, 'sheet');
      const templatePath = stringOption(options, 'template');
      const mapped = await openMappedTable(input, pack, dataset, {
        open: {
          ...(encoding.value === undefined ? {} : { encoding: encoding.value }),
          ...(sheet === undefined ? {} : { sheet }),
          isSinglePass,
        },
        ...(templatePath === undefined ? {} : { templatePath }),
        department,
        ignoreStore: options.values['no-auto-template'] === true,
      });
      if (!mapped.ok) return refuse(mapped.error);
      const { table, choice } = mapped.value;
      for (const note of describeAppliedMapping(choice, pack)) writeLine(note, 'stderr');
      const mapper = createRecordMapper(pack, dataset, choice.mapping, table.columns, {
        department,
        period,
      });
      if (!mapper.ok) {
        await table.close();
        return refuse(mapper.error);
      }
      const missing = dataset.fields
        .filter(
          (field, i) =>
            field.constraints?.required === true && mapper.value.columnOfField[i] === undefined,
        )
        .map((field) => field.name);
      if (missing.length > 0) {
        await table.close();
        return refuse({
          code: 'columns-missing',
          message: {
            zh: `文件缺少必填字段的列：${missing.join('、')}`,
            en: `The file has no column for required fields: ${missing.join(', ')}`,
          },
        });
      }
      // The file is read once: its records stream from the reader through the mapping,
      // the rules and the packager into the zip, with no project in between.
      const fileSource = createFilePackageSource(table, (cells) => mapper.value.map(cells).values, {
        pack,
        dataset,
        department,
        period,
      });
      const first = await fileSource.peekRecords(divisionSampleSize);
      if (first.length === 0) {
        await fileSource.close();
        return refuse({
          code: 'file-empty',
          message: { zh: '文件中没有数据行', en: 'The file has no data rows' },
        });
      }
      source = fileSource;
      dispose = () => fileSource.close();
      sample = () => Promise.resolve(first);
    }

    try {
      let divisionCode = division;
      if (divisionCode === undefined) {
        divisionCode = inferDivisionFrom(source.dataset, await sample());
        if (divisionCode === undefined) {
          return fail('无法从数据推断行政区划代码，请用 --division 指定（如 371702）');
        }
        writeLine(
          `行政区划代码取自数据：${divisionCode} ${lookupDivision(divisionCode)?.name ?? ''}（可用 --division 指定）`,
          'stderr',
        );
      }
      let base: PackageBase | undefined;
      if (baseData !== undefined) {
        const found = baseFromPackage(baseData, source.dataset, kind);
        if (!found.ok) return refuse(found.error);
        base = found.value;
      } else if (mode === 'incremental' && projectWorkspace === undefined) {
        return fail('打包文件时增量报送需要 --base（之前报送的数据包）');
      }
      const packageOptions = {
        kind,
        onError,
        created,
        outDir: out,
        division: divisionCode,
        ...(department === undefined ? {} : { department }),
        ...(period === undefined ? {} : { period }),
        ...(stringOption(options, 'provider') === undefined
          ? {}
          : { provider: stringOption(options, 'provider') as string }),
        steward,
        ...(stringOption(options, 'reviewer') === undefined
          ? {}
          : { reviewer: stringOption(options, 'reviewer') as string }),
        toolVersion: readToolVersion(),
        tempDir: temp.dir,
        ...(sign === undefined ? {} : { sign }),
      };
      const written =
        projectWorkspace === undefined
          ? await writeSourcePackage(source, {
              ...packageOptions,
              ...(base === undefined ? {} : { base }),
            })
          : await writeProjectPackage(projectWorkspace, {
              ...packageOptions,
              mode,
              ...(base === undefined ? {} : { base }),
            });
      if (!written.ok) {
        if (written.error.code !== 'package-blocked') return refuse(written.error);
        writeLine(`未打包：${written.error.message.zh}`, 'stderr');
        for (const line of written.error.details ?? []) writeLine(`  ${line}`, 'stderr');
        if (format === 'json') {
          writeJson({ written: false, blockers: written.error.details ?? [] });
        }
        return 1;
      }
      const s = written.value.manifest['x-submission'];
      if (format === 'json') {
        writeJson({ written: true, path: written.value.path, submission: s });
      } else {
        writeLine(written.value.path);
        writeLine(
          `${s.kind}数据包：${s.rows.packaged} 条记录（项目 ${s.rows.project} 条，人工排除 ${s.rows.excludedByUser} 条，因错误排除 ${s.rows.excludedByPolicy} 条）；错误 ${s.issues.errors} 个（已豁免 ${s.issues.exemptedErrors} 个），警告 ${s.issues.warnings} 个`,
          'stderr',
        );
        if (s.mode === '增量' && s.changes !== undefined)
          writeLine(
            `增量数据包：新增 ${s.changes.added} 条，变更 ${s.changes.changed} 条，删除 ${s.changes.removed} 条，未变 ${s.changes.unchanged} 条；基础数据包 SHA-256 ${s.base?.sha256 ?? ''}`,
            'stderr',
          );
        if (s.signer !== undefined)
          writeLine(
            `已签名：${s.signer.office}，公钥指纹 ${formatFingerprint(s.signer.fingerprint)}`,
            'stderr',
          );
      }
      return 0;
    } finally {
      await dispose();
    }
  } catch (error) {
    if (!isDiskFull(error)) throw error;
    return refuseDiskFull(error, refuse);
  } finally {
    await temp.remove();
  }
}

/** `steward package`: the sealed submission of a project or a file. */
export const packageCommand: Command = createCommand({
  summary: '写出报送数据包 / write the sealed submission package',
  help,
  options: {
    pack: { type: 'string' },
    dataset: { type: 'string' },
    template: { type: 'string' },
    sheet: { type: 'string' },
    encoding: { type: 'string' },
    'no-auto-template': { type: 'boolean' },
    kind: { type: 'string' },
    department: { type: 'string' },
    period: { type: 'string' },
    division: { type: 'string' },
    provider: { type: 'string' },
    steward: { type: 'string' },
    reviewer: { type: 'string' },
    'on-error': { type: 'string' },
    created: { type: 'string' },
    out: { type: 'string' },
    format: { type: 'string' },
    sign: { type: 'string' },
    'passphrase-file': { type: 'string' },
    mode: { type: 'string' },
    base: { type: 'string' },
  },
  async run(options, fail, refuse) {
    const request = await readPackageRequest(options, fail, refuse);
    if (typeof request === 'number') return request;
    // A text file is read once, its rows streaming as its table is surveyed (issue #11); the
    // rare file whose column first shows deep in it is read again, surveyed whole first. The
    // arguments, the base package and the key's passphrase are not asked for again.
    try {
      return await writeRequestedPackage(options, request, fail, refuse, true);
    } catch (error) {
      if (!(error instanceof ImportError) || error.appError.code !== 'layout-changed') throw error;
      return await writeRequestedPackage(options, request, fail, refuse, false);
    }
  },
});
