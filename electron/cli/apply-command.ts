/**
 * `steward apply`: rebuilds a full package's data from a full package and the incremental
 * packages (增量) that follow it, in order: what the province does with 增量报送 (issue #15).
 */
import { access } from 'node:fs/promises';
import { dirname } from 'node:path';
import { applyPackages } from '../engine/package/incremental-package.ts';
import { readPackageData, type PackageData } from '../engine/package/read-package-data.ts';
import { createZipWriter } from '../engine/package/create-zip-writer.ts';
import { createFileDigest } from '../engine/package/file-digest.ts';
import { packagePaths } from '../engine/package/write-package.ts';
import { findPack } from '../engine/packs/pack-store.ts';
import { serializeCsvRow } from '../../shared/package/serialize-csv-row.ts';
import { checkFileExists, formatOption } from './cli-inputs.ts';
import { createCommand, type Command } from './command.ts';
import { writeJson, writeLine } from './output.ts';
import { stringOption } from './parse-options.ts';

const help = `用法 / usage: steward apply <全量数据包.zip> <增量数据包.zip> [<增量数据包2.zip> ...] --out <合成.zip>
                  [--pack 标准包id|路径] [--format text|json]

按报送顺序把增量数据包（--mode incremental 写出的）合到全量数据包上，得到最新的全量数据：变更的记录
原位替换，删除的记录去掉，新增的记录接在末尾。每个增量包须以前一个数据包为基础（按清单 SHA-256 核对）。
写出的 zip 含合成的数据文件 data/<数据集>.csv 和说明来源的 datapackage.json（未签名、未密封，
不是报送数据包）。标准包默认取基础数据包清单所记的标准包。
退出码：0 已写出，2 输入有误（数据包无法读取、增量与基础不符）。

Rebuilds the full data from a full package and its incremental packages, in order. Writes a zip
with the data file and a datapackage.json naming its sources. Exit code: 0 written, 2 bad input.`;

/** `steward apply`: a full package's data from a base and its deltas. */
export const applyCommand: Command = createCommand({
  summary: '合成增量数据包 / apply incremental packages to a full one',
  help,
  options: {
    out: { type: 'string' },
    pack: { type: 'string' },
    format: { type: 'string' },
  },
  async run(options, fail, refuse) {
    const paths = options.positionals;
    const out = stringOption(options, 'out');
    const format = formatOption(options);
    if (!format.ok) return fail(format.error.message.zh);
    if (paths.length < 2) return fail('需要一个全量数据包和至少一个增量数据包');
    if (out === undefined) return fail('缺少 --out（合成的 zip）/ missing --out');
    try {
      await access(dirname(out));
    } catch {
      return refuse({
        code: 'out-not-found',
        message: {
          zh: `输出文件夹不存在：${dirname(out)}`,
          en: `Output folder not found: ${dirname(out)}`,
        },
      });
    }
    const packages: PackageData[] = [];
    for (const path of paths) {
      const exists = await checkFileExists(path);
      if (!exists.ok) return refuse(exists.error);
      const read = await readPackageData(path);
      if (!read.ok) return refuse(read.error);
      packages.push(read.value);
    }
    const [base, ...deltas] = packages as [PackageData, ...PackageData[]];
    const standard = base.manifest['x-submission'].standard;
    const pack = await findPack(stringOption(options, 'pack') ?? standard.id);
    if (!pack.ok) return refuse(pack.error);
    const applied = applyPackages(pack.value, base, deltas);
    if (!applied.ok) return refuse(applied.error);

    const last = packages[packages.length - 1] as PackageData;
    const created = new Date(last.manifest.created);
    const dataPath = packagePaths.data(base.manifest['x-submission'].dataset.name);
    const dataBytes = Buffer.from(
      [applied.value.header, ...applied.value.rows].map((row) => serializeCsvRow(row)).join(''),
      'utf8',
    );
    const digest = createFileDigest();
    digest.update(dataBytes);
    const { sha256, sm3, bytes } = digest.finish();
    const dataResource = base.manifest.resources.find((r) => r.path === dataPath);
    const manifest = {
      profile: 'tabular-data-package',
      name: `${base.manifest.name}-applied`,
      title: `${base.manifest.title}（由增量合成）`,
      created: last.manifest.created,
      resources: [{ ...dataResource, path: dataPath, bytes, hash: `sha256:${sha256}` }],
      'x-applied': {
        base: { name: base.manifest.name, sha256: base.sha256 },
        deltas: deltas.map((d) => ({ name: d.manifest.name, sha256: d.sha256 })),
        data: { path: dataPath, bytes, sha256, sm3 },
      },
    };
    const zip = createZipWriter(out, created);
    zip.addBuffer(dataPath, dataBytes);
    zip.addBuffer(
      'datapackage.json',
      Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'),
    );
    await zip.finish('');
    if (format.value === 'json') {
      writeJson({ written: true, path: out, rows: applied.value.rows.length, sha256 });
    } else {
      writeLine(out);
      writeLine(
        `已合成：${applied.value.rows.length} 条记录（基础数据包加 ${deltas.length} 个增量数据包）`,
        'stderr',
      );
    }
    return 0;
  },
});
