/**
 * Broken and hostile files, one per row: each is refused with its own code and a message a
 * clerk can read (Chinese, no English library text such as zlib's or yauzl's), or, where the
 * bytes are still a table, read.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../../../../electron/engine/import/import-error.ts';
import { openWorkbookSource } from '../../../../../electron/engine/import/open-workbook-source.ts';
import { defaultImportLimits } from '../../../../../shared/import/import-limits.ts';
import type { AppError } from '../../../../../shared/result.ts';
import { createTempDir } from '../../../../helpers/run-steward.ts';

let temp: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  temp = await createTempDir();
});
afterAll(async () => {
  await temp.cleanup();
});

/** A small real xlsx: 200 rows, so that its sheet is deflated. */
function workbookBytes(): Buffer {
  const rows = [['姓名', '编号', '备注']];
  for (let i = 0; i < 200; i += 1) rows.push([`张三${i}`, String(100000 + i), `第 ${i} 行的备注`]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), '人员');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}

const sheetPart = 'xl/worksheets/sheet1.xml';

/** Offsets of an entry's local header and central directory record. */
function entryOffsets(zip: Buffer, name: string): { local: number; central: number } {
  const first = zip.indexOf(name);
  const second = zip.indexOf(name, first + 1);
  return { local: first - 30, central: second - 46 };
}

function withBadDeflate(zip: Buffer): Buffer {
  const copy = Buffer.from(zip);
  const { local } = entryOffsets(copy, sheetPart);
  const start = local + 30 + copy.readUInt16LE(local + 26) + copy.readUInt16LE(local + 28);
  // Overwrite the deflate stream's start with a reserved block type (BTYPE 11): invalid.
  copy.fill(0xff, start, start + 16);
  return copy;
}

function withWrongCrc(zip: Buffer): Buffer {
  const copy = Buffer.from(zip);
  const { local, central } = entryOffsets(copy, sheetPart);
  copy.writeUInt32LE((copy.readUInt32LE(central + 16) ^ 0x5a5a5a5a) >>> 0, central + 16);
  copy.writeUInt32LE((copy.readUInt32LE(local + 14) ^ 0x5a5a5a5a) >>> 0, local + 14);
  return copy;
}

function withEncryptedEntry(zip: Buffer): Buffer {
  const copy = Buffer.from(zip);
  const { local, central } = entryOffsets(copy, sheetPart);
  copy.writeUInt16LE(copy.readUInt16LE(central + 8) | 1, central + 8);
  copy.writeUInt16LE(copy.readUInt16LE(local + 6) | 1, local + 6);
  return copy;
}

function withZeroedTail(zip: Buffer, bytes: number): Buffer {
  const copy = Buffer.from(zip);
  copy.fill(0, copy.length - bytes);
  return copy;
}

/** A copy with its end-of-central-directory record (the last 22 bytes: no comment) changed. */
function withEndRecord(zip: Buffer, change: (copy: Buffer, end: number) => void): Buffer {
  const copy = Buffer.from(zip);
  change(copy, copy.length - 22);
  return copy;
}

