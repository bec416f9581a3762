/**
 * Reads the data of a package an office sent earlier (issue #15): its manifest, the manifest's
 * SHA-256 and the data file's rows, for `steward package --base` and `steward apply`. Refusals
 * are clerk messages; what the zip library said goes in the details.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { err, ok, type Result } from '../../../shared/result.ts';
import { manifestSchema, type PackageManifest } from '../../../shared/package/package-manifest.ts';
import { openZipFile, ZipReadError, type OpenZip } from './read-zip.ts';
import { readCsvEntry, type VerifyProblem } from './verify-package.ts';
import { packagePaths } from './write-package.ts';

/** A package's manifest and its data file's rows. */
export interface PackageData {
  readonly manifest: PackageManifest;
  /** The manifest's own bytes, as the zip holds them. */
  readonly manifestBytes: Buffer;
  /** SHA-256 of the manifest: how an increment names its base. */
  readonly sha256: string;
  readonly header: string[];
  readonly rows: string[][];
}

/** The manifest is small; anything larger is not a package of ours. */
const maxManifestBytes = 64 * 1024 ** 2;

function refuse(path: string, zh: string, en: string, details: string[] = []): Result<never> {
  return err('package-unreadable', `${basename(path)}：${zh}`, `${basename(path)}: ${en}`, details);
}

/** Reads a package's manifest and data rows; a clear refusal when it is not a readable package. */
export async function readPackageData(path: string): Promise<Result<PackageData>> {
  let zip: OpenZip;
  try {
    zip = await openZipFile(path);
  } catch (error) {
    if (!(error instanceof ZipReadError)) throw error;
    return refuse(path, `不是可读的数据包：${error.error.message.zh}`, error.error.message.en, [
      ...(error.error.details ?? []),
    ]);
  }
  try {
    const manifestEntry = zip.entries.find((e) => e.name === packagePaths.manifest);
    if (manifestEntry === undefined)
      return refuse(
        path,
        '不是数据包：缺少 datapackage.json',
        'not a package: no datapackage.json',
      );
    const manifestBytes = await zip.read(manifestEntry, maxManifestBytes);
    let json: unknown;
    try {
      json = JSON.parse(manifestBytes.toString('utf8'));
    } catch (error) {
      return refuse(path, '数据包的清单无法读取', 'the manifest is not JSON', [String(error)]);
    }
    const parsed = manifestSchema.safeParse(json);
    if (!parsed.success) {
      return refuse(path, '数据包的清单格式不对', 'the manifest does not match its schema', [
        parsed.error.message,
      ]);
    }
    const manifest = parsed.data;
    const dataPath = packagePaths.data(manifest['x-submission'].dataset.name);
    const dataEntry = zip.entries.find((e) => e.name === dataPath);
    if (dataEntry === undefined)
      return refuse(path, `数据包中没有数据文件 ${dataPath}`, `the package has no ${dataPath}`);
    const problems: VerifyProblem[] = [];
    const rows: string[][] = [];
    let header: string[] | undefined;
    await readCsvEntry(
      zip,
      dataEntry,
      (values) => {
        if (header === undefined) header = values;
        else rows.push(values);
      },
      problems,
    );
    const first = problems[0];
    if (first !== undefined) return refuse(path, first.message.zh, first.message.en);
    return ok({
      manifest,
      manifestBytes,
      sha256: createHash('sha256').update(manifestBytes).digest('hex'),
      header: header ?? [],
      rows,
    });
  } catch (error) {
    if (!(error instanceof ZipReadError)) throw error;
    return refuse(path, error.error.message.zh, error.error.message.en, [
      ...(error.error.details ?? []),
    ]);
  } finally {
    zip.close();
  }
}
