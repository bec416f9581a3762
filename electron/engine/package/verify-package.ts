/**
 * `verify`: checks a submission package again, from the zip alone (and the standard pack it
 * names), and says exactly what does not hold:
 * - the seal: the manifest's SHA-256 and SM3 in the zip comment;
 * - every file: present in the manifest, none missing, none added, CRC-32, size, SHA-256, SM3;
 * - the manifest: its schema, its resources against its file list, its field plan and Table
 *   Schema against the pack's classification for the package kind;
 * - the data: read again against the embedded schema and every rule of the pack: every issue
 *   found must be listed in reports/validation.json, and every error must carry an exemption
 *   that the manifest records; the row count and the issue summary must agree;
 * - the signature (issue #15): `datapackage.json.sig` is present exactly when the manifest names
 *   a signer; given the signer's public key, it must be that key's valid SM2 signature of the
 *   manifest's bytes. Without a public key the signature is reported as not checked.
 */
import {
  createIncrementTableFields,
  incrementColumnsOf,
} from '../../../shared/package/increment.ts';
import { crc32 } from 'node:zlib';
import {
  createFieldPlan,
  createPackageDataset,
} from '../../../shared/package/create-field-plan.ts';
import { createCsvRowParser } from '../../../shared/package/create-csv-row-parser.ts';
import { auditColumns, createTableSchema } from '../../../shared/package/create-table-schema.ts';
import type { LocalizedText } from '../../../shared/i18n/localized-text.ts';
import type { Pack } from '../../../shared/pack/pack-schema.ts';
import type { PackageKind } from '../../../shared/package/package-kind.ts';
import {
  manifestSchema,
  parseSeal,
  type PackageManifest,
  type Signer,
} from '../../../shared/package/package-manifest.ts';
import {
  validationReportSchema,
  type ValidationReport,
} from '../../../shared/package/validation-report.ts';
import { createDatasetValidator } from '../../../shared/validate/dataset-validator.ts';
import { listPacks, readPackFile } from '../packs/pack-store.ts';
import { hashPack } from '../workspace/workspace.ts';
import { createFileDigest, digestBytes } from './file-digest.ts';
import { openZipFile, ZipReadError, type OpenZip, type ZipEntry } from './read-zip.ts';
import { packagePaths } from './write-package.ts';
import type { PublicKeyFile } from '../signing/key-store.ts';
import { verifyMessage } from '../signing/sm2-signature.ts';
import { formatFingerprint } from '../../../shared/signing/format-fingerprint.ts';

/** One thing that does not hold. */
export interface VerifyProblem {
  readonly code: string;
  /** The file it is about, when there is one. */
  readonly file?: string;
  readonly message: LocalizedText;
}

/** What verify found. */
export interface VerifyReport {
  readonly path: string;
  /**
   * Whether the package could be read at all: false when it is not a zip, breaks the zip limits,
   * or its datapackage.json cannot be read, so that nothing else can be checked.
   */
  readonly readable: boolean;
  readonly ok: boolean;
  readonly problems: VerifyProblem[];
  /** What was checked, for the summary line. */
  readonly checked: { files: number; rows: number; issues: number };
  /** The submission's facts, when the manifest could be read. */
  readonly submission?: PackageManifest['x-submission'];
  /** What is known of the signature, when the manifest could be read. */
  readonly signature?: SignatureCheck;
}

/**
 * The signature as verify saw it: whether the package is signed, whether it was checked (only
 * with a public key), and whether it holds. A failed check is also listed as a problem.
 */
export interface SignatureCheck {
  readonly isSigned: boolean;
  readonly isChecked: boolean;
  readonly isValid: boolean;
  /** The signer facts of the manifest, when present. */
  readonly signer?: Signer;
  /** The fingerprint of the public key it was checked with. */
  readonly checkedWith?: string;
}

/** How to verify. */
export interface VerifyOptions {
  /** A pack file to check the rules with, instead of the one the packs folder holds. */
  readonly packPath?: string;
  /** The signer's public key (registered with the province): check the signature with it. */
  readonly publicKey?: PublicKeyFile;
}

