/**
 * The one way a change reaches the open project (issue #11, 一个写入者): changes pass one at a
 * time, first come first served. sql.js has one connection, and an import holds `BEGIN` across
 * the awaits of reading its file, so a second writer meanwhile would fail ("cannot start a
 * transaction within a transaction", "SQLite is busy"). A long job (import, merge) holds the
 * gate for its whole write; reads (grid pages, summaries, counts) do not pass the gate and
 * answer meanwhile. A change asked for meanwhile waits its turn: it never fails for that.
 *
 * Written by hand: a first-in-first-out chain of promises is a few lines, and the session needs
 * to say what holds the gate (for the log and the clerk); p-limit(1) would queue the same way
 * but is not one of the project's dependencies.
 */

/** What a change waiting at the gate is waiting for. */
export interface GateHolder {
  readonly zh: string;
  readonly en: string;
}

/** A first-in-first-out gate that lets one change to the project run at a time. */
export class WriteGate {
  /** Settles when the last change queued so far has finished (however it ended). */
  private tail: Promise<void> = Promise.resolve();
  private current: GateHolder | undefined;
  private queued = 0;

  /** What holds the gate now, if anything. */
  get holder(): GateHolder | undefined {
    return this.current;
  }

  /** How many changes are waiting or running. */
  get pending(): number {
    return this.queued;
  }

  /**
   * Runs `work` when every change queued before it has finished, and holds the gate until it
   * settles. Its result or error goes to its own caller only; the next change runs either way.
   * Do not call `run` from inside `work`: it would wait for itself.
   */
  run<T>(holder: GateHolder, work: () => Promise<T>): Promise<T> {
    this.queued += 1;
    const result = this.tail.then(async () => {
      this.current = holder;
      try {
        return await work();
      } finally {
        this.current = undefined;
        this.queued -= 1;
      }
    });
    this.tail = result.then(
      () => undefined,
      () => undefined, // that failure was returned to its own caller
    );
    return result;
  }
}
