import { createOfficeKey, keyFileNames } from '../engine/signing/key-store.ts';
import { formatFingerprint } from '../../shared/signing/format-fingerprint.ts';
import { formatOption } from './cli-inputs.ts';
import { createCommand, type Command } from './command.ts';
import { writeJson, writeLine } from './output.ts';
import { stringOption } from './parse-options.ts';
import { passphraseEnv, readPassphrase } from './read-passphrase.ts';

const help = `用法 / usage: steward key create --office <单位名称> --out <文件夹>
                  [--passphrase-file 口令文件] [--format text|json]

为报送单位创建 SM2 签名密钥（sm2p256v1，SM3，默认用户标识 1234567812345678）：
  ${keyFileNames.privateKey}  私钥，用口令加密（PKCS#8，scrypt + AES-256-CBC），留在本单位，切勿外传；
  ${keyFileNames.publicKey}  公钥（SubjectPublicKeyInfo PEM），报省级部门登记。
并打印公钥的 SM3 指纹（分组），登记时电话核对。口令取自 --passphrase-file、环境变量
${passphraseEnv}，或在终端中输入两次（不显示）；至少 8 个字符。已有密钥时不会覆盖。
退出码：0 已创建，2 输入有误或无法写入。

Creates an office's SM2 signing key pair: the private key encrypted with a passphrase, the
public key to register with the province, and its SM3 fingerprint. Exit code: 0 created, 2 refused.`;

/** `steward key create`: an office's SM2 signing key. */
export const keyCommand: Command = createCommand({
  summary: '创建签名密钥 / create the office signing key',
  help,
  options: {
    office: { type: 'string' },
    out: { type: 'string' },
    'passphrase-file': { type: 'string' },
    format: { type: 'string' },
  },
  async run(options, fail, refuse) {
    const [verb] = options.positionals;
    const format = formatOption(options);
    if (verb !== 'create') return fail('请用 steward key create / use: steward key create');
    if (!format.ok) return fail(format.error.message.zh);
    const office = stringOption(options, 'office');
    const out = stringOption(options, 'out');
    if (office === undefined) return fail('缺少 --office（单位名称）');
    if (out === undefined) return fail('缺少 --out（密钥文件夹）');
    const passphrase = await readPassphrase(options, true);
    if (!passphrase.ok) return refuse(passphrase.error);
    const created = await createOfficeKey(out, office, passphrase.value);
    if (!created.ok) return refuse(created.error);
    const key = created.value;
    if (format.value === 'json') {
      writeJson({
        office: key.office,
        privateKey: key.privateKeyPath,
        publicKey: key.publicKeyPath,
        fingerprint: key.fingerprint,
      });
      return 0;
    }
    writeLine(`已为「${key.office}」创建 SM2 签名密钥：`);
    writeLine(`  私钥（口令加密，留在本单位）：${key.privateKeyPath}`);
    writeLine(`  公钥（报省级部门登记）：${key.publicKeyPath}`);
    writeLine(`  公钥指纹（SM3，登记时电话核对）：`);
    writeLine(`  ${formatFingerprint(key.fingerprint)}`);
    return 0;
  },
});