const manifestPath = packagePaths.manifest;

/** Largest datapackage.json read: a real one is a few hundred KiB. */
export const maxManifestBytes = 16 * 1024 ** 2;

/** Largest reports/validation.json read: room for about 300,000 listed issues. */
export const maxReportBytes = 64 * 1024 ** 2;

/** Most problems of one code listed; the rest are counted in one more problem of that code. */
export const maxProblemsPerCode = 100;

/** Where the checks put what does not hold. */
export interface ProblemSink {
  push(problem: VerifyProblem): void;
}

/** Keeps the first `maxProblemsPerCode` problems of each code and counts the rest. */
class ProblemList implements ProblemSink {
  private readonly listed: VerifyProblem[] = [];
  private readonly counts = new Map<string, { count: number; file?: string }>();

  push(p: VerifyProblem): void {
    const seen = this.counts.get(p.code) ?? { count: 0 };
    seen.count += 1;
    this.counts.set(p.code, seen);
    if (seen.count <= maxProblemsPerCode) this.listed.push(p);
    else if (p.file !== undefined) seen.file = p.file;
  }

  /** The listed problems, then for each code over the cap one saying how many more there are. */
  finish(): VerifyProblem[] {
    const more: VerifyProblem[] = [];
    for (const [code, { count, file }] of this.counts) {
      const left = count - maxProblemsPerCode;
      if (left <= 0) continue;
      more.push(
        problem(
          code,
          `另有 ${left} 处同类问题（${code}）未逐一列出`,
          `${left} more problems of this kind (${code}) are not listed`,
          file,
        ),
      );
    }
    return [...this.listed, ...more];
  }
}

