/**
 * The write gate lets one change run at a time, first come first served: a change that waits
 * behind a long one runs after it, in order, and a change that fails does not stop the next.
 */
import { describe, expect, it } from 'vitest';
import { WriteGate } from '../../../../../electron/engine/session/write-gate.ts';

const importing = { zh: '正在导入', en: 'importing' };
const editing = { zh: '修改单元格', en: 'editing a cell' };

describe('WriteGate', () => {
  it('runs changes one at a time in the order they were asked for', async () => {
    const gate = new WriteGate();
    const order: string[] = [];
    let finishImport: () => void = () => undefined;
    const imported = gate.run(importing, async () => {
      order.push('import starts');
      await new Promise<void>((resolve) => (finishImport = resolve));
      order.push('import ends');
    });
    const edits = [1, 2, 3].map((n) =>
      gate.run(editing, async () => {
        order.push(`edit ${n}`);
        return n;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual(['import starts']);
    expect(gate.holder).toBe(importing);
    expect(gate.pending).toBe(4);
    finishImport();
    await imported;
    expect(await Promise.all(edits)).toEqual([1, 2, 3]);
    expect(order).toEqual(['import starts', 'import ends', 'edit 1', 'edit 2', 'edit 3']);
    expect(gate.holder).toBeUndefined();
    expect(gate.pending).toBe(0);
  });

  it('gives a failure to its own caller and still runs the next change', async () => {
    const gate = new WriteGate();
    const failed = gate.run(importing, () => Promise.reject(new Error('disk full')));
    const next = gate.run(editing, () => Promise.resolve('saved'));
    await expect(failed).rejects.toThrow('disk full');
    expect(await next).toBe('saved');
  });
});
