/**
 * The UI texts of the project list (项目列表: rename, archive, delete, 清空归档) and of 设置
 * (issue #13), in Simplified Chinese and English; ui-text.ts takes them in. `{name}` marks a
 * value filled in by formatText.
 */
export const shelfText = {
  projectPack: { zh: '标准包', en: 'Pack' },
  projectRecords: { zh: '记录数', en: 'Records' },
  projectErrors: { zh: '错误', en: 'Errors' },
  projectChanged: { zh: '最后修改', en: 'Last change' },
  projectName: { zh: '项目名称', en: 'Project' },
  projectActions: { zh: '操作', en: 'Actions' },
  projectFactsUnknown: {
    zh: '打开一次后显示',
    en: 'Shown after the first opening',
  },
  renameProject: { zh: '重命名', en: 'Rename' },
  renameSave: { zh: '保存名称', en: 'Save name' },
  archiveProject: { zh: '归档', en: 'Archive' },
  restoreProject: { zh: '还原', en: 'Restore' },
  deleteProject: { zh: '删除', en: 'Delete' },
  archivedProjects: { zh: '已归档', en: 'Archived' },
  showArchive: { zh: '查看已归档（{count}）', en: 'Show archived ({count})' },
  hideArchive: { zh: '收起已归档', en: 'Hide archived' },
  pendingEmpty: { zh: '待清空', en: 'To be emptied' },
  emptyArchive: { zh: '清空归档', en: 'Empty the archive' },
  confirmDeleteProject: {
    zh: '删除项目「{name}」？项目文件会移到“待清空”，在您清空归档之前仍可还原。',
    en: 'Delete the project "{name}"? Its file moves to "to be emptied" and can be restored until you empty the archive.',
  },
  confirmEmptyArchive: {
    zh: '永久删除“待清空”中的 {count} 个项目文件？此操作无法撤销，文件将无法找回。',
    en: 'Remove the {count} project files "to be emptied" for good? This cannot be undone and the files cannot be recovered.',
  },
  confirmDeleteAction: { zh: '确认删除', en: 'Delete' },
  confirmEmptyAction: { zh: '永久删除', en: 'Remove for good' },
  projectRenamed: { zh: '已重命名为「{name}」', en: 'Renamed to "{name}"' },
  projectArchived: { zh: '已归档「{name}」', en: 'Archived "{name}"' },
  projectRestored: { zh: '已还原「{name}」', en: 'Restored "{name}"' },
  projectDeleted: {
    zh: '已删除「{name}」，文件在清空归档之前仍保留',
    en: 'Deleted "{name}"; its file is kept until the archive is emptied',
  },
  archiveEmptied: {
    zh: '已永久删除 {count} 个项目文件',
    en: 'Removed {count} project files for good',
  },
  archiveKeptOpen: {
    zh: '以下项目正在另一个窗口中打开，没有删除：{names}。请先在那个窗口关闭它们，再清空归档。',
    en: 'These projects are open in another window and were not removed: {names}. Close them there first, then empty the archive again.',
  },
  settings: { zh: '设置', en: 'Settings' },
  settingsClerkName: { zh: '您的姓名', en: 'Your name' },
  settingsClerkExample: { zh: '如：王芳', en: 'e.g. Wang Fang' },
  settingsClerkHint: {
    zh: '您的姓名将记入审计记录，作为每次修改的修改人。',
    en: 'Your name goes into the audit trail as who made each change.',
  },
  settingsNamePrompt: {
    zh: '请填写您的姓名，它将记入审计记录',
    en: 'Please enter your name; the audit trail records it',
  },
  settingsLanguage: { zh: '界面语言', en: 'Language' },
  settingsSave: { zh: '保存', en: 'Save' },
  settingsLater: { zh: '稍后填写', en: 'Later' },
  settingsSaved: { zh: '设置已保存', en: 'Settings saved' },
} as const;
