import { describe, expect, it } from 'vitest';
import type { WindowApi } from '../../../../renderer/api/window-api.ts';
import { RecordPageStore } from '../../../../renderer/components/record-page-store.ts';
import type { ChannelInput } from '../../../../shared/ipc/contract.ts';

const all = JSON.stringify({});
const total = 1_000_000;

/** A fake engine: every records:page request waits until the test answers it. */
function createFakeApi(options: { fail?: boolean } = {}) {
  const pending: {
    input: ChannelInput<'records:page'>;
    answer: () => Promise<void>;
  }[] = [];
  const api = {
    invoke: (channel: string, input: ChannelInput<'records:page'>) => {
      if (channel !== 'records:page') throw new Error(`unexpected ${channel}`);
      return new Promise((resolve) => {
        pending.push({
          input,
          answer: async () => {
            if (options.fail === true) {
              resolve({ ok: false, error: { code: 'x', message: { zh: '失败', en: 'failed' } } });
            } else {
              const rows = Array.from({ length: input.limit }, (_, i) => ({
                rid: input.offset + i + 1,
                sourceRow: input.offset + i + 2,
                values: [`v${input.offset + i}`],
              }));
              resolve({ ok: true, value: { total, rows, issues: [] } });
            }
            await new Promise((done) => setTimeout(done, 0));
          },
        });
      });
    },
    on: () => () => undefined,
  } as unknown as WindowApi;
  const requested = () => pending.map((p) => [p.input.offset / 100, p.input.limit / 100]);
  const answerFirst = async () => {
    const first = pending.shift();
    if (first === undefined) throw new Error('nothing requested');
    await first.answer();
  };
  return { api, requested, answerFirst, pending };
}

describe('RecordPageStore', () => {
  it('asks for the drawn pages first, neighbours in one request, at most two at once', async () => {
    const fake = createFakeApi();
    const store = new RecordPageStore(fake.api, () => undefined);
    store.want(all, [500, 501], [498, 499, 502, 503]);
    // The drawn pages in one request; the margin waits while a drawn request runs.
    expect(fake.requested()).toEqual([[500, 2]]);
    await fake.answerFirst();
    expect(store.recordAt(all, 50_012)?.sourceRow).toBe(50_014);
    expect(store.totalOf(all)).toBe(total);
    expect(store.isCurrent(all, [500, 501])).toBe(true);
    // Now the margin, one request at a time.
    expect(fake.requested()).toEqual([[498, 2]]);
  });

  it('forgets what the scroll went past: only the newest window is asked for', async () => {
    const fake = createFakeApi();
    const store = new RecordPageStore(fake.api, () => undefined);
    store.want(all, [10], []);
    store.want(all, [20], []);
    store.want(all, [30], []);
    store.want(all, [40], []);
    // Two in flight (10 and 20); 30 was wanted only for a moment and never asked for.
    expect(fake.requested()).toEqual([
      [10, 1],
      [20, 1],
    ]);
    await fake.answerFirst();
    expect(fake.requested()).toEqual([
      [20, 1],
      [40, 1],
    ]);
    expect(store.recordAt(all, 3000)).toBeUndefined();
  });

  it('keeps drawing pages from before a change while it fetches them again', async () => {
    const fake = createFakeApi();
    const store = new RecordPageStore(fake.api, () => undefined);
    let notified = 0;
    store.subscribe(() => (notified += 1));
    store.want(all, [0], []);
    await fake.answerFirst();
    const before = store.recordAt(all, 5);
    store.invalidate();
    expect(notified).toBe(2); // the page, then the change (the grid shows itself busy)
    expect(store.recordAt(all, 5)).toBe(before);
    expect(store.isCurrent(all, [0])).toBe(false);
    expect(fake.requested()).toEqual([[0, 1]]);
    await fake.answerFirst();
    expect(store.isCurrent(all, [0])).toBe(true);
    expect(store.recordAt(all, 5)).not.toBe(before);
  });

  it('says a failure once and does not ask again until the records change', async () => {
    const fake = createFakeApi({ fail: true });
    const errors: string[] = [];
    const store = new RecordPageStore(fake.api, (message) => errors.push(message.zh));
    store.want(all, [7], []);
    await fake.answerFirst();
    store.want(all, [7], []);
    expect(errors).toEqual(['失败']);
    expect(fake.requested()).toEqual([]);
    store.invalidate();
    expect(fake.requested()).toEqual([[7, 1]]);
  });

  it('keeps at most 400 pages, the least recently used going first', async () => {
    const fake = createFakeApi();
    const store = new RecordPageStore(fake.api, () => undefined);
    for (let page = 0; page < 401; page += 1) {
      store.want(all, [page], []);
      await fake.answerFirst();
      if (page === 200) expect(store.recordAt(all, 0)).toBeDefined(); // page 0 used again
    }
    expect(store.recordAt(all, 0)).toBeDefined();
    expect(store.recordAt(all, 100)).toBeUndefined(); // page 1, the least recently used
    expect(store.recordAt(all, 400 * 100)).toBeDefined();
  });
});
