import type { Language } from './localized-text.ts';

/** Every text the UI shows, in Simplified Chinese (default) and English. */
export const uiText = {
  appName: { zh: '数据归集工作台', en: 'Data Steward Workbench' },
  stepStandard: { zh: '标准', en: 'Standard' },
  stepImport: { zh: '导入', en: 'Import' },
  stepMapping: { zh: '映射', en: 'Mapping' },
  stepCheck: { zh: '检查与修正', en: 'Check & fix' },
  stepPackage: { zh: '打包', en: 'Package' },
  startTitle: { zh: '开始', en: 'Start' },
  recentProjects: { zh: '最近的项目', en: 'Recent projects' },
  noProjects: {
    zh: '还没有项目。新建一个项目，或进入培训模式。',
    en: 'No projects yet. Create one, or start training mode.',
  },
  newProject: { zh: '新建项目', en: 'New project' },
  trainingMode: { zh: '培训模式', en: 'Training mode' },
  trainingHint: {
    zh: '一键生成牡丹区演示数据（含已知问题），随时可重置，便于反复演示同一课程。',
    en: 'One click makes a Mudan district demo project with known problems; reset it any time to run the lesson again.',
  },
  startTraining: { zh: '开始培训', en: 'Start training' },
  resetTraining: { zh: '重置培训项目', en: 'Reset training project' },
  open: { zh: '打开', en: 'Open' },
  pack: { zh: '标准包', en: 'Standard pack' },
  dataset: { zh: '数据集', en: 'Dataset' },
  department: { zh: '提供单位', en: 'Providing department' },
  period: { zh: '报送期次', en: 'Reporting period' },
  create: { zh: '创建', en: 'Create' },
  cancel: { zh: '取消', en: 'Cancel' },
  close: { zh: '关闭', en: 'Close' },
  closeProject: { zh: '关闭项目', en: 'Close project' },
  undo: { zh: '撤销', en: 'Undo' },
  redo: { zh: '重做', en: 'Redo' },
  records: { zh: '条记录', en: 'records' },
  errors: { zh: '错误', en: 'Errors' },
  warnings: { zh: '警告', en: 'Warnings' },
  training: { zh: '培训', en: 'Training' },
  fields: { zh: '字段', en: 'Fields' },
  codeTables: { zh: '代码表', en: 'Code tables' },
  rules: { zh: '校验规则', en: 'Rules' },
  required: { zh: '必填', en: 'Required' },
  unique: { zh: '唯一', en: 'Unique' },
  identifier: { zh: '标识符', en: 'Identifier' },
  title: { zh: '中文名称', en: 'Name' },
  type: { zh: '类型', en: 'Type' },
  format: { zh: '格式', en: 'Format' },
  sharing: { zh: '共享属性', en: 'Sharing' },
  opening: { zh: '开放属性', en: 'Opening' },
  mask: { zh: '脱敏方式', en: 'Mask' },
  qualitySummary: { zh: '质量概况', en: 'Quality summary' },
  completeness: { zh: '完整率', en: 'Completeness' },
  validity: { zh: '有效率', en: 'Validity' },
  issuesByRule: { zh: '按规则统计的问题', en: 'Issues by rule' },
  applySuggestions: { zh: '一键采用建议值', en: 'Apply suggestions' },
  onlyIssueRows: { zh: '只看有问题的行', en: 'Only rows with issues' },
  allRows: { zh: '全部行', en: 'All rows' },
  row: { zh: '行', en: 'Row' },
  sourceRow: { zh: '原表行号', en: 'Source row' },
  editHint: {
    zh: '双击单元格修改；Enter 保存，Esc 取消',
    en: 'Double-click a cell to edit; Enter saves, Esc cancels',
  },
  suggestion: { zh: '建议值', en: 'Suggestion' },
  replaceInField: { zh: '批量替换', en: 'Replace in column' },
  find: { zh: '查找', en: 'Find' },
  replaceWith: { zh: '替换为', en: 'Replace with' },
  replace: { zh: '替换', en: 'Replace' },
  noIssues: { zh: '没有发现问题。', en: 'No issues found.' },
  noProjectYet: {
    zh: '请先在“开始”页新建或打开项目。',
    en: 'Create or open a project on the start page first.',
  },
  working: { zh: '处理中…', en: 'Working…' },
  language: { zh: 'English', en: '中文' },
  changed: { zh: '已修改', en: 'Changed' },
  history: { zh: '操作记录', en: 'History' },
  filterByRule: { zh: '按规则筛选', en: 'Filter by rule' },
  notYetAvailable: { zh: '此步骤正在建设中。', en: 'This step is being built.' },
} as const;

/** A key of the UI texts. */
export type UiTextKey = keyof typeof uiText;

/** The UI text for a key in a language. */
export function translate(key: UiTextKey, language: Language): string {
  return uiText[key][language];
}
