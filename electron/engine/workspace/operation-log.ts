/**
 * The operation log: every change to a project is an operation in the history, with who did it,
 * when and why; undo and redo move an operation between done and undone, and the audit trail
 * lists the cell changes of the operations in force.
 */
import { userInfo } from 'node:os';
import type { LocalizedText } from '../../../shared/i18n/localized-text.ts';
import { now, scalar, type Actor, type OperationKind, type StoreContext } from './store-context.ts';

/** One entry of the operation history. */
export interface Operation {
  readonly id: number;
  readonly kind: OperationKind;
  readonly who: string;
  readonly at: string;
  readonly why: string;
  /** What it did, in Chinese (the history, the audit trail). */
  readonly summary: string;
  /** The same in English; the Chinese summary for operations of projects made before it. */
  readonly summaryEn: string;
  readonly state: 'done' | 'undone' | 'discarded';
}

/** One cell change in force, with its operation: a line of the audit trail. */
export interface AuditEntry {
  operationId: number;
  kind: string;
  who: string;
  at: string;
  why: string;
  rid: number;
  field: string;
  old: string | null;
  new: string | null;
}

/** The operation history of one project. */
export class OperationLog {
  constructor(private readonly context: StoreContext) {}

  /**
   * Records an operation and returns its id; operations that were undone are discarded (a new
   * change ends the redo chain).
   */
  record(kind: OperationKind, actor: Actor, summary: LocalizedText, payload: object = {}): number {
    const db = this.context.db;
    db.run("UPDATE operations SET state = 'discarded' WHERE state = 'undone'");
    db.run(
      'INSERT INTO operations (kind, who, at, why, summary, summary_en, payload) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [
        kind,
        actor.who ?? defaultWho(),
        now(),
        actor.why ?? '',
        summary.zh,
        summary.en,
        JSON.stringify(payload),
      ],
    );
    return Number(db.exec('SELECT last_insert_rowid()')[0]?.values[0]?.[0]);
  }

  /** The operation history, oldest first. */
  history(): Operation[] {
    const rows =
      this.context.db.exec(
        'SELECT id, kind, who, at, why, summary, state, summary_en FROM operations ORDER BY id',
      )[0]?.values ?? [];
    return rows.map((r) => ({
      id: Number(r[0]),
      kind: String(r[1]) as OperationKind,
      who: String(r[2]),
      at: String(r[3]),
      why: String(r[4]),
      summary: String(r[5]),
      summaryEn: r[7] === null || r[7] === '' ? String(r[5]) : String(r[7]),
      state: String(r[6]) as Operation['state'],
    }));
  }

  /** One operation of the history; a bug if there is none of that id. */
  operation(id: number): Operation {
    const found = this.history().find((op) => op.id === id);
    if (found === undefined) throw new Error(`no operation ${id}`);
    return found;
  }

  /** The newest operation that is done (not the project's creation): what undo undoes. */
  newestUndoable(): number | undefined {
    const id = scalar(
      this.context.db,
      "SELECT max(id) FROM operations WHERE state = 'done' AND kind != 'create'",
    );
    return id === null || id === undefined ? undefined : Number(id);
  }

  /** The oldest undone operation: what redo redoes. */
  oldestRedoable(): number | undefined {
    const id = scalar(this.context.db, "SELECT min(id) FROM operations WHERE state = 'undone'");
    return id === null || id === undefined ? undefined : Number(id);
  }

  /** The kind of an operation. */
  kindOf(id: number): string {
    return String(scalar(this.context.db, 'SELECT kind FROM operations WHERE id = ?', [id]));
  }

  /** Marks an operation done or undone (with when it was undone). */
  setState(id: number, state: 'done' | 'undone'): void {
    this.context.db.run('UPDATE operations SET state = ?, undone_at = ? WHERE id = ?', [
      state,
      state === 'undone' ? now() : null,
      id,
    ]);
  }

  /** Whether undo and redo have something to do. */
  undoState(): { canUndo: boolean; canRedo: boolean } {
    return {
      canUndo:
        scalar(
          this.context.db,
          "SELECT 1 FROM operations WHERE state = 'done' AND kind != 'create' LIMIT 1",
        ) !== undefined,
      canRedo:
        scalar(this.context.db, "SELECT 1 FROM operations WHERE state = 'undone' LIMIT 1") !==
        undefined,
    };
  }

  /** Every cell change in force, oldest first, with its operation: the audit trail. */
  auditTrail(): AuditEntry[] {
    const rows =
      this.context.db.exec(
        "SELECT o.id, o.kind, o.who, o.at, o.why, c.rid, c.field, c.old, c.new FROM cell_changes c JOIN operations o ON o.id = c.operation_id WHERE o.state = 'done' ORDER BY o.id, c.rowid",
      )[0]?.values ?? [];
    return rows.map((r) => ({
      operationId: Number(r[0]),
      kind: String(r[1]),
      who: String(r[2]),
      at: String(r[3]),
      why: String(r[4]),
      rid: Number(r[5]),
      field: String(r[6]),
      old: r[7] === null ? null : String(r[7]),
      new: r[8] === null ? null : String(r[8]),
    }));
  }
}

/** The signed-in user, who an operation is by unless the caller says. */
function defaultWho(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
