import type { Dataset, Pack } from '../pack/pack-schema.ts';
import { err, ok, type Result } from '../result.ts';
import type { DemoGenerator, DemoOptions } from './demo-data.ts';
import { createLegalEntityDemo } from './legal-entity-demo.ts';
import { createPopulationDemo } from './population-demo.ts';
import { createXzcfDemo } from './xzcf-demo.ts';
import { createXzxkDemo } from './xzxk-demo.ts';

type DemoFactory = (pack: Pack, options: DemoOptions) => DemoGenerator;

/** A factory for the dataset `name` of a pack, made by `create`. */
function forDataset(
  name: string,
  create: (pack: Pack, dataset: Dataset, options: DemoOptions) => DemoGenerator,
): DemoFactory {
  return (pack, options) => {
    const dataset = pack.datasets.find((d) => d.name === name);
    if (dataset === undefined) throw new Error(`${pack.id} has no ${name} dataset`);
    return create(pack, dataset, options);
  };
}

/** Demo generators by pack id. */
const demoFactories: Readonly<Record<string, DemoFactory>> = {
  'pop-base': forDataset('population', createPopulationDemo),
  'legal-entity-base': forDataset('legal-entity', createLegalEntityDemo),
  'sgs-xzxk': forDataset('xzxk', createXzxkDemo),
  'sgs-xzcf': forDataset('xzcf', createXzcfDemo),
};

/** The pack ids demo data can be made for. */
export const demoPackIds: readonly string[] = Object.keys(demoFactories);

/** Creates the demo generator for a pack, or says which packs have one. */
export function createDemo(pack: Pack, options: DemoOptions): Result<DemoGenerator> {
  const factory = demoFactories[pack.id];
  if (factory === undefined) {
    const known = demoPackIds.join('、');
    return err(
      'demo-unsupported',
      `标准包「${pack.id}」暂无演示数据（可用：${known}）`,
      `No demo data for pack "${pack.id}" (available: ${known})`,
    );
  }
  return ok(factory(pack, options));
}