function problem(code: string, zh: string, en: string, file?: string): VerifyProblem {
  return file === undefined ? { code, message: { zh, en } } : { code, file, message: { zh, en } };
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

async function findPackFor(
  manifest: PackageManifest,
  options: VerifyOptions,
): Promise<{ pack?: Pack; problem?: VerifyProblem }> {
  const standard = manifest['x-submission'].standard;
  if (options.packPath !== undefined) {
    const read = await readPackFile(options.packPath);
    if (!read.ok) {
      return {
        problem: problem('pack-unreadable', read.error.message.zh, read.error.message.en),
      };
    }
    if (hashPack(read.value) !== standard.sha256) {
      return {
        problem: problem(
          'pack-differs',
          `给定的标准包与数据包所用的不同（${standard.id} v${standard.version}，SHA-256 ${standard.sha256.slice(0, 12)}…）`,
          `The given pack differs from the one the package was made with (${standard.id} v${standard.version}, SHA-256 ${standard.sha256.slice(0, 12)}…)`,
        ),
      };
    }
    return { pack: read.value };
  }
  const { packs } = await listPacks();
  const same = packs.find(
    (p) =>
      p.pack.id === standard.id &&
      p.pack.version === standard.version &&
      hashPack(p.pack) === standard.sha256,
  );
  if (same !== undefined) return { pack: same.pack };
  return {
    problem: problem(
      'pack-not-found',
      `找不到数据包所用的标准包 ${standard.id} v${standard.version}（SHA-256 ${standard.sha256.slice(0, 12)}…），无法复核规则；请导入该版本，或用 --pack 指定文件`,
      `The pack the package was made with, ${standard.id} v${standard.version} (SHA-256 ${standard.sha256.slice(0, 12)}…), is not available, so the rules cannot be checked; import it or name it with --pack`,
    ),
  };
}

function readManifest(
  bytes: Buffer,
  comment: string,
  problems: ProblemSink,
): PackageManifest | undefined {
  const seal = parseSeal(comment);
  const digest = digestBytes(bytes);
  if (seal === undefined) {
    problems.push(
      problem(
        'seal-missing',
        '压缩包注释中没有封条（datapackage.json 的校验值），数据包可能被重新打包过',
        'The zip comment holds no seal (the checksums of datapackage.json); the package may have been re-zipped',
        manifestPath,
      ),
    );
  } else {
    if (seal.sha256 !== digest.sha256)
      problems.push(
        problem(
          'seal-sha256',
          `datapackage.json 的 SHA-256 与封条不符：应为 ${seal.sha256}，实为 ${digest.sha256}`,
          `datapackage.json SHA-256 does not match the seal: expected ${seal.sha256}, got ${digest.sha256}`,
          manifestPath,
        ),
      );
    if (seal.sm3 !== digest.sm3)
      problems.push(
        problem(
          'seal-sm3',
          `datapackage.json 的 SM3 与封条不符：应为 ${seal.sm3}，实为 ${digest.sm3}`,
          `datapackage.json SM3 does not match the seal: expected ${seal.sm3}, got ${digest.sm3}`,
          manifestPath,
        ),
      );
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    problems.push(
      problem(
        'manifest-not-json',
        'datapackage.json 不是有效的 JSON',
        'datapackage.json is not valid JSON',
        manifestPath,
      ),
    );
    return undefined;
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.')}: ${i.message}`)
      .join('; ');
    problems.push(
      problem(
        'manifest-invalid',
        `datapackage.json 的内容不符合数据包格式：${where}`,
        `datapackage.json does not follow the package format: ${where}`,
        manifestPath,
      ),
    );
    return undefined;
  }
  return parsed.data;
}

/** Checks every file's presence, CRC-32, size and checksums against the manifest. */
async function checkFiles(
  zip: OpenZip,
  manifest: PackageManifest | undefined,
  problems: ProblemSink,
): Promise<number> {
  const listed = new Map((manifest?.['x-submission'].files ?? []).map((f) => [f.path, f]));
  let checked = 0;
  for (const entry of zip.entries) {
    if (entry.name === manifestPath || entry.name === packagePaths.signature) continue;
    checked += 1;
    const file = listed.get(entry.name);
    if (manifest !== undefined && file === undefined) {
      problems.push(
        problem(
          'file-added',
          `多出的文件：${entry.name}（清单中没有）`,
          `An added file: ${entry.name} (not in the manifest)`,
          entry.name,
        ),
      );
    }
    const digest = createFileDigest();
    let crc = 0;
    try {
      for await (const chunk of zip.stream(entry)) {
        digest.update(chunk);
        crc = crc32(chunk, crc);
      }
    } catch (error) {
      if (!(error instanceof ZipReadError)) throw error;
      problems.push(
        problem('file-unreadable', error.error.message.zh, error.error.message.en, entry.name),
      );
      continue;
    }
    if (crc >>> 0 !== entry.crc32 >>> 0) {
      problems.push(
        problem(
          'file-crc',
          `文件 ${entry.name} 的 CRC-32 与压缩包记录不符`,
          `${entry.name}: CRC-32 does not match the zip directory`,
          entry.name,
        ),
      );
    }
    if (file === undefined) continue;
    const found = digest.finish();
    if (found.bytes !== file.bytes) {
      problems.push(
        problem(
          'file-size',
          `文件 ${entry.name} 的大小不符：清单为 ${file.bytes} 字节，实为 ${found.bytes} 字节`,
          `${entry.name}: size ${found.bytes} bytes, the manifest says ${file.bytes}`,
          entry.name,
        ),
      );
    }
    if (found.sha256 !== file.sha256) {
      problems.push(
        problem(
          'file-sha256',
          `文件 ${entry.name} 的 SHA-256 不符：清单为 ${file.sha256}，实为 ${found.sha256}`,
          `${entry.name}: SHA-256 ${found.sha256}, the manifest says ${file.sha256}`,
          entry.name,
        ),
      );
    }
    if (found.sm3 !== file.sm3) {
      problems.push(
        problem(
          'file-sm3',
          `文件 ${entry.name} 的 SM3 不符：清单为 ${file.sm3}，实为 ${found.sm3}`,
          `${entry.name}: SM3 ${found.sm3}, the manifest says ${file.sm3}`,
          entry.name,
        ),
      );
    }
  }
  const present = new Set(zip.entries.map((e) => e.name));
  for (const path of listed.keys()) {
    if (!present.has(path)) {
      problems.push(
        problem(
          'file-missing',
          `缺少文件：${path}（清单中有）`,
          `A missing file: ${path} (listed in the manifest)`,
          path,
        ),
      );
    }
  }
  return checked;
}

/** Checks that the manifest agrees with itself: resources against files, plan against pack. */
function checkManifest(manifest: PackageManifest, pack: Pack, problems: ProblemSink): void {
  const submission = manifest['x-submission'];
  const files = new Map(submission.files.map((f) => [f.path, f]));
  for (const resource of manifest.resources) {
    const file = files.get(resource.path);
    if (
      file === undefined ||
      file.bytes !== resource.bytes ||
      `sha256:${file.sha256}` !== resource.hash
    ) {
      problems.push(
        problem(
          'resource-mismatch',
          `数据包资源 ${resource.path} 的大小或校验值与文件清单不一致`,
          `Resource ${resource.path}: its bytes or hash disagree with the file list`,
          manifestPath,
        ),
      );
    }
  }
  const dataset = pack.datasets.find((d) => d.name === submission.dataset.name);
  if (dataset === undefined) {
    problems.push(
      problem(
        'dataset-not-found',
        `标准包中没有数据集「${submission.dataset.name}」`,
        `The pack has no dataset "${submission.dataset.name}"`,
        manifestPath,
      ),
    );
    return;
  }
  const kind: PackageKind = submission.kind === '开放' ? 'open' : 'share';
  const plan = createFieldPlan(dataset, kind);
  const expected = plan.map(
    (p) => `${p.field.name}:${p.action}:${p.action === 'mask' ? p.mask : ''}`,
  );
  const recorded = submission.fields.map((f) => `${f.name}:${f.action}:${f.mask ?? ''}`);
  if (expected.join(',') !== recorded.join(',')) {
    problems.push(
      problem(
        'plan-mismatch',
        `清单记录的字段处理（保留/脱敏/删除）与标准包对${submission.kind}数据包的要求不一致`,
        `The manifest's field plan (keep/mask/drop) is not what the pack requires for a ${kind} package`,
        manifestPath,
      ),
    );
  }
  const dataSchema = createTableSchema(pack, createPackageDataset(dataset, plan), plan);
  // An incremental package (增量) adds its operation and update-time columns after the fields.
  const schema =
    submission.mode === '增量'
      ? {
          ...dataSchema,
          fields: [...dataSchema.fields, ...createIncrementTableFields(incrementColumnsOf(pack))],
        }
      : dataSchema;
  const embedded = manifest.resources.find((r) => r.path === packagePaths.data(dataset.name));
  if (embedded === undefined) {
    problems.push(
      problem(
        'data-resource-missing',
        `清单中没有数据文件 ${packagePaths.data(dataset.name)} 的资源`,
        `The manifest has no resource for ${packagePaths.data(dataset.name)}`,
        manifestPath,
      ),
    );
  } else if (stableJson(embedded.schema) !== stableJson(schema)) {
    problems.push(
      problem(
        'schema-mismatch',
        '清单中的表结构（Table Schema）与标准包推导的不一致',
        'The embedded Table Schema differs from the one the pack gives',
        manifestPath,
      ),
    );
  }
}

async function readReport(
  zip: OpenZip,
  problems: ProblemSink,
): Promise<ValidationReport | undefined> {
  const entry = zip.entries.find((e) => e.name === packagePaths.validationJson);
  if (entry === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse((await zip.read(entry, maxReportBytes)).toString('utf8'));
  } catch (error) {
    if (error instanceof ZipReadError) {
      problems.push(
        problem(
          'report-unreadable',
          error.error.message.zh,
          error.error.message.en,
          packagePaths.validationJson,
        ),
      );
      return undefined;
    }
    if (!(error instanceof SyntaxError)) throw error;
    json = undefined;
  }
  const parsed = validationReportSchema.safeParse(json);
  if (!parsed.success) {
    problems.push(
      problem(
        'report-invalid',
        'reports/validation.json 无法读取或格式不符',
        'reports/validation.json cannot be read or has the wrong shape',
        packagePaths.validationJson,
      ),
    );
    return undefined;
  }
  return parsed.data;
}

/** Reads a CSV entry strictly, row by row. */
export async function readCsvEntry(
  zip: OpenZip,
  entry: ZipEntry,
  onRow: (values: string[]) => void,
  problems: ProblemSink,
): Promise<void> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const parser = createCsvRowParser({
    row: onRow,
    problem(line, message) {
      problems.push(
        problem(
          'csv-malformed',
          `${entry.name} 第 ${line} 行：${message.zh}`,
          `${entry.name} line ${line}: ${message.en}`,
          entry.name,
        ),
      );
    },
  });
  try {
    for await (const chunk of zip.stream(entry))
      parser.feed(decoder.decode(chunk, { stream: true }));
    parser.feed(decoder.decode());
    parser.end();
  } catch (error) {
    if (error instanceof ZipReadError) {
      problems.push(
        problem('csv-unreadable', error.error.message.zh, error.error.message.en, entry.name),
      );
    } else if (error instanceof TypeError) {
      // TextDecoder with `fatal` throws a TypeError on bytes that are not UTF-8.
      problems.push(
        problem(
          'csv-unreadable',
          `${entry.name} 无法读取：不是有效的 UTF-8 文本`,
          `${entry.name} cannot be read: not valid UTF-8`,
          entry.name,
        ),
      );
    } else throw error;
  }
}

