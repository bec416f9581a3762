import type { Pack } from '../pack/pack-schema.ts';
import { err, ok, type Result } from '../result.ts';
import type { DemoGenerator, DemoOptions } from './demo-data.ts';
import { createPopulationDemo } from './population-demo.ts';

type DemoFactory = (pack: Pack, options: DemoOptions) => DemoGenerator;

/** Demo generators by pack id. */
const demoFactories: Readonly<Record<string, DemoFactory>> = {
  'pop-base': (pack, options) => {
    const dataset = pack.datasets.find((d) => d.name === 'population');
    if (dataset === undefined) throw new Error('pop-base has no population dataset');
    return createPopulationDemo(pack, dataset, options);
  },
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
