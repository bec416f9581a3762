import { describe, expect, it } from 'vitest';
import { openZipBuffer } from '../../../../../electron/engine/package/read-zip.ts';
import {
  writeErrorWorkbook,
  writeStoredErrorWorkbook,
  type ErrorWorkbookInput,
} from '../../../../../electron/engine/package/write-error-workbook.ts';

const input: ErrorWorkbookInput = {
  meta: {
    packId: 'pop-base',
    packVersion: '1.0.0',
    dataset: 'population',
    department: '牡丹区公安分局',
    period: '2026Q4',
    projectCreatedAt: '',
    created: '2026-11-26T02:00:00.000Z',
    isMasked: false,
  },
  datasetTitle: '人口基础信息',
  fields: [
    { name: 'GMSFHM', title: '公民身份号码' },
    { name: 'XM', title: '姓名' },
  ],
  rows: Array.from({ length: 200 }, (_, i) => ({
    rid: i + 1,
    source: { file: '户籍.csv', sheet: '', row: i + 2 },
    values: [`37170219770608151${i % 10}`, '刘杰'],
    issues: [
      {
        field: 'GMSFHM',
        rule: 'format',
        severity: 'error' as const,
        message: { zh: '校验码不符', en: 'check digit' },
        value: `37170219770608151${i % 10}`,
      },
    ],
  })),
  created: new Date('2026-11-26T02:00:00.000Z'),
};

/** The parts of a zip, by name. */
async function readParts(bytes: Buffer): Promise<Map<string, { bytes: Buffer; stored: boolean }>> {
  const zip = await openZipBuffer(bytes);
  try {
    const parts = new Map<string, { bytes: Buffer; stored: boolean }>();
    for (const entry of zip.entries) {
      parts.set(entry.name.replace(/^\//, ''), {
        bytes: await zip.read(entry),
        stored: entry.entry.compressionMethod === 0,
      });
    }
    return parts;
  } finally {
    zip.close();
  }
}

describe('the error workbook is deflated once', () => {
  it('has ExcelJS store its parts, and the workbook deflates those same parts', async () => {
    const stored = await readParts(await writeStoredErrorWorkbook(input));
    expect(stored.size).toBeGreaterThan(5);
    for (const [name, part] of stored) expect(part.stored, name).toBe(true);

    const written = await readParts(await writeErrorWorkbook(input));
    expect([...written.keys()].sort()).toEqual([...stored.keys()].sort());
    for (const [name, part] of written) {
      expect(part.stored, name).toBe(false);
      expect(part.bytes.equals(stored.get(name)?.bytes ?? Buffer.alloc(0)), name).toBe(true);
    }
  });
});
