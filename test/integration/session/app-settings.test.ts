/**
 * The app's settings on the real engine handlers: the language and the clerk's name are kept in
 * the data folder across starts, the audit records the clerk's name (not the system account)
 * as who made each change, and rule titles and field-handling notes come in both languages.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineHandlers } from '../../../electron/engine/session/engine-handlers.ts';
import { EngineSession } from '../../../electron/engine/session/engine-session.ts';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/ipc/contract.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
const sessions: EngineSession[] = [];

function startSession(): EngineSession {
  const session = new EngineSession(
    { dataDir: join(temp.dir, 'data'), mode: 'browser', version: 'test' },
    () => undefined,
  );
  sessions.push(session);
  return session;
}

async function call<C extends Channel>(
  session: EngineSession,
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const result = await engineHandlers[channel](input, session);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message.en}`);
  return result.value;
}

beforeAll(async () => {
  temp = await createTempDir();
});

afterAll(async () => {
  for (const session of sessions) await session.replaceProject(undefined);
  await temp.cleanup();
});

describe('the app settings', () => {
  it('remembers the language and the clerk’s name across starts', async () => {
    const first = startSession();
    expect(await call(first, 'settings:get', {})).toEqual({});
    await call(first, 'settings:set', { language: 'en' });
    expect(await call(first, 'settings:set', { clerkName: '  王芳 ' })).toEqual({
      language: 'en',
      clerkName: '王芳',
    });
    const second = startSession();
    expect(await call(second, 'settings:get', {})).toEqual({ language: 'en', clerkName: '王芳' });
    // An empty name clears it.
    expect(await call(second, 'settings:set', { clerkName: '' })).toEqual({ language: 'en' });
  });

  it('records the clerk’s name as who made each change, from the first one', async () => {
    const session = startSession();
    await call(session, 'settings:set', { clerkName: '李明' });
    await call(session, 'project:create', {
      packId: 'pop-base',
      dataset: 'population',
      department: '牡丹区公安分局',
      period: '2026年第4季度',
    });
    await call(session, 'settings:set', { clerkName: '张丽' });
    await call(session, 'package:exempt', {
      rule: 'required',
      field: 'XM',
      reason: '部门确认暂缺',
      reviewer: '张丽',
    });
    const history = await call(session, 'history:list', {});
    expect(history.map((o) => o.who)).toEqual(['李明', '张丽']);
  });

  it('gives rule titles in Chinese and English', async () => {
    const session = startSession();
    await call(session, 'project:create', {
      packId: 'pop-base',
      dataset: 'population',
      department: '牡丹区公安分局',
      period: '2026年第4季度',
    });
    await call(session, 'package:exempt', {
      rule: 'required',
      field: 'XM',
      reason: '部门确认暂缺',
      reviewer: '张丽',
    });
    const state = await call(session, 'project:state', {});
    expect(state.exemptions[0]?.ruleTitle).toEqual({ zh: '必填项为空', en: expect.any(String) });
    expect(state.exemptions[0]?.ruleTitle.en).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('new projects', () => {
  it('gives two projects of one department and period made in the same second their own files', async () => {
    const session = startSession();
    const input = {
      packId: 'pop-base',
      dataset: 'population',
      department: '牡丹区民政局',
      period: '2026年第3季度',
    };
    const first = await call(session, 'project:create', input);
    const second = await call(session, 'project:create', input);
    expect(second.projectId).not.toBe(first.projectId);
    await session.replaceProject(undefined);
    const list = await call(session, 'project:list', {});
    expect(list.map((p) => p.projectId)).toEqual(
      expect.arrayContaining([first.projectId, second.projectId]),
    );
  });
});
