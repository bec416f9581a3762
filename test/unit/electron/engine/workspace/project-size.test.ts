/**
 * What counts as running out of memory: SQLite's "out of memory" through sql.js, a JavaScript
 * allocation that failed, a file too large to read, the import's own size stop; other errors
 * stay bugs. The clerk's message says what to do and carries no library text.
 */
import { describe, expect, it } from 'vitest';
import {
  databaseBytes,
  isOutOfMemory,
  projectTooLargeError,
  ProjectTooLargeError,
} from '../../../../../electron/engine/workspace/project-size.ts';
import { createMemoryDatabase } from '../../../../../electron/engine/workspace/memory-database.ts';

describe('running out of memory', () => {
  it('is told from other errors', () => {
    const tooLarge = Object.assign(new RangeError('File size (2500000000) is greater than 2 GiB'), {
      code: 'ERR_FS_FILE_TOO_LARGE',
    });
    expect(isOutOfMemory(new Error('out of memory'))).toBe(true);
    expect(isOutOfMemory(new RangeError('Array buffer allocation failed'))).toBe(true);
    expect(isOutOfMemory(new RangeError('Invalid typed array length: 4294967296'))).toBe(true);
    expect(isOutOfMemory(tooLarge)).toBe(true);
    expect(isOutOfMemory(new ProjectTooLargeError(123))).toBe(true);
    expect(isOutOfMemory(new Error('no such table: records'))).toBe(false);
    expect(isOutOfMemory(new RangeError('Maximum call stack size exceeded'))).toBe(false);
    expect(isOutOfMemory('out of memory')).toBe(false);
  });

  it('gives the clerk a plain message, the library text in the details', () => {
    const refused = projectTooLargeError({ sizeLimitBytes: 1.4 * 1024 ** 3 }, ['out of memory']);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('project-too-large');
    expect(refused.error.message.zh).toContain('按区划或年份拆分');
    expect(refused.error.message.zh).toContain('steward package');
    expect(refused.error.message.zh).toContain('1.4 GB');
    expect(refused.error.message.zh).not.toContain('out of memory');
    expect(refused.error.details).toEqual(['out of memory']);
  });

  it('is measured as the database file size', async () => {
    const db = await createMemoryDatabase();
    db.run('CREATE TABLE t (a TEXT)');
    expect(databaseBytes(db)).toBe(2 * 4096);
    db.close();
  });
});