/** Re-reads the data against the schema and the rules, and compares with the report. */
async function checkData(
  zip: OpenZip,
  manifest: PackageManifest,
  pack: Pack,
  report: ValidationReport | undefined,
  problems: ProblemSink,
): Promise<{ rows: number; issues: number }> {
  const submission = manifest['x-submission'];
  const dataset = pack.datasets.find((d) => d.name === submission.dataset.name);
  const dataPath = packagePaths.data(submission.dataset.name);
  const entry = zip.entries.find((e) => e.name === dataPath);
  if (dataset === undefined || entry === undefined) return { rows: 0, issues: 0 };
  const kind: PackageKind = submission.kind === '开放' ? 'open' : 'share';
  const plan = createFieldPlan(dataset, kind);
  const packageDataset = createPackageDataset(dataset, plan);
  const today = report?.submission.today ?? submission.created.slice(0, 10);
  const validator = createDatasetValidator(pack, packageDataset, { today });
  const fieldNames = packageDataset.fields.map((f) => f.name);
  const increment = submission.mode === '增量' ? incrementColumnsOf(pack) : undefined;
  const names =
    increment === undefined
      ? fieldNames
      : [...fieldNames, increment.operation.name, increment.updated.name];
  const keyPositions = (dataset.primaryKey ?? []).map((name) => fieldNames.indexOf(name));

  const listed = new Map<string, ValidationReport['issues'][number]>();
  for (const issue of report?.issues ?? []) {
    listed.set(`${issue.row}\u0000${issue.field}\u0000${issue.rule}`, issue);
  }
  const exemptionIds = new Set(submission.exemptions.map((e) => e.operationId));
  let rows = 0;
  let isHeader = true;
  let unlisted = 0;
  let unexempted = 0;
  let found = 0;
  const examples: string[] = [];
  await readCsvEntry(
    zip,
    entry,
    (values) => {
      if (isHeader) {
        isHeader = false;
        if (values.join(',') !== names.join(',')) {
          problems.push(
            problem(
              'header-mismatch',
              `数据文件的表头与表结构不符：应为 ${names.join(',')}`,
              `The data file's header differs from the schema: expected ${names.join(',')}`,
              dataPath,
            ),
          );
        }
        return;
      }
      rows += 1;
      if (values.length !== names.length) {
        problems.push(
          problem(
            'row-width',
            `数据文件第 ${rows} 行有 ${values.length} 列，应为 ${names.length} 列`,
            `Data row ${rows} has ${values.length} values, not ${names.length}`,
            dataPath,
          ),
        );
        return;
      }
      let record = values;
      if (increment !== undefined) {
        const operation = values[fieldNames.length] ?? '';
        const { added, changed, removed } = increment.operation;
        if (![added, changed, removed].includes(operation)) {
          problems.push(
            problem(
              'increment-operation',
              `数据文件第 ${rows} 行的操作类型不是 ${added}、${changed} 或 ${removed}：${operation}`,
              `Data row ${rows} has an unknown operation: ${operation}`,
              dataPath,
            ),
          );
          return;
        }
        // A removed record is named by its key alone: only the key is there to check.
        if (operation === removed) {
          if (keyPositions.some((i) => i < 0 || (values[i] ?? '') === '')) {
            problems.push(
              problem(
                'increment-key-missing',
                `数据文件第 ${rows} 行删除的记录没有主键`,
                `Data row ${rows} removes a record without its key`,
                dataPath,
              ),
            );
          }
          return;
        }
        record = values.slice(0, fieldNames.length);
      }
      for (const issue of validator.validateRecord(rows, record)) {
        found += 1;
        const entryOf = listed.get(`${rows}\u0000${issue.field}\u0000${issue.rule}`);
        if (entryOf === undefined || entryOf.severity !== issue.severity) {
          unlisted += 1;
          if (examples.length < 5) examples.push(`第 ${rows} 行 ${issue.field} ${issue.rule}`);
        } else if (
          issue.severity === 'error' &&
          (entryOf.exemption === undefined || !exemptionIds.has(entryOf.exemption))
        ) {
          unexempted += 1;
          if (examples.length < 5)
            examples.push(`第 ${rows} 行 ${issue.field} ${issue.rule}（未豁免）`);
        }
      }
    },
    problems,
  );
  if (unlisted > 0) {
    problems.push(
      problem(
        'issues-unreported',
        `复核数据发现 ${unlisted} 个报告中没有列出的问题，如 ${examples.join('；')}`,
        `Checking the data again found ${unlisted} issues the report does not list, e.g. ${examples.join('; ')}`,
        dataPath,
      ),
    );
  }
  if (unexempted > 0) {
    problems.push(
      problem(
        'errors-unexempted',
        `数据中有 ${unexempted} 个错误没有清单记录的豁免`,
        `${unexempted} errors in the data have no exemption recorded in the manifest`,
        dataPath,
      ),
    );
  }
  if (rows !== submission.rows.packaged) {
    problems.push(
      problem(
        'row-count',
        `数据文件有 ${rows} 条记录，清单记为 ${submission.rows.packaged} 条`,
        `The data file has ${rows} records; the manifest says ${submission.rows.packaged}`,
        dataPath,
      ),
    );
  }
  return { rows, issues: found };
}

