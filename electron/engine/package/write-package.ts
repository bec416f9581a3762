/**
 * Writes the sealed submission package of a project or a file (DESIGN.md section 5): one zip with the
 * data in standard form, the validation reports, the error workbook, the audit trail and the
 * manifest with the SHA-256 and SM3 of every file, sealed by the manifest's own checksums in the
 * zip comment.
 *
 * One pass over the records: each comes with its issues (a project's stored ones, current after
 * every change; only what answers by the day is checked again) or is checked once with every
 * rule of the pack (a file; the rules judge the standard form a package writes: codes, ISO
 * dates), held back when it has an error that no exemption covers (policy `block` stops the package, `exclude` leaves the record out), put in
 * standard form by the one standardisation of a value (a no-op for a value the import already
 * stored in it), masked for a 开放 package, and streamed into the zip. Both a project and a file come in
 * through one record source (package-source.ts), so there is one package format and one writer;
 * nothing but the issues to report and the key of each record seen (for duplicates) is held.
 * The zip is written under a temp
 * name and renamed when complete. The same project and options give the same bytes: nothing
 * depends on the clock or the machine but what the options say.
 */
import { beijingIso } from '../../../shared/text/beijing-time.ts';
import { join } from 'node:path';
import { lookupDivision } from '../../../shared/code-tables/divisions.ts';
import type { Issue } from '../../../shared/issue.ts';
import type { Dataset } from '../../../shared/pack/pack-schema.ts';
import {
  createFieldPlan,
  createPackageDataset,
  type FieldPlan,
} from '../../../shared/package/create-field-plan.ts';
import { createRecordStandardizer } from '../../../shared/package/create-record-standardizer.ts';
import {
  auditColumns,
  createAuditTableSchema,
  createTableSchema,
} from '../../../shared/package/create-table-schema.ts';
import { describeRule } from '../../../shared/package/describe-rule.ts';
import { createExemptionFinder, type Exemption } from '../../../shared/package/find-exemption.ts';
import { maskValue } from '../../../shared/package/mask-value.ts';
import { packageFileName, toChinaTime } from '../../../shared/package/package-file-name.ts';
import { packageKindNames, type PackageKind } from '../../../shared/package/package-kind.ts';
import {
  csvDialect,
  serializeSeal,
  submissionFormat,
  type PackageExemption,
  type PackageField,
  type PackageFile,
  type PackageManifest,
  type Submission,
} from '../../../shared/package/package-manifest.ts';
import { createFieldCodeNames } from '../../../shared/package/create-field-code-names.ts';
import { beijingDate } from '../../../shared/package/package-freshness.ts';
import { renderValidationHtml } from '../../../shared/package/render-validation-html.ts';
import { serializeCsvRow } from '../../../shared/package/serialize-csv-row.ts';
import {
  formulaLikeExampleRows,
  validationFormat,
  type FieldQuality,
  type FormulaLikeField,
  type ReportIssue,
  type ValidationReport,
} from '../../../shared/package/validation-report.ts';
import { err, ok, type Result } from '../../../shared/result.ts';
import { cellRules } from '../../../shared/rules/index.ts';
import { isFormulaLike } from '../../../shared/text/is-formula-like.ts';
import { fieldLabel } from '../../../shared/rules/rule-issue.ts';
import {
  createDatasetValidator,
  type DatasetValidator,
} from '../../../shared/validate/dataset-validator.ts';
import { createDayDependence } from '../../../shared/package/create-day-dependence.ts';
import type { ProgressListener, Workspace } from '../workspace/workspace.ts';
import { createProjectPackageSource, type PackageSource } from './package-source.ts';
import { sm2DefaultUserId, type OfficeKey } from '../signing/sm2-key.ts';
import { signMessage } from '../signing/sm2-signature.ts';
import { createZipWriter, type ZipWriter } from './create-zip-writer.ts';
import { createChunkedWriter } from './create-chunked-writer.ts';
import { digestBytes, type Digest } from './file-digest.ts';
import { writeErrorWorkbook, type ErrorWorkbookRow } from './write-error-workbook.ts';
import {
  checkIncrementable,
  createIncrementTableFields,
  incrementColumnsOf,
  recordKey,
  type IncrementCounts,
} from '../../../shared/package/increment.ts';
import { compareWithBase, fingerprintRecord, type PackageBase } from './record-fingerprint.ts';

