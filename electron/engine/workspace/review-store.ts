/**
 * The review store: a reviewer's exemptions (豁免) for blocking issues and the records left out
 * of packages (排除), each recorded as an operation so undo, redo and the audit trail cover them.
 */
import {
  createExemptionFinder,
  isUnrecoverableValue,
} from '../../../shared/package/find-exemption.ts';
import { describeRule } from '../../../shared/package/describe-rule.ts';
import { err, ok, type Result } from '../../../shared/result.ts';
import type { Actor, StoreContext } from './store-context.ts';

/** An exemption in force. */
export interface Exemption {
  operationId: number;
  rule: string;
  field?: string;
  rid?: number;
  reason: string;
  reviewer: string;
}

/** The errors of one rule in one field, as 打包前检查 shows them. */
export interface PreflightGroup {
  rule: string;
  field: string;
  errors: number;
  open: number;
  unrecoverable: number;
  unrecoverableValues: { rid: number; value: string }[];
}

/** Exemptions and exclusions of one project. */
export class ReviewStore {
  constructor(private readonly context: StoreContext) {}

  /** Records a reviewer's exemption for a rule's blocking issues (optionally one field or record). */
  async addExemption(
    exemption: { rule: string; field?: string; rid?: number; reason: string; reviewer: string },
    actor: Actor,
  ): Promise<Result<number>> {
    if (exemption.reason.trim() === '' || exemption.reviewer.trim() === '') {
      return err(
        'exemption-incomplete',
        '豁免必须写明理由和审核人',
        'An exemption needs a reason and a reviewer',
      );
    }
    // The history says it in the clerk's words: the rule's and the field's Chinese names.
    const fieldTitle = this.context.dataset.fields.find((f) => f.name === exemption.field)?.title;
    const scope = [
      exemption.field === undefined ? undefined : `字段「${fieldTitle ?? exemption.field}」`,
      exemption.rid === undefined ? undefined : `第 ${exemption.rid} 条记录`,
    ]
      .filter(Boolean)
      .join('，');
    const scopeEn = [
      exemption.field === undefined ? undefined : `field "${fieldTitle ?? exemption.field}"`,
      exemption.rid === undefined ? undefined : `record ${exemption.rid}`,
    ]
      .filter(Boolean)
      .join(', ');
    const rule = describeRule(this.context.dataset, exemption.rule);
    const operationId = this.context.recordOperation(
      'exemption',
      { ...actor, why: actor.why ?? exemption.reason },
      {
        zh: `豁免「${rule.zh}」${scope === '' ? '' : `（${scope}）`}：${exemption.reason}（审核人：${exemption.reviewer}）`,
        en: `Exempted "${rule.en}"${scopeEn === '' ? '' : ` (${scopeEn})`}: ${exemption.reason} (reviewer: ${exemption.reviewer})`,
      },
    );
    this.context.db.run(
      'INSERT INTO exemptions (operation_id, rule, field, rid, reason, reviewer) VALUES (?, ?, ?, ?, ?, ?)',
      [
        operationId,
        exemption.rule,
        exemption.field ?? null,
        exemption.rid ?? null,
        exemption.reason,
        exemption.reviewer,
      ],
    );
    await this.context.save();
    return ok(operationId);
  }

  /** The exemptions in force (their operations are done). */
  exemptions(): Exemption[] {
    const rows =
      this.context.db.exec(
        "SELECT e.operation_id, e.rule, e.field, e.rid, e.reason, e.reviewer FROM exemptions e JOIN operations o ON o.id = e.operation_id WHERE o.state = 'done' ORDER BY e.operation_id",
      )[0]?.values ?? [];
    return rows.map((r) => ({
      operationId: Number(r[0]),
      rule: String(r[1]),
      ...(r[2] === null ? {} : { field: String(r[2]) }),
      ...(r[3] === null ? {} : { rid: Number(r[3]) }),
      reason: String(r[4]),
      reviewer: String(r[5]),
    }));
  }

  /**
   * 打包前检查: the errors by rule and field, how many of them no exemption in force covers, and
   * which of those are values no one can recover (listed up to `listLimit`), which only an
   * exemption that names the record lets in.
   */
  exemptionPreflight(listLimit = 200): PreflightGroup[] {
    const find = createExemptionFinder(this.exemptions());
    const excluded = this.excludedRecords();
    const groups = new Map<string, PreflightGroup>();
    const statement = this.context.db.prepare(
      "SELECT rule, field, rid, value FROM issues WHERE severity = 'error' ORDER BY rule, field, rid",
    );
    try {
      while (statement.step()) {
        const [rule, field, rid, value] = statement.get().map(String) as [
          string,
          string,
          string,
          string,
        ];
        if (excluded.has(Number(rid))) continue;
        const key = `${rule}\u0000${field}`;
        let group = groups.get(key);
        if (group === undefined) {
          group = { rule, field, errors: 0, open: 0, unrecoverable: 0, unrecoverableValues: [] };
          groups.set(key, group);
        }
        group.errors += 1;
        if (find({ rule, field, value }, Number(rid)) !== undefined) continue;
        group.open += 1;
        if (!isUnrecoverableValue(value)) continue;
        group.unrecoverable += 1;
        if (group.unrecoverableValues.length < listLimit)
          group.unrecoverableValues.push({ rid: Number(rid), value });
      }
    } finally {
      statement.free();
    }
    return [...groups.values()];
  }

  /** Leaves records out of packages, as one operation. */
  async excludeRecords(rids: readonly number[], actor: Actor): Promise<Result<number>> {
    const operationId = this.context.recordOperation('exclusion', actor, {
      zh: `排除 ${rids.length} 条记录，不纳入报送`,
      en: `Left ${rids.length} record(s) out of the submission`,
    });
    const insert = this.context.db.prepare(
      'INSERT INTO exclusions (operation_id, rid) VALUES (?, ?)',
    );
    try {
      for (const rid of rids) insert.run([operationId, rid]);
    } finally {
      insert.free();
    }
    await this.context.save();
    return ok(operationId);
  }

  /** The records left out of packages by exclusions in force. */
  excludedRecords(): Set<number> {
    const rows =
      this.context.db.exec(
        "SELECT DISTINCT x.rid FROM exclusions x JOIN operations o ON o.id = x.operation_id WHERE o.state = 'done'",
      )[0]?.values ?? [];
    return new Set(rows.map((r) => Number(r[0])));
  }
}