/** Checks that the report, the manifest's summary and each other agree. */
function checkReport(
  manifest: PackageManifest,
  report: ValidationReport | undefined,
  problems: ProblemSink,
): void {
  const submission = manifest['x-submission'];
  if (report === undefined) return;
  let errors = 0;
  let warnings = 0;
  let exempted = 0;
  for (const issue of report.issues) {
    if (issue.severity === 'error') {
      errors += 1;
      if (issue.exemption !== undefined) exempted += 1;
    } else warnings += 1;
  }
  const s = submission.issues;
  if (
    s.errors !== errors ||
    s.warnings !== warnings ||
    s.exemptedErrors !== exempted ||
    report.summary.errors !== errors ||
    report.summary.warnings !== warnings ||
    stableJson(report.rows) !== stableJson(submission.rows)
  ) {
    problems.push(
      problem(
        'summary-mismatch',
        `问题汇总不一致：清单记错误 ${s.errors}、警告 ${s.warnings}，报告列出错误 ${errors}、警告 ${warnings}`,
        `The issue summary disagrees: the manifest says ${s.errors} errors and ${s.warnings} warnings, the report lists ${errors} and ${warnings}`,
        packagePaths.validationJson,
      ),
    );
  }
}

async function checkAudit(zip: OpenZip, problems: ProblemSink): Promise<void> {
  const entry = zip.entries.find((e) => e.name === packagePaths.audit);
  if (entry === undefined) return;
  let isHeader = true;
  let row = 0;
  await readCsvEntry(
    zip,
    entry,
    (values) => {
      row += 1;
      if (isHeader) {
        isHeader = false;
        if (values.join(',') !== auditColumns.map((c) => c.name).join(',')) {
          problems.push(
            problem(
              'audit-header',
              '修改记录（audit/changes.csv）的表头不符',
              'audit/changes.csv has the wrong header',
              entry.name,
            ),
          );
        }
      } else if (values.length !== auditColumns.length) {
        problems.push(
          problem(
            'audit-row',
            `修改记录第 ${row} 行的列数不对`,
            `audit/changes.csv line ${row} has the wrong number of values`,
            entry.name,
          ),
        );
      }
    },
    problems,
  );
}

