/** The Chinese application menu: 文件, 编辑, 视图, 帮助, with the usual shortcuts. */
import type { MenuItemConstructorOptions } from 'electron';

/** What the menu's items do; main wires them to the window. */
export interface MenuActions {
  openProject(): void;
  openFiles(): void;
  save(): void;
  undo(): void;
  redo(): void;
  about(): void;
  help(): void;
}

/** The menu template. */
export function createMenuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  return [
    {
      label: '文件',
      submenu: [
        { label: '打开项目…', accelerator: 'Ctrl+Shift+O', click: () => actions.openProject() },
        { label: '打开文件…', accelerator: 'Ctrl+O', click: () => actions.openFiles() },
        { label: '保存', accelerator: 'Ctrl+S', click: () => actions.save() },
        { type: 'separator' },
        { label: '退出', role: 'quit' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', accelerator: 'Ctrl+Z', click: () => actions.undo() },
        { label: '重做', accelerator: 'Ctrl+Y', click: () => actions.redo() },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { label: '实际大小', role: 'resetZoom' },
        { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen' },
      ],
    },
    {
      label: '帮助',
      submenu: [
        { label: '帮助与术语', accelerator: 'F1', click: () => actions.help() },
        { type: 'separator' },
        { label: '关于数据归集工作台', click: () => actions.about() },
      ],
    },
  ];
}
