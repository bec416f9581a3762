/** Writes a demo dataset as a CSV file and its ground truth as JSON beside it, streaming. */
import { createWriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import Papa from 'papaparse';
import type { DemoGenerator, DemoOptions, Injection } from '../../../shared/demo/demo-data.ts';

/** The ground truth written beside a demo file. */
export interface DemoTruth {
  readonly pack: { readonly id: string; readonly version: string };
  readonly dataset: string;
  readonly rows: number;
  readonly seed: number;
  readonly errorRate: number;
  readonly today: string;
  /** Row numbers are record indexes; the header is on row 1, so record r is on row r + 1. */
  readonly injected: readonly Injection[];
}

/** The path of the ground truth that belongs to a demo file: `demo.csv` -> `demo.truth.json`. */
export function truthPathFor(csvPath: string): string {
  return `${csvPath.replace(/\.[^./\\]+$/, '')}.truth.json`;
}

/** Writes the generator's rows to `path` (UTF-8 with BOM, as Excel expects) and the truth beside it. */
export async function writeDemoData(
  generator: DemoGenerator,
  options: DemoOptions,
  path: string,
): Promise<DemoTruth> {
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await once(out, 'drain');
  };
  try {
    await write(`\uFEFF${Papa.unparse([generator.header as string[]])}\r\n`);
    let batch: string[][] = [];
    for (const cells of generator.rows()) {
      batch.push(cells);
      if (batch.length === 5000) {
        await write(`${Papa.unparse(batch)}\r\n`);
        batch = [];
      }
    }
    if (batch.length > 0) await write(`${Papa.unparse(batch)}\r\n`);
    out.end();
    await once(out, 'finish');
    await rename(partial, path);
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  }
  const truth: DemoTruth = {
    pack: { id: generator.pack.id, version: generator.pack.version },
    dataset: generator.dataset.name,
    rows: options.rows,
    seed: options.seed,
    errorRate: options.errorRate,
    today: options.today,
    injected: generator.injections,
  };
  await writeFile(truthPathFor(path), `${JSON.stringify(truth, null, 1)}\n`);
  return truth;
}