/** Largest datapackage.json.sig read: an SM2 DER signature is at most 72 bytes. */
const maxSignatureBytes = 1024;

/**
 * Checks the signature of the manifest's bytes: present when the manifest names a signer (and
 * the other way round); with a public key, made by that key and valid for these bytes.
 */
async function checkSignature(
  zip: OpenZip,
  manifestBytes: Uint8Array,
  signer: Signer | undefined,
  publicKey: PublicKeyFile | undefined,
  problems: ProblemSink,
): Promise<SignatureCheck> {
  const path = packagePaths.signature;
  const entry = zip.entries.find((e) => e.name === path);
  const isSigned = entry !== undefined || signer !== undefined;
  const base = { isSigned, ...(signer === undefined ? {} : { signer }) };
  let signature: Buffer | undefined;
  if (entry !== undefined) {
    try {
      signature = await zip.read(entry, maxSignatureBytes);
    } catch (error) {
      if (!(error instanceof ZipReadError)) throw error;
      problems.push(
        problem('signature-unreadable', error.error.message.zh, error.error.message.en, path),
      );
    }
  }
  if (signer !== undefined && entry === undefined) {
    problems.push(
      problem(
        'signature-missing',
        `清单写明由 ${signer.office} 签名，但数据包中没有签名文件 ${path}：签名被删除了，数据包不可信`,
        `The manifest says ${signer.office} signed it, but ${path} is missing: the signature was removed`,
        path,
      ),
    );
  } else if (signer === undefined && entry !== undefined) {
    problems.push(
      problem(
        'signer-missing',
        `数据包中有签名文件 ${path}，但清单中没有签名单位和公钥指纹：清单被改动过`,
        `${path} is present but the manifest names no signer: the manifest was changed`,
        manifestPath,
      ),
    );
  } else if (signer === undefined && publicKey !== undefined) {
    problems.push(
      problem(
        'signature-missing',
        '数据包没有签名：无法确认是由给定公钥的单位报送的。请让报送单位签名后重新报送',
        'The package is not signed, so it cannot be checked against the given public key',
        path,
      ),
    );
  }
  if (publicKey === undefined || signature === undefined || signer === undefined)
    return { ...base, isChecked: false, isValid: false };
  const checkedWith = publicKey.fingerprint;
  if (checkedWith !== signer.fingerprint) {
    problems.push(
      problem(
        'signature-wrong-key',
        `签名所用的密钥与给定公钥不符：签名单位为 ${signer.office}，密钥指纹 ${formatFingerprint(signer.fingerprint)}；给定公钥指纹 ${formatFingerprint(checkedWith)}。请确认是否用了该单位登记的公钥`,
        `Signed with another key: ${signer.office}, fingerprint ${signer.fingerprint}; the given public key is ${checkedWith}`,
        path,
      ),
    );
    return { ...base, isChecked: true, isValid: false, checkedWith };
  }
  const isValid = verifyMessage(manifestBytes, signature, publicKey.publicKey, signer.userId);
  if (!isValid) {
    problems.push(
      problem(
        'signature-invalid',
        `签名验证失败：datapackage.json 不是 ${signer.office} 签名时的内容（清单或签名被改动过，或签名属于另一份清单）`,
        `The signature does not verify: datapackage.json is not what ${signer.office} signed`,
        path,
      ),
    );
  }
  return { ...base, isChecked: true, isValid, checkedWith };
}