/** What to do with records that have errors no exemption covers. */
export type ErrorPolicy = 'block' | 'exclude';

/** How to write a package. */
export interface PackageOptions {
  readonly kind: PackageKind;
  readonly onError: ErrorPolicy;
  /** The package's created time: its name, its entries' times and "today" for the date rules. */
  readonly created: Date;
  /** The folder the zip is written to. */
  readonly outDir: string;
  /** GB/T 2260 code of the submitting division (the county). */
  readonly division: string;
  /** Defaults to the project's department. */
  readonly department?: string;
  /** Defaults to the project's period. */
  readonly period?: string;
  /** 数据提供人; defaults to the department. */
  readonly provider?: string;
  /** 数据管理员: who writes the package. */
  readonly steward: string;
  /** 审核人; defaults to the reviewers named by the exemptions used. */
  readonly reviewer?: string;
  readonly toolVersion: string;
  /** Where the zip is written until complete (same volume as `outDir`); defaults to `outDir`. */
  readonly tempDir?: string;
  readonly onProgress?: ProgressListener;
  /**
   * The office key to sign the manifest with (issue #15): the signer facts go into
   * `x-submission.signer` and the signature into `datapackage.json.sig`. The signing time is
   * `created`, and the nonce is deterministic, so a signed package is reproducible too.
   */
  readonly sign?: OfficeKey;
  /**
   * Writes an incremental package (增量) against this base: only the records added, changed
   * and removed since it, each with its operation and update time. Absent: a full package.
   */
  readonly base?: PackageBase;
  /** Returns every packaged record's key and fingerprint (a project remembers them). */
  readonly shouldFingerprint?: boolean;
}

/** A package that was written. */
export interface WrittenPackage {
  readonly path: string;
  readonly manifest: PackageManifest;
  /** SHA-256 of the manifest as written (how a later increment names this package). */
  readonly sha256: string;
  /**
   * The key and fingerprint of every record the project would hold in a full package now (for
   * an increment too: the state it brings the province to), when fingerprints were asked for.
   */
  readonly records?: ReadonlyMap<string, string>;
  /** What an incremental package holds against its base. */
  readonly changes?: IncrementCounts;
}

/** An error that stops a package: a rule and field, how many records, and the first few. */
export interface Blocker {
  readonly rule: string;
  readonly field: string;
  readonly count: number;
  readonly rids: number[];
  readonly example: string;
}

/** The path of each file in the zip, in the order they are stored. */
export const packagePaths = {
  data: (dataset: string) => `data/${dataset}.csv`,
  validationJson: 'reports/validation.json',
  validationHtml: 'reports/validation.html',
  errors: 'reports/errors.xlsx',
  audit: 'audit/changes.csv',
  manifest: 'datapackage.json',
  /** The SM2 signature of the manifest's bytes, DER, when the package is signed. */
  signature: 'datapackage.json.sig',
} as const;

const toolName = '数据归集工作台 / data-steward-workbench';
/** An ISO calendar date, the form a date field is standardised to. */
const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

