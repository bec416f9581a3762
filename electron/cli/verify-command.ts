import { verifyPackage, type SignatureCheck } from '../engine/package/verify-package.ts';
import { loadPublicKey, type PublicKeyFile } from '../engine/signing/key-store.ts';
import { formatFingerprint } from '../../shared/signing/format-fingerprint.ts';
import { checkFileExists, formatOption } from './cli-inputs.ts';
import { createCommand, type Command } from './command.ts';
import { writeJson, writeLine } from './output.ts';
import { stringOption } from './parse-options.ts';

const help = `用法 / usage: steward verify <数据包.zip> [--pack 标准包.json] [--public-key 报送单位公钥.pem]
                  [--format text|json]

复核报送数据包：封条、每个文件的 SHA-256 与 SM3、清单、表结构，并按标准包的全部规则重新检查数据，
逐项列出不符之处。标准包默认取内置或已导入的同版本标准包，--pack 可指定文件。
--public-key 给出报送单位登记的 SM2 公钥时，同时核验签名（datapackage.json.sig）并说明由谁签名；
不给时只核对校验值，并说明签名未核验。
退出码：0 全部相符，1 有不符之处，2 输入有误或数据包无法读取。
Re-checks a package: the seal, every file's SHA-256 and SM3, the manifest, the schema, and the
data against every rule of the pack; lists every mismatch. Exit code: 0 all holds, 1 mismatches,
2 bad input or a package that cannot be read.`;

/** One line on the signature: who signed, and whether it was checked. */
function describeSignature(signature: SignatureCheck | undefined): string {
  if (signature === undefined || !signature.isSigned) return '签名：数据包未签名。';
  const who =
    signature.signer === undefined
      ? '清单中没有签名单位'
      : `${signature.signer.office}（公钥指纹 ${formatFingerprint(signature.signer.fingerprint)}），签名时间 ${signature.signer.signed}`;
  if (!signature.isChecked)
    return `签名：${who}。签名未核验：请用 --public-key 给出该单位登记的公钥。`;
  return signature.isValid ? `签名有效：由 ${who}。` : `签名无效：${who}。`;
}

/** `steward verify`: re-check a submission package. */
export const verifyCommand: Command = createCommand({
  summary: '复核报送数据包 / verify a submission package',
  help,
  options: {
    pack: { type: 'string' },
    format: { type: 'string' },
    'public-key': { type: 'string' },
  },
  async run(options, fail, refuse) {
    const [path] = options.positionals;
    const format = formatOption(options);
    const packPath = stringOption(options, 'pack');
    if (path === undefined) return fail('缺少数据包 / missing the package');
    if (!format.ok) return fail(format.error.message.zh);
    const exists = await checkFileExists(path);
    if (!exists.ok) return refuse(exists.error);
    const publicKeyPath = stringOption(options, 'public-key');
    let publicKey: PublicKeyFile | undefined;
    if (publicKeyPath !== undefined) {
      const loaded = await loadPublicKey(publicKeyPath);
      if (!loaded.ok) return refuse(loaded.error);
      publicKey = loaded.value;
    }
    const report = await verifyPackage(path, {
      ...(packPath === undefined ? {} : { packPath }),
      ...(publicKey === undefined ? {} : { publicKey }),
    });
    const signature = report.signature;
    if (format.value === 'json') {
      writeJson({
        ok: report.ok,
        readable: report.readable,
        checked: report.checked,
        problems: report.problems.map((p) => ({
          code: p.code,
          ...(p.file === undefined ? {} : { file: p.file }),
          message: p.message.zh,
        })),
        ...(report.submission === undefined
          ? {}
          : {
              submission: {
                standard: report.submission.standard,
                dataset: report.submission.dataset.name,
                kind: report.submission.kind,
                created: report.submission.created,
                rows: report.submission.rows,
              },
            }),
        ...(signature === undefined
          ? {}
          : {
              signature: {
                signed: signature.isSigned,
                checked: signature.isChecked,
                valid: signature.isValid,
                ...(signature.signer === undefined ? {} : { signer: signature.signer }),
              },
            }),
      });
    } else if (!report.readable) {
      for (const p of report.problems) writeLine(p.message.zh, 'stderr');
    } else {
      const s = report.submission;
      if (s !== undefined) {
        writeLine(
          `数据包：${s.dataset.title}（${s.kind}），${s.department}，${s.period}，生成于 ${s.created}`,
        );
      }
      writeLine(describeSignature(report.signature));
      writeLine(
        `已复核 ${report.checked.files} 个文件、${report.checked.rows} 条记录（发现问题 ${report.checked.issues} 个，均对照报告核对）`,
      );
      if (report.ok) {
        writeLine('全部相符：校验值、清单、表结构和规则复核均通过。');
      } else {
        writeLine(`发现 ${report.problems.length} 处不符：`);
        for (const p of report.problems) writeLine(`  [${p.code}] ${p.message.zh}`);
      }
    }
    if (!report.readable) return 2;
    return report.ok ? 0 : 1;
  },
});
