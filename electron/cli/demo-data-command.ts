import { createDemo } from '../../shared/demo/create-demo.ts';
import { writeDemoData, truthPathFor } from '../engine/demo/write-demo-data.ts';
import { findPack } from '../engine/packs/pack-store.ts';
import { todayIso } from '../engine/today.ts';
import { createCommand, type Command } from './command.ts';
import { writeLine } from './output.ts';
import { stringOption } from './parse-options.ts';

const help = `用法 / usage: steward demo-data --pack <id> --rows N --seed S --error-rate R --out 文件.csv [--today YYYY-MM-DD]

生成带有已知问题的演示数据（菏泽市牡丹区），并在旁边写出问题清单（*.truth.json）。
Writes realistic demo records with injected problems, and their ground truth beside the file.`;

function parseNumber(text: string | undefined, fallback: number): number {
  return text === undefined ? fallback : Number(text);
}

/** `steward demo-data`: realistic county records with injected, listed problems. */
export const demoDataCommand: Command = createCommand({
  summary: '生成演示数据 / generate demo data',
  help,
  options: {
    pack: { type: 'string' },
    rows: { type: 'string' },
    seed: { type: 'string' },
    'error-rate': { type: 'string' },
    out: { type: 'string' },
    today: { type: 'string' },
  },
  async run(options, fail, refuse) {
    const packRef = stringOption(options, 'pack');
    const out = stringOption(options, 'out');
    const rows = parseNumber(stringOption(options, 'rows'), 1000);
    const seed = parseNumber(stringOption(options, 'seed'), 1);
    const errorRate = parseNumber(stringOption(options, 'error-rate'), 0.05);
    const today = stringOption(options, 'today') ?? todayIso();
    if (packRef === undefined) return fail('缺少 --pack / missing --pack');
    if (out === undefined) return fail('缺少 --out / missing --out');
    if (!Number.isInteger(rows) || rows < 1 || rows > 10_000_000)
      return fail(`--rows 应为 1 到 10000000 的整数：${rows}`);
    if (!Number.isInteger(seed)) return fail(`--seed 应为整数：${seed}`);
    if (!(errorRate >= 0 && errorRate <= 1))
      return fail(`--error-rate 应在 0 到 1 之间：${errorRate}`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) return fail(`--today 应为 YYYY-MM-DD：${today}`);
    const pack = await findPack(packRef);
    if (!pack.ok) return refuse(pack.error);
    const demo = { rows, seed, errorRate, today };
    const generator = createDemo(pack.value, demo);
    if (!generator.ok) return refuse(generator.error);
    const truth = await writeDemoData(generator.value, demo, out);
    writeLine(
      `已写出 ${rows} 条记录到 ${out}，注入问题 ${truth.injected.length} 个，清单：${truthPathFor(out)}`,
      'stderr',
    );
    return 0;
  },
});
