/**
 * package:changes (增量 before writing, issue #15): the packages the project wrote, the base an
 * increment would follow, why 增量 is not possible when it is not, and the counts.
 */
import type { ChannelOutput } from '../../../shared/ipc/contract.ts';
import { packageKindNames } from '../../../shared/package/package-kind.ts';
import { ok } from '../../../shared/result.ts';
import { countIncrement, whyNotIncrementable } from '../package/count-increment.ts';
import { createProjectPackageSource } from '../package/package-source.ts';
import type { EngineHandlers } from './handler.ts';
import { withProject } from './with-project.ts';

type Changes = ChannelOutput<'package:changes'>;

/** The handler of package:changes. */
export const packageChangesHandlers: Pick<EngineHandlers, 'package:changes'> = {
  'package:changes': withProject(async (input, project, session) => {
    const { workspace } = project;
    const history = workspace.packageHistory();
    const packages: Changes['packages'] = history
      .map((p) => ({
        sha256: p.sha256,
        kind: p.kind,
        mode: p.mode,
        created: p.created,
        file: p.file,
        records: p.records,
      }))
      .reverse();
    // The chosen package, or the last of this kind, or (none of this kind) the last of all.
    const entry =
      input.baseSha256 === undefined
        ? (history.filter((p) => p.kind === input.kind).at(-1) ?? history.at(-1))
        : history.find((p) => p.sha256 === input.baseSha256);
    const answer = (
      unavailable: Changes['unavailable'],
      counted: Pick<Changes, 'changes' | 'cannotCount'> = { changes: null, cannotCount: null },
    ) => ok({ packages, base: entry?.sha256 ?? null, unavailable, ...counted });

    const notIncrementable = whyNotIncrementable(workspace.pack, workspace.dataset, input.kind);
    if (notIncrementable !== undefined) return answer(notIncrementable);
    if (history.length === 0) {
      return answer({
        zh: '这个项目还没有写过数据包：第一次报送请用全量',
        en: 'This project has written no package yet: the first submission is in full',
      });
    }
    if (entry === undefined) {
      return answer({
        zh: '所选的数据包不是这个项目写的，不能作为增量的基础；请从列表中另选一个',
        en: 'The chosen package was not written by this project; choose another from the list',
      });
    }
    if (entry.kind !== input.kind) {
      const [was, now] = [packageKindNames[entry.kind], packageKindNames[input.kind]];
      return answer({
        zh: `作为基础的数据包是${was}数据包，本次是${now}数据包，不能比较；请选一个${now}数据包作为基础，或改用全量`,
        en: `The base package is a ${entry.kind} package and this one is ${input.kind}: choose a ${input.kind} package as the base, or submit in full`,
      });
    }
    if (!input.shouldCount) return answer(null);
    // A read of the whole project across awaits: it waits at the write gate, so it never sees
    // half an import, and holds the gate for the read alone (no job, nothing written).
    const counted = await session.writeToProject(
      workspace,
      { zh: '统计增量', en: 'counting the changes' },
      () =>
        countIncrement(createProjectPackageSource(workspace), {
          kind: input.kind,
          onError: input.onError,
          created: new Date(),
          base: workspace.packageBase(entry),
        }),
    );
    if (!counted.ok) {
      if (counted.error.code === 'project-closed') return counted;
      return answer(null, { changes: null, cannotCount: counted.error.message });
    }
    return answer(null, { changes: counted.value, cannotCount: null });
  }),
};
