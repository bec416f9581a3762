/**
 * Incremental packages (增量报送, issue #15) around the one writer: the base of an increment,
 * from the project's own history or from a package the office sent earlier, and a project's
 * package written and remembered.
 */
import { basename } from 'node:path';
import type { Dataset, Pack } from '../../../shared/pack/pack-schema.ts';
import { createFieldPlan } from '../../../shared/package/create-field-plan.ts';
import { applyIncrement } from '../../../shared/package/apply-increment.ts';
import {
  incrementColumnsOf,
  packageModeNames,
  recordKey,
  type PackageMode,
} from '../../../shared/package/increment.ts';
import { packageKindNames, type PackageKind } from '../../../shared/package/package-kind.ts';
import { err, ok, type Result } from '../../../shared/result.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { createProjectPackageSource } from './package-source.ts';
import type { PackageData } from './read-package-data.ts';
import { fingerprintRecord, type PackageBase } from './record-fingerprint.ts';
import { writeSourcePackage, type PackageOptions, type WrittenPackage } from './write-package.ts';

/** The columns of a full package's data file for a kind: the fields it does not drop. */
function fullHeader(dataset: Dataset, kind: PackageKind): string[] {
  return createFieldPlan(dataset, kind)
    .filter((p) => p.action !== 'drop')
    .map((p) => p.field.name);
}

function keyPositionsOf(dataset: Dataset, header: readonly string[]): number[] {
  return (dataset.primaryKey ?? []).map((name) => header.indexOf(name));
}

/** Checks that a package is a full package of this dataset and kind, usable as a base. */
function checkFullPackage(data: PackageData, dataset: Dataset, kind: PackageKind): Result<void> {
  const submission = data.manifest['x-submission'];
  if (submission.dataset.name !== dataset.name) {
    return err(
      'base-other-dataset',
      `基础数据包是数据集「${submission.dataset.title}」的，不是「${dataset.title}」的`,
      `The base package is of dataset ${submission.dataset.name}, not ${dataset.name}`,
    );
  }
  if (submission.kind !== packageKindNames[kind]) {
    return err(
      'base-other-kind',
      `基础数据包是${submission.kind}数据包，本次是${packageKindNames[kind]}数据包：请选同类的数据包`,
      `The base package is of another kind (${submission.kind})`,
    );
  }
  if (submission.mode === '增量') {
    return err(
      'base-incremental',
      '基础数据包本身是增量包：请选一个全量数据包，或先用 steward apply 合成全量',
      'The base package is itself incremental: choose a full package (steward apply makes one)',
    );
  }
  if (data.header.join(',') !== fullHeader(dataset, kind).join(',')) {
    return err(
      'base-other-columns',
      '基础数据包的数据列与当前标准包不一致，无法比较；请改用全量报送',
      "The base package's columns differ from the pack's; submit in full",
    );
  }
  return ok(undefined);
}

/** The base of an increment from a full package the office sent earlier (its data file). */
export function baseFromPackage(
  data: PackageData,
  dataset: Dataset,
  kind: PackageKind,
): Result<PackageBase> {
  const checked = checkFullPackage(data, dataset, kind);
  if (!checked.ok) return checked;
  const positions = keyPositionsOf(dataset, data.header);
  if (positions.length === 0 || positions.includes(-1)) {
    return err(
      'increment-impossible',
      `数据集「${dataset.title}」没有主键（或主键不在数据包中），无法增量报送，只能全量报送`,
      `Dataset "${dataset.title}" has no primary key in the package, so it can only be submitted in full`,
    );
  }
  const records = new Map<string, string>();
  for (const row of data.rows) records.set(recordKey(row, positions), fingerprintRecord(row));
  return ok({ sha256: data.sha256, records });
}

