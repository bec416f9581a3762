import { describe, expect, it } from 'vitest';
import { createMenuTemplate, type MenuActions } from '../../../../electron/main/menu.ts';

describe('the application menu', () => {
  it('has 帮助 › 帮助与术语 (F1), which asks the window to open help', () => {
    const called: string[] = [];
    const actions = new Proxy({} as MenuActions, {
      get: (_target, name: string) => () => called.push(name),
    });
    const help = createMenuTemplate(actions).find((m) => m.label === '帮助');
    const submenu = Array.isArray(help?.submenu) ? help.submenu : [];
    const item = submenu.find((i) => i.label === '帮助与术语');
    expect(item?.accelerator).toBe('F1');
    (item?.click as (() => void) | undefined)?.();
    expect(called).toEqual(['help']);
  });
});
