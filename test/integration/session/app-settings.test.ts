/**
 * The app's settings on the real engine handlers: the language and the clerk's name are kept in
 * the data folder across starts, the audit records the clerk's name (not the system account)
 * as who made each change, and rule titles and field-handling notes come in both languages.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSession, type TestSession } from '../../helpers/engine-session.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
const sessions: TestSession[] = [];

function startSession(): TestSession {
  const session = createTestSession({ dataDir: join(temp.dir, 'data') });
  sessions.push(session);
  return session;
}

beforeAll(async () => {
  temp = await createTempDir();
});

afterAll(async () => {
  for (const session of sessions) await session.close();
  await temp.cleanup();
});

describe('the app settings', () => {
  it('remembers the language and the clerk’s name across starts', async () => {
    const first = startSession();
    expect(await first.call('settings:get', {})).toEqual({});
    await first.call('settings:set', { language: 'en' });
    expect(await first.call('settings:set', { clerkName: '  王芳 ' })).toEqual({
      language: 'en',
      clerkName: '王芳',
    });
    const second = startSession();
    expect(await second.call('settings:get', {})).toEqual({ language: 'en', clerkName: '王芳' });
    // An empty name clears it.
    expect(await second.call('settings:set', { clerkName: '' })).toEqual({ language: 'en' });
  });

  it('records the clerk’s name as who made each change, from the first one', async () => {
    const session = startSession();
    await session.call('settings:set', { clerkName: '李明' });
    await session.call('project:create', {
      packId: 'pop-base',
      dataset: 'population',
      department: '牡丹区公安分局',
      period: '2026年第4季度',
    });
    await session.call('settings:set', { clerkName: '张丽' });
    await session.call('package:exempt', {
      rule: 'required',
      field: 'XM',
      reason: '部门确认暂缺',
      reviewer: '张丽',
    });
    const history = await session.call('history:list', {});
    expect(history.map((o) => o.who)).toEqual(['李明', '张丽']);
  });

  it('gives rule titles in Chinese and English', async () => {
    const session = startSession();
    await session.call('project:create', {
      packId: 'pop-base',
      dataset: 'population',
      department: '牡丹区公安分局',
      period: '2026年第4季度',
    });
    await session.call('package:exempt', {
      rule: 'required',
      field: 'XM',
      reason: '部门确认暂缺',
      reviewer: '张丽',
    });
    const state = await session.call('project:state', {});
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
    const first = await session.call('project:create', input);
    const second = await session.call('project:create', input);
    expect(second.projectId).not.toBe(first.projectId);
    await session.close();
    const list = await session.call('project:list', {});
    expect(list.map((p) => p.projectId)).toEqual(
      expect.arrayContaining([first.projectId, second.projectId]),
    );
  });
});