function unreadable(path: string, error: ZipReadError, file?: string): VerifyReport {
  const { code, message } = error.error;
  return {
    path,
    readable: false,
    ok: false,
    problems: [problem(code, message.zh, message.en, file)],
    checked: { files: 0, rows: 0, issues: 0 },
  };
}

/** Names that appear more than once, each once, in the order they first repeat. */
function findDuplicates(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) duplicates.add(name);
    else seen.add(name);
  }
  return [...duplicates];
}

/** Verifies a package; `ok` only when every check holds. */
export async function verifyPackage(
  path: string,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const problems = new ProblemList();
  let zip: OpenZip;
  try {
    zip = await openZipFile(path);
  } catch (error) {
    if (error instanceof ZipReadError) return unreadable(path, error);
    throw error;
  }
  try {
    for (const name of findDuplicates(zip.entries.map((e) => e.name))) {
      problems.push(
        problem('file-duplicate', `文件重复出现：${name}`, `A file appears twice: ${name}`, name),
      );
    }
    for (const entry of zip.entries) {
      if (entry.isEncrypted)
        problems.push(
          problem(
            'file-encrypted',
            `文件被加密：${entry.name}`,
            `An encrypted entry: ${entry.name}`,
            entry.name,
          ),
        );
    }
    const manifestEntry = zip.entries.find((e) => e.name === manifestPath);
    let manifest: PackageManifest | undefined;
    let manifestBytes: Buffer | undefined;
    if (manifestEntry === undefined) {
      problems.push(
        problem(
          'manifest-missing',
          '数据包中没有 datapackage.json',
          'The package has no datapackage.json',
          manifestPath,
        ),
      );
    } else {
      let bytes: Buffer;
      try {
        bytes = await zip.read(manifestEntry, maxManifestBytes);
      } catch (error) {
        if (error instanceof ZipReadError) return unreadable(path, error, manifestPath);
        throw error;
      }
      manifestBytes = bytes;
      manifest = readManifest(bytes, zip.comment, problems);
    }
    const files = await checkFiles(zip, manifest, problems);
    let checked = { files: files + (manifestEntry === undefined ? 0 : 1), rows: 0, issues: 0 };
    if (manifest === undefined) {
      return { path, readable: true, ok: false, problems: problems.finish(), checked };
    }
    const signature = await checkSignature(
      zip,
      manifestBytes ?? Buffer.alloc(0),
      manifest['x-submission'].signer,
      options.publicKey,
      problems,
    );
    const found = await findPackFor(manifest, options);
    if (found.problem !== undefined) problems.push(found.problem);
    const report = await readReport(zip, problems);
    checkReport(manifest, report, problems);
    await checkAudit(zip, problems);
    if (found.pack !== undefined) {
      checkManifest(manifest, found.pack, problems);
      const data = await checkData(zip, manifest, found.pack, report, problems);
      checked = { ...checked, ...data };
    }
    const listed = problems.finish();
    return {
      path,
      readable: true,
      ok: listed.length === 0,
      problems: listed,
      checked,
      submission: manifest['x-submission'],
      signature,
    };
  } finally {
    zip.close();
  }
}