/** The package's date (Beijing) as ISO, the `today` its rules judge by. */
export function isoDate(created: Date): string {
  const t = toChinaTime(created);
  return `${t.year}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;
}

function tallyBlocker(blockers: Map<string, Blocker>, issue: Issue, rid: number): void {
  const key = `${issue.rule}\u0000${issue.field}`;
  const found = blockers.get(key);
  if (found === undefined) {
    blockers.set(key, {
      rule: issue.rule,
      field: issue.field,
      count: 1,
      rids: [rid],
      example: issue.message.zh,
    });
  } else {
    (found as { count: number }).count += 1;
    if (found.rids.length < 5) found.rids.push(rid);
  }
}

/** Describes the blockers for a clerk, one line each. */
export function describeBlockers(
  source: { readonly dataset: Dataset },
  blockers: readonly Blocker[],
): string[] {
  const titles = new Map(source.dataset.fields.map((f) => [f.name, f.title]));
  return blockers.map((b) => {
    const rule = describeRule(source.dataset, b.rule).zh;
    const more = b.count > b.rids.length ? ' 等' : '';
    return `${titles.get(b.field) ?? b.field}（${b.field}）· ${rule}（${b.rule}）：${b.count} 条记录，记录编号 ${b.rids.join('、')}${more}。例：${b.example}`;
  });
}

/**
 * How a 开放 package may show an issue: values and specific messages only for fields it shows
 * whole; a masked field's value masked; nothing of a dropped field but its name and rule. The
 * messages of cross-field rules can quote other fields, so they become the rule's name.
 */
function createIssuePresenter(
  kind: PackageKind,
  plan: readonly FieldPlan[],
  dataset: Dataset,
): (issue: Issue) => Pick<ReportIssue, 'value' | 'message' | 'suggestion'> {
  const planOf = new Map(plan.map((p) => [p.field.name, p]));
  return (issue) => {
    const p = planOf.get(issue.field);
    const whole = p?.action === 'keep';
    const isCellRule = cellRules[issue.rule] !== undefined;
    if (kind === 'share' || (whole && isCellRule)) {
      return {
        value: issue.value,
        message: issue.message,
        ...(issue.suggestion === undefined ? {} : { suggestion: issue.suggestion }),
      };
    }
    const field = p?.field ?? { name: issue.field, title: issue.field };
    const label = fieldLabel(field);
    const rule = describeRule(dataset, issue.rule);
    const message = { zh: `${label.zh}：${rule.zh}`, en: `${label.en}: ${rule.en}` };
    if (p === undefined || p.action === 'drop') return { message };
    if (p.action === 'mask') return { value: maskValue(p.mask, issue.value), message };
    return { value: issue.value, message };
  };
}

/**
 * Writes the package of a project. Fails with `package-blocked` (the details say what blocks
 * it) when policy `block` meets an error no exemption covers; nothing is left on disk then.
 */
export function writePackage(
  workspace: Workspace,
  options: PackageOptions,
): Promise<Result<WrittenPackage>> {
  return writeSourcePackage(createProjectPackageSource(workspace), options);
}

/**
 * Writes the package of a record source (a project, or a file read once), as `writePackage`
 * says.
 */
export async function writeSourcePackage(
  source: PackageSource,
  options: PackageOptions,
): Promise<Result<WrittenPackage>> {
  const { pack, dataset } = source;
  const department = options.department ?? source.department;
  const period = options.period ?? source.period;
  const division = lookupDivision(options.division);
  const kindName = packageKindNames[options.kind];
  const base = options.base;
  const fullName = packageFileName(
    dataset.name,
    options.division,
    period,
    options.created,
    options.kind,
  );
  const fileName = base === undefined ? fullName : fullName.replace(/\.zip$/, '_incremental.zip');
  const path = join(options.outDir, fileName);
  // "Today" for a package is the calendar day of its created time in Beijing time (`created`,
  // `--created`), never the clock at the moment of writing: the day-dependent rules
  // (date-not-future, update-age, an ID's birth date not after today) answer as of that day, so
  // the same project and options give the same bytes on any day (docs/package-format.md).
  const today = isoDate(options.created);
  const context = { today };

  const plan = createFieldPlan(dataset, options.kind);
  const packageDataset = createPackageDataset(dataset, plan);
  const shown = plan.filter((p) => p.action !== 'drop');
  const standardize = createRecordStandardizer(pack, dataset);
  // A source that keeps its records' issues current (a project: every change checks its records
  // again) is not validated a second time: each record's stored issues are taken, and only a
  // record whose day-dependent rules may answer otherwise on the package's day is checked again
  // (create-day-dependence.ts), its unique and key rules answered from the project's records.
  // A file is checked here, once per record. The validator is made on first need.
  const { checked } = source;
  const dependsOnDay =
    checked === undefined ? undefined : createDayDependence(dataset, checked, today);
  let validator: DatasetValidator | undefined;
  const validate = (rid: number, values: readonly string[]): Issue[] => {
    validator ??= createDatasetValidator(pack, dataset, context, checked?.firstRowIndex);
    return validator.validateRecord(rid, values);
  };
  const presentIssue = createIssuePresenter(options.kind, plan, dataset);
  const { exemptions, sources, total } = source;
  const findExemption = createExemptionFinder(exemptions);
  const excludedByUserSet = source.excludedRecords;
  const audit = source.auditTrail;
  const auditRids = new Set(audit.map((a) => a.rid));
  const keyIndexes = (dataset.primaryKey ?? []).map((name) =>
    dataset.fields.findIndex((f) => f.name === name),
  );
  const incrementColumns = incrementColumnsOf(pack);
  const shownWhole = shown.filter((p) => p.action === 'keep').map((p) => p.field.name);
  const notIncrementable = checkIncrementable(dataset, shownWhole, incrementColumns);
  if (base !== undefined && notIncrementable !== undefined) {
    return err('increment-impossible', notIncrementable.zh, notIncrementable.en);
  }
  // Where the key fields stand among the written values (the columns of the data file).
  const keyPositions =
    notIncrementable === undefined
      ? (dataset.primaryKey ?? []).map((name) => shown.findIndex((p) => p.field.name === name))
      : [];
  const isFingerprinting =
    notIncrementable === undefined && (base !== undefined || options.shouldFingerprint === true);
  const records = new Map<string, string>();
  const changes = { added: 0, changed: 0, removed: 0, unchanged: 0 };
  let duplicateKey: string | undefined;
  // A record's update time: its last change in force, or the package's time when none.
  const updatedOf = new Map<number, string>();
  for (const change of audit) updatedOf.set(change.rid, beijingIso(change.at));
  const packageTime = beijingIso(options.created.toISOString());

  const zip: ZipWriter = createZipWriter(path, options.created, options.tempDir);
  let isWriting = true;
  const stopWriting = async (): Promise<void> => {
    if (!isWriting) return;
    isWriting = false;
    await zip.abort();
  };
  const dataPath = packagePaths.data(dataset.name);
  const dataEntry = zip.addStream(dataPath);
  const data = createChunkedWriter(() => (isWriting ? dataEntry : undefined));

  try {
    const header = shown.map((p) => p.field.name);
    if (base !== undefined)
      header.push(incrementColumns.operation.name, incrementColumns.updated.name);
    await data.write(serializeCsvRow(header));

    const blockers = new Map<string, Blocker>();
    const excludedByRule: Record<string, number> = {};
    const exemptionUse = new Map<number, number>();
    const exemptionRow = new Map<number, number>();
    const reportIssues: ReportIssue[] = [];
    const errorRows: ErrorWorkbookRow[] = [];
    const quality = plan.map((p) => ({ filled: 0, invalid: 0, errors: 0, warnings: 0, p }));
    // Per shown field, the values Excel may run as a formula: kept exact, warned about.
    const formulaLike = shown.map((p) => ({ count: 0, rows: [] as number[], p }));
    const keyOf = new Map<number, string>();
    const rowOf = new Map<number, number>();
    let projectRows = 0;
    let excludedByUser = 0;
    let excludedByPolicy = 0;
    let row = 0;
    let rowsWithErrors = 0;
    // The newest and oldest update times of the packaged records (ISO dates compare as text).
    const updateIndex =
      dataset.updateTimeField === undefined
        ? -1
        : dataset.fields.findIndex((f) => f.name === dataset.updateTimeField);
    let newestUpdate: string | undefined;
    let oldestUpdate: string | undefined;

    const keyText = (standard: readonly string[]): string =>
      keyIndexes
        .map((index) => {
          const p = plan[index];
          const value = standard[index] ?? '';
          if (p === undefined || p.action === 'drop') return '';
          return p.action === 'mask' ? maskValue(p.mask, value) : value;
        })
        .join('|');

    for await (const record of source.records()) {
      projectRows += 1;
      if (projectRows % 10_000 === 0) options.onProgress?.(projectRows, total);
      const { rid } = record;
      if (excludedByUserSet.has(rid)) {
        excludedByUser += 1;
        if (auditRids.has(rid)) keyOf.set(rid, keyText(standardize(record.values)));
        continue;
      }
      const values = new Array<string>(record.values.length);
      for (let i = 0; i < values.length; i += 1) values[i] = record.values[i] ?? '';
      const standard = standardize(values);
      const issues =
        record.issues !== undefined && dependsOnDay?.(standard) === false
          ? record.issues
          : validate(rid, values);
      // Most records have no issue: the per-record collections are made only when one is needed.
      let exemptionOf: Map<Issue, Exemption> | undefined;
      let unexempted: Issue[] | undefined;
      for (const issue of issues) {
        if (issue.severity !== 'error') continue;
        const exemption = findExemption(issue, rid);
        if (exemption === undefined) (unexempted ??= []).push(issue);
        else (exemptionOf ??= new Map()).set(issue, exemption);
      }
      if (unexempted !== undefined) {
        if (options.onError === 'block') {
          for (const issue of unexempted) tallyBlocker(blockers, issue, rid);
          await stopWriting();
        } else {
          excludedByPolicy += 1;
          for (const rule of new Set(unexempted.map((i) => i.rule)))
            excludedByRule[rule] = (excludedByRule[rule] ?? 0) + 1;
        }
        if (auditRids.has(rid)) keyOf.set(rid, keyText(standard));
        continue;
      }

      const output = new Array<string>(shown.length);
      for (let i = 0; i < shown.length; i += 1) {
        const p = shown[i] as FieldPlan;
        const value = standard[p.index] ?? '';
        output[i] = p.action === 'mask' ? maskValue(p.mask, value) : value;
      }
      let operation: string | undefined;
      if (isFingerprinting) {
        const key = recordKey(output, keyPositions);
        const print = fingerprintRecord(output);
        if (records.has(key)) duplicateKey ??= key;
        records.set(key, print);
        if (base !== undefined) {
          const change = compareWithBase(base, key, print);
          changes[change] += 1;
          if (change === 'unchanged') continue;
          operation = incrementColumns.operation[change];
        }
      }
      row += 1;
      // No second check of the record as written: the rules judged the standard form the data
      // file holds (dataset-validator.ts), so what passed there passes `verify`.
      if (blockers.size > 0) continue;
      const line =
        operation === undefined
          ? output
          : [...output, operation, updatedOf.get(rid) ?? packageTime];
      if (data.append(serializeCsvRow(line))) await data.flush();
      for (let i = 0; i < output.length; i += 1) {
        const value = output[i] as string;
        if (!isFormulaLike(value)) continue;
        const f = formulaLike[i];
        if (f === undefined) continue;
        f.count += 1;
        if (f.rows.length < formulaLikeExampleRows) f.rows.push(row);
      }
      if (auditRids.has(rid)) {
        keyOf.set(rid, keyText(standard));
        rowOf.set(rid, row);
      }

      for (const q of quality) {
        if ((standard[q.p.index] ?? '') !== '') q.filled += 1;
      }
      const updated = updateIndex < 0 ? undefined : standard[updateIndex];
      if (updated !== undefined && isoDatePattern.test(updated)) {
        if (newestUpdate === undefined || updated > newestUpdate) newestUpdate = updated;
        if (oldestUpdate === undefined || updated < oldestUpdate) oldestUpdate = updated;
      }
      if (issues.length === 0) continue;

      const origin = sources.get(record.sourceId);
      const provenance = {
        file: origin?.file ?? '',
        sheet: origin?.sheet ?? '',
        row: record.sourceRow,
      };
      let hasError = false;
      const errorFields = new Set<string>();
      for (const issue of issues) {
        const exemption = exemptionOf?.get(issue);
        if (exemption !== undefined) {
          exemptionUse.set(
            exemption.operationId,
            (exemptionUse.get(exemption.operationId) ?? 0) + 1,
          );
          if (exemption.rid !== undefined) exemptionRow.set(exemption.operationId, row);
        }
        if (issue.severity === 'error') {
          hasError = true;
          errorFields.add(issue.field);
        }
        reportIssues.push({
          row,
          rid,
          source: provenance,
          field: issue.field,
          rule: issue.rule,
          severity: issue.severity,
          ...presentIssue(issue),
          ...(exemption === undefined ? {} : { exemption: exemption.operationId }),
        });
      }
      if (hasError) rowsWithErrors += 1;
      for (const q of quality) {
        if (errorFields.has(q.p.field.name)) q.invalid += 1;
      }
      for (const issue of issues) {
        const q = quality.find((x) => x.p.field.name === issue.field);
        if (q === undefined) continue;
        if (issue.severity === 'error') q.errors += 1;
        else q.warnings += 1;
      }
      errorRows.push({
        rid,
        source: provenance,
        values: shown.map((p) => {
          const value = values[p.index] ?? '';
          return p.action === 'mask' ? maskValue(p.mask, value) : value;
        }),
        issues: issues.map((issue) => ({
          field: issue.field,
          rule: issue.rule,
          severity: issue.severity,
          ...presentIssue(issue),
        })),
      });
    }
    options.onProgress?.(projectRows, total);

    if (blockers.size > 0) {
      await stopWriting();
      const list = [...blockers.values()];
      return err(
        'package-blocked',
        `有 ${list.length} 类错误没有豁免，不能打包。请改正数据、由审核人登记豁免，或用“排除有错误的记录”（--on-error exclude）`,
        `${list.length} kinds of errors have no exemption; the package was not written. Fix the data, have a reviewer record exemptions, or exclude the records (--on-error exclude)`,
        describeBlockers(source, list),
      );
    }

    if (base !== undefined && duplicateKey !== undefined) {
      await stopWriting();
      return err(
        'increment-duplicate-key',
        `主键 ${(JSON.parse(duplicateKey) as string[]).join('、')} 有重复记录，增量报送无法区分它们；请先处理重复记录`,
        `Key ${duplicateKey} occurs more than once; an incremental package cannot tell the records apart`,
      );
    }
    if (base !== undefined) {
      // A removed record is named by its key alone, after the added and changed ones.
      for (const key of base.records.keys()) {
        if (records.has(key)) continue;
        const keyValues = JSON.parse(key) as string[];
        const line = new Array<string>(shown.length).fill('');
        keyPositions.forEach((position, i) => {
          line[position] = keyValues[i] ?? '';
        });
        line.push(incrementColumns.operation.removed, packageTime);
        row += 1;
        changes.removed += 1;
        if (data.append(serializeCsvRow(line))) await data.flush();
      }
    }
    const dataDigest = await data.end();
    const files: PackageFile[] = [{ path: dataPath, ...dataDigest }];
    const add = (name: string, bytes: Uint8Array): Digest => {
      const digest = digestBytes(bytes);
      zip.addBuffer(name, bytes);
      files.push({ path: name, ...digest });
      return digest;
    };

    const usedExemptions = exemptions.filter((e) => (exemptionUse.get(e.operationId) ?? 0) > 0);
    const reviewer =
      options.reviewer ?? [...new Set(usedExemptions.map((e) => e.reviewer))].join('、');
    const provider = options.provider ?? department;
    const packageExemptions: PackageExemption[] = exemptions.map((e) => {
      const rowOfExemption = exemptionRow.get(e.operationId);
      return {
        operationId: e.operationId,
        rule: e.rule,
        ...(e.field === undefined ? {} : { field: e.field }),
        ...(e.rid === undefined ? {} : { rid: e.rid }),
        ...(rowOfExemption === undefined ? {} : { row: rowOfExemption }),
        reason: e.reason,
        reviewer: e.reviewer,
        issues: exemptionUse.get(e.operationId) ?? 0,
      };
    });
    const byRule: Record<string, { errors: number; warnings: number }> = {};
    let errors = 0;
    let warnings = 0;
    let exemptedErrors = 0;
    for (const issue of reportIssues) {
      const counts = (byRule[issue.rule] ??= { errors: 0, warnings: 0 });
      if (issue.severity === 'error') {
        errors += 1;
        counts.errors += 1;
        if (issue.exemption !== undefined) exemptedErrors += 1;
      } else {
        warnings += 1;
        counts.warnings += 1;
      }
    }
    const rows = { project: projectRows, packaged: row, excludedByUser, excludedByPolicy };
    const created = options.created.toISOString();

    const fields: FieldQuality[] = quality.map((q) => ({
      name: q.p.field.name,
      title: q.p.field.title,
      action: q.p.action,
      filled: q.filled,
      invalid: q.invalid,
      errors: q.errors,
      warnings: q.warnings,
    }));
    const report: ValidationReport = {
      format: validationFormat,
      submission: {
        standard: { id: pack.id, title: pack.title, version: pack.version },
        dataset: { name: dataset.name, title: dataset.title },
        division: options.division,
        department,
        provider,
        steward: options.steward,
        reviewer,
        period,
        kind: kindName,
        created,
        today,
      },
      rows,
      summary: { errors, warnings, rowsWithErrors, exemptedErrors },
      rules: Object.entries(byRule)
        .sort(
          (a, b) =>
            b[1].errors + b[1].warnings - (a[1].errors + a[1].warnings) || (a[0] < b[0] ? -1 : 1),
        )
        .map(([rule, counts]) => ({ rule, title: describeRule(dataset, rule), ...counts })),
      fields,
      formulaLike: formulaLike
        .filter((f) => f.count > 0)
        .map((f): FormulaLikeField => ({
          name: f.p.field.name,
          title: f.p.field.title,
          count: f.count,
          rows: f.rows,
        })),
      freshness: {
        asOf: newestUpdate ?? beijingDate(options.created),
        asOfSource: newestUpdate === undefined ? 'created' : 'update-time',
        ...(dataset.updateCycle !== undefined && { updateCycle: dataset.updateCycle }),
        ...(dataset.updateTimeField !== undefined && { updateTimeField: dataset.updateTimeField }),
        ...(oldestUpdate !== undefined && { oldestUpdate }),
      },
      exemptions: packageExemptions.map(({ rid: _rid, ...rest }) => rest),
      issues: reportIssues,
    };
    add(packagePaths.validationJson, Buffer.from(`${JSON.stringify(report, null, 1)}\n`, 'utf8'));
    // Code fields show their names beside the codes; a masked field's values are not codes.
    const codeNames = createFieldCodeNames(
      pack,
      shown.filter((p) => p.action !== 'mask').map((p) => p.field),
    );
    add(packagePaths.validationHtml, Buffer.from(renderValidationHtml(report, codeNames), 'utf8'));
    add(
      packagePaths.errors,
      await writeErrorWorkbook({
        meta: {
          packId: pack.id,
          packVersion: pack.version,
          dataset: dataset.name,
          department,
          period,
          projectCreatedAt: source.projectCreatedAt,
          created,
          isMasked: options.kind === 'open',
        },
        datasetTitle: dataset.title,
        fields: shown.map((p) => p.field),
        rows: errorRows,
        created: options.created,
        codeNames,
      }),
    );

    const planOf = new Map(plan.map((p) => [p.field.name, p]));
    let auditText = serializeCsvRow(auditColumns.map((c) => c.name));
    for (const change of audit) {
      const p = planOf.get(change.field);
      if (p === undefined || p.action === 'drop') continue;
      const show = (value: string | null): string =>
        value === null ? '' : p.action === 'mask' ? maskValue(p.mask, value) : value;
      const rowText = rowOf.get(change.rid);
      auditText += serializeCsvRow([
        String(change.operationId),
        change.kind,
        String(change.rid),
        rowText === undefined ? '' : String(rowText),
        keyOf.get(change.rid) ?? '',
        change.field,
        p.field.title,
        show(change.old),
        show(change.new),
        change.who,
        beijingIso(change.at),
        change.why,
      ]);
    }
    const auditDigest = add(packagePaths.audit, Buffer.from(auditText, 'utf8'));

    const packageFields: PackageField[] = plan.map((p) => ({
      name: p.field.name,
      title: p.field.title,
      sharing: p.field.classification.sharing,
      opening: p.field.classification.opening,
      personal: p.field.classification.personal,
      action: p.action,
      ...(p.action === 'mask' ? { mask: p.mask } : {}),
      note: p.reason,
    }));
    const submission: Submission = {
      format: submissionFormat,
      standard: {
        id: pack.id,
        title: pack.title,
        version: pack.version,
        sha256: source.packSha256,
      },
      dataset: { name: dataset.name, title: dataset.title },
      division: {
        code: options.division,
        ...(division === undefined ? {} : { name: division.name }),
      },
      department,
      provider,
      steward: options.steward,
      reviewer,
      period,
      kind: kindName,
      created,
      tool: { name: toolName, version: options.toolVersion },
      policy: { onError: options.onError },
      rows,
      issues: { errors, warnings, rowsWithErrors, exemptedErrors, byRule },
      exemptions: packageExemptions,
      excludedByRule,
      fields: packageFields,
      files,
      ...(options.sign === undefined
        ? {}
        : {
            signer: {
              office: options.sign.office,
              fingerprint: options.sign.fingerprint,
              algorithm: 'SM2-SM3' as const,
              userId: sm2DefaultUserId,
              signed: created,
            },
          }),
      ...(base === undefined
        ? {}
        : { mode: '增量' as const, base: { sha256: base.sha256 }, changes: { ...changes } }),
    };
    const dataSchema = createTableSchema(pack, packageDataset, plan);
    const manifest: PackageManifest = {
      profile: 'tabular-data-package',
      name: fileName
        .replace(/\.zip$/, '')
        .toLowerCase()
        .replace(/[^-a-z0-9._/]/g, '-'),
      title: `${dataset.title}（${kindName}${base === undefined ? '' : '·增量'}）${department} ${period}`,
      created,
      resources: [
        {
          name: dataset.name,
          title: dataset.title,
          path: dataPath,
          profile: 'tabular-data-resource',
          format: 'csv',
          mediatype: 'text/csv',
          encoding: 'utf-8',
          bytes: dataDigest.bytes,
          hash: `sha256:${dataDigest.sha256}`,
          dialect: csvDialect,
          schema:
            base === undefined
              ? dataSchema
              : {
                  ...dataSchema,
                  fields: [...dataSchema.fields, ...createIncrementTableFields(incrementColumns)],
                },
        },
        {
          name: 'audit-changes',
          title: '修改记录',
          path: packagePaths.audit,
          profile: 'tabular-data-resource',
          format: 'csv',
          mediatype: 'text/csv',
          encoding: 'utf-8',
          bytes: auditDigest.bytes,
          hash: `sha256:${auditDigest.sha256}`,
          dialect: csvDialect,
          schema: createAuditTableSchema(),
        },
      ],
      'x-submission': submission,
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
    const seal = digestBytes(manifestBytes);
    zip.addBuffer(packagePaths.manifest, manifestBytes);
    if (options.sign !== undefined)
      zip.addBuffer(packagePaths.signature, signMessage(manifestBytes, options.sign.keyPair));
    await zip.finish(serializeSeal(seal.sha256, seal.sm3));
    return ok({
      path,
      manifest,
      sha256: seal.sha256,
      ...(isFingerprinting ? { records } : {}),
      ...(base === undefined ? {} : { changes: { ...changes } }),
    });
  } catch (error) {
    await stopWriting();
    throw error;
  }
}
