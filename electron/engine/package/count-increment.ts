/**
 * 增量报送 before writing (issue #15): how many records a package written now would add,
 * change and remove against a base, and how many it would leave as they were. It reads the
 * records as the package writer does (the same exclusions, the same error policy, the same
 * standard form and masks, the same key and fingerprint, compareWithBase), but writes nothing,
 * so the count the 打包 step shows is the count the written package's x-submission states.
 */
import type { Dataset, Pack } from '../../../shared/pack/pack-schema.ts';
import { createFieldPlan } from '../../../shared/package/create-field-plan.ts';
import { createRecordStandardizer } from '../../../shared/package/create-record-standardizer.ts';
import { createExemptionFinder } from '../../../shared/package/find-exemption.ts';
import {
  checkIncrementable,
  incrementColumnsOf,
  recordKey,
  type IncrementCounts,
} from '../../../shared/package/increment.ts';
import { maskValue } from '../../../shared/package/mask-value.ts';
import type { PackageKind } from '../../../shared/package/package-kind.ts';
import { err, ok, type Result } from '../../../shared/result.ts';
import { createDatasetValidator } from '../../../shared/validate/dataset-validator.ts';
import type { PackageSource } from './package-source.ts';
import { compareWithBase, fingerprintRecord, type PackageBase } from './record-fingerprint.ts';
import { isoDate } from './write-package.ts';

/** What the count needs: the package's kind and error policy, its time and its base. */
export interface CountIncrementOptions {
  readonly kind: PackageKind;
  readonly onError: 'block' | 'exclude';
  /** The time the package would be written (its rules judge dates by that day). */
  readonly created: Date;
  readonly base: PackageBase;
}

/**
 * Why a package of this kind of the dataset cannot be incremental (no primary key, a key field
 * masked or dropped in this kind), or undefined when it can: the writer's own check.
 */
export function whyNotIncrementable(
  pack: Pack,
  dataset: Dataset,
  kind: PackageKind,
): { zh: string; en: string } | undefined {
  const shownWhole = createFieldPlan(dataset, kind)
    .filter((p) => p.action === 'keep')
    .map((p) => p.field.name);
  return checkIncrementable(dataset, shownWhole, incrementColumnsOf(pack));
}

/** Every this many records the count lets the engine answer other requests (grid pages). */
const yieldEvery = 5_000;

/**
 * Counts what an incremental package written now would hold against `base`. With 阻止打包
 * (block) a record with an error no exemption covers would stop the package altogether, so the
 * count takes every record in; with 排除 (exclude) it leaves those records out, as the writer
 * does.
 */
export async function countIncrement(
  source: PackageSource,
  options: CountIncrementOptions,
): Promise<Result<IncrementCounts>> {
  const { pack, dataset } = source;
  const shown = createFieldPlan(dataset, options.kind).filter((p) => p.action !== 'drop');
  const notIncrementable = whyNotIncrementable(pack, dataset, options.kind);
  if (notIncrementable !== undefined) {
    return err('increment-impossible', notIncrementable.zh, notIncrementable.en);
  }
  const keyPositions = (dataset.primaryKey ?? []).map((name) =>
    shown.findIndex((p) => p.field.name === name),
  );
  const standardize = createRecordStandardizer(pack, dataset);
  // Only 排除 needs the rules: with 阻止打包 either every record goes in or none is written.
  const validate =
    options.onError === 'exclude'
      ? createDatasetValidator(pack, dataset, { today: isoDate(options.created) })
      : undefined;
  const findExemption = createExemptionFinder(source.exemptions);
  const excluded = source.excludedRecords;
  const seen = new Set<string>();
  const counts = { added: 0, changed: 0, removed: 0, unchanged: 0 };
  let duplicateKey: string | undefined;
  let read = 0;

  for await (const record of source.records()) {
    read += 1;
    if (read % yieldEvery === 0) await new Promise((resolve) => setImmediate(resolve));
    if (excluded.has(record.rid)) continue;
    const values = record.values.map((v) => v ?? '');
    if (validate !== undefined) {
      const issues = validate.validateRecord(record.rid, values);
      const isLeftOut = issues.some(
        (issue) => issue.severity === 'error' && findExemption(issue, record.rid) === undefined,
      );
      if (isLeftOut) continue;
    }
    const standard = standardize(values);
    const output = shown.map((p) => {
      const value = standard[p.index] ?? '';
      return p.action === 'mask' ? maskValue(p.mask, value) : value;
    });
    const key = recordKey(output, keyPositions);
    if (seen.has(key)) duplicateKey ??= key;
    seen.add(key);
    counts[compareWithBase(options.base, key, fingerprintRecord(output))] += 1;
  }
  if (duplicateKey !== undefined) {
    return err(
      'increment-duplicate-key',
      `主键 ${(JSON.parse(duplicateKey) as string[]).join('、')} 有重复记录，增量报送无法区分它们；请先处理重复记录，或改用全量`,
      `Key ${duplicateKey} occurs more than once; an incremental package cannot tell the records apart`,
    );
  }
  for (const key of options.base.records.keys()) if (!seen.has(key)) counts.removed += 1;
  return ok(counts);
}