function randomBytes(length: number): Buffer {
  // A fixed pseudo-random sequence (xorshift), so that the test is the same every run.
  const bytes = Buffer.alloc(length);
  let state = 0x2545f491;
  for (let i = 0; i < length; i += 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

/** A BIFF4 worksheet as Excel 4.0 saved it: BOF (0x0409), one LABEL-less NUMBER cell, EOF. */
function biff4(): Buffer {
  return Buffer.from('0904060000001000000003020e000000000000000000000000f03f0a000000', 'hex');
}

/** Opens a file and reads every row of every sheet, as an import does; returns the failure. */
async function readAll(name: string, bytes: Buffer): Promise<AppError | undefined> {
  const path = join(temp.dir, name);
  await writeFile(path, bytes);
  const opened = await openWorkbookSource(path, {}, defaultImportLimits);
  if (!opened.ok) return opened.error;
  try {
    for (const sheet of opened.value.sheets) {
      for await (const batch of sheet.rows()) expect(batch).toBeDefined();
    }
  } catch (error) {
    if (error instanceof ImportError) return error.appError;
    throw error;
  } finally {
    await opened.value.close();
  }
  return undefined;
}

/** Words a clerk's message may hold in Latin letters: product, format and encoding names. */
const allowedWords =
  /Excel|WPS|xlsx|xlsm|xlsb|xls|ods|et|csv|CSV|UTF-8|UTF-16|GBK|GB18030|BIFF\d|OLE2|zip|MB|Word|PowerPoint|OpenDocument/g;

function expectClerkMessage(error: AppError): void {
  expect(error.message.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(error.message.zh.replace(allowedWords, '')).not.toMatch(/[A-Za-z]{2,}/);
}

const good = workbookBytes();
const cases: readonly { name: string; file: string; bytes: () => Buffer; code: string }[] = [
  {
    name: 'a truncated zip',
    file: 'truncated.xlsx',
    bytes: () => good.subarray(0, Math.floor(good.length / 2)),
    code: 'corrupt-file',
  },
  {
    name: 'a zeroed end of central directory (its signature left)',
    file: 'zeroed-eocd.xlsx',
    bytes: () => withEndRecord(good, (copy, end) => copy.fill(0, end + 4, end + 22)),
    code: 'corrupt-file',
  },
  {
    name: 'an end of central directory with a garbled entry count',
    file: 'garbled-eocd.xlsx',
    bytes: () =>
      withEndRecord(good, (copy, end) => {
        copy.writeUInt16LE(60_000, end + 8);
        copy.writeUInt16LE(60_000, end + 10);
      }),
    code: 'corrupt-file',
  },
  {
    name: 'an end of central directory zeroed outright',
    file: 'no-eocd.xlsx',
    bytes: () => withZeroedTail(good, 22),
    code: 'corrupt-file',
  },
  {
    name: 'a zeroed tail (central directory and all)',
    file: 'zeroed-tail.xlsx',
    bytes: () => withZeroedTail(good, 600),
    code: 'corrupt-file',
  },
  {
    name: 'bad deflate data',
    file: 'bad-deflate.xlsx',
    bytes: () => withBadDeflate(good),
    code: 'corrupt-file',
  },
  {
    name: 'a wrong CRC',
    file: 'wrong-crc.xlsx',
    bytes: () => withWrongCrc(good),
    code: 'corrupt-file',
  },
  {
    name: 'an encrypted entry',
    file: 'encrypted.xlsx',
    bytes: () => withEncryptedEntry(good),
    code: 'encrypted',
  },
  {
    name: 'a zero-byte file',
    file: 'empty.xlsx',
    bytes: () => Buffer.alloc(0),
    code: 'empty-file',
  },
  {
    name: 'random bytes',
    file: 'random.xls',
    bytes: () => randomBytes(20_000),
    code: 'not-a-spreadsheet',
  },
  { name: 'a BIFF4 (Excel 4.0) file', file: 'excel4.xls', bytes: biff4, code: 'old-excel-format' },
  {
    name: 'an html page with no table saved as .xls',
    file: 'page.xls',
    bytes: () => Buffer.from('<html><body><p>报表见附件</p></body></html>'),
    code: 'not-a-spreadsheet',
  },
];

describe('broken files', () => {
  it.each(cases)('$name → $code, in plain Chinese', async ({ file, bytes, code }) => {
    const error = await readAll(file, bytes());
    expect(error?.code).toBe(code);
    expectClerkMessage(error as AppError);
  });

  it('reads what is still a table: UTF-16 without a BOM, an html table saved as .xls', async () => {
    const utf16 = Buffer.from('姓名\t编号\r\n张三\t001\r\n', 'utf16le');
    expect(await readAll('utf16.txt', utf16)).toBeUndefined();
    const html = Buffer.from('<html><table><tr><td>姓名</td></tr><tr><td>张三</td></tr></table>');
    expect(await readAll('table.xls', html)).toBeUndefined();
    expect(await readAll('intact.xlsx', good)).toBeUndefined();
  });
});