/** Rebuilds a full package's data rows from a full base and its deltas, in order. */
export function applyPackages(
  pack: Pack,
  base: PackageData,
  deltas: readonly PackageData[],
): Result<{ header: string[]; rows: string[][] }> {
  const submission = base.manifest['x-submission'];
  const dataset = pack.datasets.find((d) => d.name === submission.dataset.name);
  if (dataset === undefined) {
    return err(
      'dataset-not-found',
      `标准包中没有数据集「${submission.dataset.name}」`,
      `The pack has no dataset ${submission.dataset.name}`,
    );
  }
  const kind: PackageKind = submission.kind === '开放' ? 'open' : 'share';
  const checked = checkFullPackage(base, dataset, kind);
  if (!checked.ok) return checked;
  const columns = incrementColumnsOf(pack);
  const positions = keyPositionsOf(dataset, base.header);
  let rows: string[][] = base.rows;
  let previous = base.sha256;
  for (const delta of deltas) {
    const facts = delta.manifest['x-submission'];
    if (facts.mode !== '增量' || facts.base === undefined) {
      return err(
        'delta-not-incremental',
        `${delta.manifest.name} 不是增量数据包`,
        `${delta.manifest.name} is not an incremental package`,
      );
    }
    if (facts.dataset.name !== dataset.name || facts.kind !== submission.kind) {
      return err(
        'delta-other-dataset',
        '增量数据包与基础数据包的数据集或类型不同',
        'The delta is of another dataset or kind than the base',
      );
    }
    // Each delta names the package it follows; the chain must be unbroken.
    if (facts.base.sha256 !== previous) {
      return err(
        'delta-other-base',
        `增量数据包 ${delta.manifest.name} 不是在前一个数据包的基础上生成的（基础 SHA-256 不符）；请按报送顺序给出数据包`,
        `Delta ${delta.manifest.name} does not follow the package before it (base SHA-256 differs)`,
      );
    }
    const applied = applyIncrement(rows, delta.rows, positions, columns);
    if (!applied.ok) return applied;
    rows = applied.value;
    previous = delta.sha256;
  }
  return ok({ header: base.header, rows });
}

/** How a project's package is written: the writer's options and the mode. */
export interface ProjectPackageOptions extends Omit<PackageOptions, 'base' | 'shouldFingerprint'> {
  readonly mode: PackageMode;
  /** The manifest SHA-256 of the earlier package to compare with; the last of the kind by default. */
  readonly baseSha256?: string;
  /** A package from outside the project's history to compare with (`--base old.zip`). */
  readonly base?: PackageBase;
}

/** Chooses the base of a project's increment: the named package, or its last of the kind. */
export function chooseProjectBase(
  workspace: Workspace,
  kind: PackageKind,
  sha256?: string,
): Result<PackageBase> {
  const history = workspace.packageHistory().filter((p) => p.kind === kind);
  const entry =
    sha256 === undefined ? history[history.length - 1] : history.find((p) => p.sha256 === sha256);
  if (entry === undefined) {
    return sha256 === undefined
      ? err(
          'increment-no-base',
          `这个项目还没有写过${packageKindNames[kind]}数据包：第一次报送请用全量`,
          `The project has written no ${kind} package yet: submit in full first`,
        )
      : err(
          'increment-base-unknown',
          '这个项目没有写过所选的数据包，无法作为增量的基础',
          'The project did not write the chosen package',
        );
  }
  return ok(workspace.packageBase(entry));
}

/**
 * Writes a project's package, full or incremental, and remembers it with its records'
 * fingerprints, so the next package can be incremental against it.
 */
export async function writeProjectPackage(
  workspace: Workspace,
  options: ProjectPackageOptions,
): Promise<Result<WrittenPackage>> {
  const { mode, baseSha256, base: given, ...rest } = options;
  let base: PackageBase | undefined;
  if (mode === 'incremental') {
    const chosen =
      given === undefined ? chooseProjectBase(workspace, options.kind, baseSha256) : ok(given);
    if (!chosen.ok) return chosen;
    base = chosen.value;
  }
  const written = await writeSourcePackage(createProjectPackageSource(workspace), {
    ...rest,
    ...(base === undefined ? {} : { base }),
    shouldFingerprint: true,
  });
  if (!written.ok) return written;
  await workspace.rememberPackage(
    {
      sha256: written.value.sha256,
      kind: options.kind,
      mode,
      ...(base === undefined ? {} : { baseSha256: base.sha256 }),
      created: options.created.toISOString(),
      file: basename(written.value.path),
    },
    written.value.records ?? new Map(),
  );
  return written;
}

/** The mode's Chinese name, for messages. */
export function modeName(mode: PackageMode): string {
  return packageModeNames[mode];
}
