/**
 * The limits that keep a hostile or broken file from hanging or exhausting the machine. Each one
 * fails with a message that says which limit was hit; none of them truncates data silently.
 */
export interface ImportLimits {
  /** Largest file accepted, in bytes. */
  readonly maxFileBytes: number;
  /** Largest total uncompressed size of a zip container (xlsx, ods), in bytes. */
  readonly maxUncompressedBytes: number;
  /** Most entries in a zip container. */
  readonly maxZipEntries: number;
  /** Highest compression ratio accepted for a zip entry larger than 16 MiB. */
  readonly maxCompressionRatio: number;
  /** Most cells with a value in one sheet. */
  readonly maxCells: number;
  /** Most columns in one table. */
  readonly maxColumns: number;
  /** Longest single cell text, in characters. */
  readonly maxCellLength: number;
  /** Most merged ranges in one sheet. */
  readonly maxMerges: number;
  /** Longest time one step may run without reporting progress, in milliseconds. */
  readonly stallTimeoutMs: number;
  /** Longest time a whole import may take, in milliseconds. */
  readonly totalTimeoutMs: number;
  /** Heap limit of the reading worker, in MiB. */
  readonly maxMemoryMb: number;
}

/** The limits used unless the caller sets others: generous for real registers (1,048,576 rows). */
export const defaultImportLimits: ImportLimits = {
  maxFileBytes: 2 * 1024 ** 3,
  maxUncompressedBytes: 3 * 1024 ** 3,
  maxZipEntries: 10_000,
  maxCompressionRatio: 400,
  maxCells: 60_000_000,
  maxColumns: 4_096,
  maxCellLength: 1_000_000,
  maxMerges: 200_000,
  stallTimeoutMs: 60_000,
  totalTimeoutMs: 30 * 60_000,
  maxMemoryMb: 4_096,
};
