/**
 * 开放不出门: a 开放 (public) package never contains a value that its pack classifies 不予开放,
 * in any file (the data, the reports, the error workbook and its hidden sheets, the audit trail,
 * the manifest), for every bundled pack. The same project's 共享 package does carry them, so the
 * check can fail. Masks are applied as the manifest says.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPackage } from '../../../electron/engine/package/verify-package.ts';
import { writePackage } from '../../../electron/engine/package/write-package.ts';
import type { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { maskValue } from '../../../shared/package/mask-value.ts';
import { manifestSchema, type PackageManifest } from '../../../shared/package/package-manifest.ts';
import { createCsvRowParser } from '../../../shared/package/create-csv-row-parser.ts';
import { createRecordStandardizer } from '../../../shared/package/create-record-standardizer.ts';
import { bundledPacks } from '../../../shared/packs/index.ts';
import {
  createPackWorkspace,
  exemptEveryError,
  packageCreated,
  readZipEntries,
  requirePack,
} from '../../helpers/create-pack-workspace.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

let dir: string;
let cleanup: () => Promise<void>;
let packages = 0;

beforeAll(async () => {
  ({ dir, cleanup } = await createTempDir());
});

afterAll(async () => {
  await cleanup();
});

const xmlEntities: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&apos;': "'",
};

/** All the text a package holds: every entry, and every part of the xlsx inside it. */
async function allText(entries: Map<string, Buffer>): Promise<string> {
  let text = '';
  for (const [name, bytes] of entries) {
    if (name.endsWith('.xlsx')) {
      const inner = await readZipEntries(bytes);
      for (const part of inner.entries.values()) {
        text += part
          .toString('utf8')
          .replace(/&(amp|lt|gt|quot|apos);/g, (m) => xmlEntities[m] ?? m)
          .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)));
      }
    } else if (name.endsWith('.json')) {
      text += JSON.stringify(JSON.parse(bytes.toString('utf8')));
      text += bytes.toString('utf8');
    } else {
      text += bytes.toString('utf8');
    }
    text += '\n';
  }
  return text;
}

function csvRows(bytes: Buffer): string[][] {
  const rows: string[][] = [];
  const parser = createCsvRowParser({
    row: (values) => rows.push(values),
    problem: (line, message) => {
      throw new Error(`line ${line}: ${message.en}`);
    },
  });
  parser.feed(bytes.toString('utf8'));
  parser.end();
  return rows;
}

async function packageOf(
  workspace: Workspace,
  kind: 'share' | 'open',
): Promise<{ entries: Map<string, Buffer>; manifest: PackageManifest; path: string }> {
  packages += 1;
  const outDir = join(dir, `${workspace.info.packId}-${kind}-${packages}`);
  await mkdir(outDir);
  const written = await writePackage(workspace, {
    kind,
    onError: 'block',
    created: packageCreated,
    outDir,
    division: '371702',
    steward: '王管理',
    toolVersion: '0.1.0',
  });
  if (!written.ok)
    throw new Error(`${written.error.message.en}\n${written.error.details?.join('\n')}`);
  const { entries } = await readZipEntries(written.value.path);
  const manifest = manifestSchema.parse(
    JSON.parse((entries.get('datapackage.json') as Buffer).toString('utf8')),
  );
  return { entries, manifest, path: written.value.path };
}

describe.each(bundledPacks.map((pack) => pack.id))('a 开放 package of %s', (packId) => {
  let workspace: Workspace;
  let rows: string[][];

  beforeAll(async () => {
    ({ workspace, rows } = await createPackWorkspace(dir, packId, { rows: 120, seed: 3 }));
    await exemptEveryError(workspace);
    // A change in a secret field, so the audit trail has one to keep out.
    const secret = workspace.dataset.fields.findIndex(
      (f) => f.classification.opening === '不予开放',
    );
    const field = workspace.dataset.fields[secret];
    if (field !== undefined) {
      const edited = await workspace.editCell(2, field.name, `改后${field.name}机密值123456`, {
        who: '王管理',
        why: '核实',
        context: { today: '2026-11-26' },
      });
      if (!edited.ok) throw new Error(edited.error.message.en);
      (rows[1] as string[])[secret] = `改后${field.name}机密值123456`;
    }
  });

  afterAll(async () => {
    await workspace.close();
  });

  it('contains no value its pack classifies 不予开放, in any file', async () => {
    const secret = workspace.dataset.fields
      .map((field, index) => ({ field, index }))
      .filter(({ field }) => field.classification.opening === '不予开放');
    expect(secret.length).toBeGreaterThan(0);
    const open = await packageOf(workspace, 'open');
    const share = await packageOf(workspace, 'share');
    const openText = await allText(open.entries);
    const shareText = await allText(share.entries);

    const data = csvRows(open.entries.get(`data/${workspace.dataset.name}.csv`) as Buffer);
    const header = data[0] ?? [];
    const standardize = createRecordStandardizer(
      requirePack(workspace.info.packId),
      workspace.dataset,
    );
    const standard = rows.map((row) => standardize(row));
    let checked = 0;
    let shared = 0;
    for (const { field, index } of secret) {
      const column = header.indexOf(field.name);
      const values = rows.map((row) => (row[index] ?? '').trim());
      const standardValues = standard.map((row) => row[index] ?? '');
      if (column >= 0) {
        for (let r = 0; r < values.length; r += 1) {
          const value = values[r] as string;
          if (value === '') continue;
          // Every record is in the package (all errors exempted), in project order.
          expect(data[r + 1]?.[column], `${field.name} row ${r + 1}`).not.toBe(value);
        }
      }
      for (const [r, value] of values.entries()) {
        const forms = new Set([value, standardValues[r] as string]);
        for (const form of forms) {
          if (form.length < 5) continue;
          checked += 1;
          expect(openText.includes(form), `${field.name} value ${form} leaks`).toBe(false);
          if (shareText.includes(form)) shared += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
    // The same check finds them in the 共享 package, which carries them by design.
    expect(shared).toBeGreaterThan(checked / 4);
  });

  it('says which masks it applied, applies them, and passes verify', async () => {
    const open = await packageOf(workspace, 'open');
    const fields = open.manifest['x-submission'].fields;
    expect(open.manifest['x-submission'].kind).toBe('开放');
    const data = csvRows(open.entries.get(`data/${workspace.dataset.name}.csv`) as Buffer);
    const header = data[0] ?? [];
    for (const [index, field] of workspace.dataset.fields.entries()) {
      const plan = fields.find((f) => f.name === field.name);
      expect(plan).toBeDefined();
      if (field.classification.opening === '开放') expect(plan?.action).toBe('keep');
      else expect(plan?.action).not.toBe('keep');
      const column = header.indexOf(field.name);
      if (plan?.action === 'drop') expect(column).toBe(-1);
      if (plan?.action === 'mask') {
        const mask = plan.mask as Parameters<typeof maskValue>[0];
        const first = (rows[0]?.[index] ?? '').trim();
        if (first !== '' && field.constraints?.codeTable === undefined)
          expect(data[1]?.[column]).toBe(maskValue(mask, first));
      }
    }
    const report = await verifyPackage(open.path);
    expect(report.problems).toEqual([]);
  });
});
