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
  fieldCount: { zh: '个字段', en: 'fields' },
  periodSuggestions: { zh: '常用期次', en: 'Usual periods' },
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
  issuesByRule: { zh: '按规则和字段统计的问题', en: 'Issues by rule and field' },
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
  chooseFiles: { zh: '选择文件', en: 'Choose files' },
  dropHint: {
    zh: '把 xlsx、xls、xlsb、ods、et、csv、tsv、txt 文件拖到这里，或点击“选择文件”',
    en: 'Drop xlsx, xls, xlsb, ods, et, csv, tsv or txt files here, or choose files',
  },
  fileFormat: { zh: '格式', en: 'Format' },
  encoding: { zh: '编码', en: 'Encoding' },
  sheet: { zh: '工作表', en: 'Sheet' },
  hidden: { zh: '隐藏', en: 'hidden' },
  headerRow: { zh: '表头行', en: 'Header row' },
  dataRows: { zh: '数据行', en: 'Data rows' },
  footerRows: { zh: '已剔除的表尾行', en: 'Footer rows cut' },
  flaggedCells: { zh: '需要注意的单元格', en: 'Flagged cells' },
  preview: { zh: '预览', en: 'Preview' },
  inspect: { zh: '重新识别', en: 'Inspect again' },
  nextMapping: { zh: '下一步：映射', en: 'Next: mapping' },
  sourceColumn: { zh: '原表列', en: 'Source column' },
  standardField: { zh: '标准字段', en: 'Standard field' },
  confidence: { zh: '置信度', en: 'Confidence' },
  reason: { zh: '依据', en: 'Reason' },
  notMapped: { zh: '（不导入）', en: '(not imported)' },
  unmappedRequired: { zh: '尚未对应的必填字段', en: 'Required fields not mapped' },
  startImport: { zh: '开始导入并检查', en: 'Import and check' },
  packageKind: { zh: '数据包类型', en: 'Package kind' },
  kindShare: { zh: '共享（报送省级平台，按共享属性提供）', en: 'Share (to the province)' },
  kindOpen: {
    zh: '开放（公开发布，按开放属性脱敏或不予提供）',
    en: 'Open (public: masked by classification)',
  },
  onError: { zh: '遇到错误时', en: 'On errors' },
  onErrorBlock: {
    zh: '阻止打包（未豁免的错误必须先修正）',
    en: 'Block (fix or exempt every error first)',
  },
  onErrorExclude: {
    zh: '剔除有错误的记录，并在清单中计数',
    en: 'Leave out records with errors, counted in the manifest',
  },
  steward: { zh: '数据管理员', en: 'Data steward' },
  reviewer: { zh: '审核人', en: 'Reviewer' },
  division: {
    zh: '行政区划代码（留空则从数据推断）',
    en: 'Division code (blank: read from the data)',
  },
  writePackage: { zh: '生成数据包', en: 'Write the package' },
  lastPackage: { zh: '最近生成的数据包', en: 'Last package' },
  packageFiles: { zh: '包内文件与校验值', en: 'Files and checksums' },
  exemption: { zh: '豁免（需写明理由与审核人）', en: 'Exemption (with reason and reviewer)' },
  rule: { zh: '规则', en: 'Rule' },
  addExemption: { zh: '记录豁免', en: 'Record exemption' },
  exemptionReason: { zh: '豁免理由', en: 'Reason' },
  provider: { zh: '数据提供人', en: 'Data provider' },
  submissionFacts: { zh: '报送信息', en: 'Submission' },
  preflight: { zh: '打包前检查', en: 'Before packaging' },
  preflightClear: {
    zh: '没有未豁免的错误，可以打包。',
    en: 'No error without an exemption: ready to package.',
  },
  preflightBlocked: {
    zh: '以下规则仍有未豁免的错误。按“阻止打包”将无法生成数据包：请先修正，或由审核人记录豁免，或改为剔除有错误的记录。',
    en: 'These rules still have errors without an exemption. With "Block" no package is written: fix them, record an exemption, or leave those records out.',
  },
  preflightExclude: {
    zh: '以下规则仍有未豁免的错误，这些记录将被剔除，不进入数据包。',
    en: 'These rules still have errors without an exemption; those records will be left out.',
  },
  exempted: { zh: '已豁免', en: 'Exempted' },
  willBlock: { zh: '阻止打包', en: 'Blocks' },
  willExclude: { zh: '记录将被剔除', en: 'Records left out' },
  exemptThis: { zh: '豁免…', en: 'Exempt…' },
  exemptionsInForce: { zh: '生效的豁免', en: 'Exemptions in force' },
  noExemptions: { zh: '尚无豁免。', en: 'No exemptions.' },
  packageBlocked: {
    zh: '上次打包未完成：以下错误没有豁免',
    en: 'The last attempt wrote nothing: these errors have no exemption',
  },
  packageReport: { zh: '检查报告摘要', en: 'Report summary' },
  fieldHandling: { zh: '字段处理', en: 'Fields' },
  actionKeep: { zh: '保留', en: 'Kept' },
  actionMask: { zh: '脱敏', en: 'Masked' },
  actionDrop: { zh: '不予提供', en: 'Dropped' },
  packagedRows: { zh: '打包记录', en: 'Records packaged' },
  excludedRows: { zh: '剔除记录', en: 'Records left out' },
  exemptedErrors: { zh: '已豁免错误', en: 'Exempted errors' },
  created: { zh: '生成时间', en: 'Created' },
  divisionCode: { zh: '行政区划', en: 'Division' },
  noRecordsYet: {
    zh: '项目中还没有记录，请先导入数据。',
    en: 'The project has no records yet: import first.',
  },
  stewardNeeded: { zh: '请填写数据管理员。', en: 'Enter the data steward.' },
  noFileYet: { zh: '请先在“导入”步骤选择文件。', en: 'Choose a file in the Import step first.' },

  // 检查与修正 (issue #6): issues by rule and field, value maps, the error workbook round trip.
  // `{name}` marks a value filled in by formatText.
  filterByRuleField: {
    zh: '只看此规则在该字段有问题的行',
    en: 'Show the rows with this rule’s issues in this field',
  },
  suggestionsCount: { zh: '{count} 处有确定的建议值', en: '{count} issues have a certain fix' },
  suggestionsApplied: { zh: '已采用建议值 {count} 处', en: 'Applied {count} suggestions' },
  replaced: { zh: '已替换 {count} 处', en: 'Replaced {count} cells' },
  valueMap: { zh: '值映射', en: 'Value map' },
  valueMapTitle: { zh: '值映射：{field}', en: 'Value map: {field}' },
  valueMapHint: {
    zh: '把不在代码表中的值对应到标准代码，相同的值一次全部改正（记为一次操作，可撤销）。',
    en: 'Map each value that is not in the code table to a standard code; every cell alike is fixed at once (one operation, undoable).',
  },
  sourceValue: { zh: '原值', en: 'Value' },
  occurrences: { zh: '次数', en: 'Count' },
  mapToCode: { zh: '对应代码', en: 'Code' },
  leaveAsIs: { zh: '（暂不处理）', en: '(leave as is)' },
  saveToTemplate: {
    zh: '同时存入本部门的映射模板（以后导入同样格式的表时自动套用）',
    en: 'Also keep it in the department’s mapping template (applied by itself to the next file of this layout)',
  },
  applyValueMap: { zh: '应用值映射', en: 'Apply the value map' },
  valueMapApplied: {
    zh: '已按值映射修改 {count} 处',
    en: 'Changed {count} cells by the value map',
  },
  templateKept: { zh: '；已存入映射模板：{names}', en: '; kept in the mapping template: {names}' },
  moreValues: {
    zh: '共 {distinct} 个不同的值，这里列出最多的 {shown} 个',
    en: '{distinct} distinct values; the {shown} most frequent are listed',
  },
  noValuesToMap: { zh: '没有需要映射的值。', en: 'No values to map.' },
  errorWorkbook: { zh: '问题数据表（发给部门修改）', en: 'Error workbook (for the department)' },
  errorWorkbookHint: {
    zh: '导出有问题的记录（问题单元格标色并附说明）发给部门；部门在 Excel 中改好发回后，按记录编号合并回项目。',
    en: 'Export the records with issues (bad cells highlighted and explained) for the department; when it sends the fixed workbook back, merge it by record id.',
  },
  exportErrorWorkbook: { zh: '导出问题数据表', en: 'Export the error workbook' },
  saveAgain: { zh: '再次保存', en: 'Save again' },
  fileSaved: { zh: '已保存 {name}', en: 'Saved {name}' },
  mergeFixedWorkbook: { zh: '合并改好的问题数据表', en: 'Merge a fixed workbook' },
  mergeResult: { zh: '合并结果：{file}', en: 'Merge result: {file}' },
  mergeApplied: { zh: '已合并的修改', en: 'Cells merged' },
  mergeAlreadyEqual: { zh: '与项目已一致', en: 'Already the same' },
  mergeConflicts: { zh: '冲突（未覆盖）', en: 'Conflicts (not overwritten)' },
  mergeUnreadable: { zh: '无法读取的单元格', en: 'Unreadable cells' },
  mergeUnknown: { zh: '项目中没有的记录编号', en: 'Record ids not in the project' },
  mergeDuplicate: {
    zh: '重复的记录编号（只合并第一行）',
    en: 'Record ids repeated (the first row was merged)',
  },
  mergeIssueCounts: {
    zh: '错误 {errorsBefore} → {errorsAfter}，警告 {warningsBefore} → {warningsAfter}',
    en: 'Errors {errorsBefore} → {errorsAfter}, warnings {warningsBefore} → {warningsAfter}',
  },
  mergeUndoHint: {
    zh: '这次合并是操作记录中的一次操作，可以撤销。',
    en: 'The merge is one operation in the history; undo reverts it.',
  },
  conflictHint: {
    zh: '这些单元格在导出后项目中也改过，合并时保留了项目中的值。请逐个决定是否采用部门的值。',
    en: 'These cells were also changed in the project after the export; the project’s values were kept. Decide for each whether to take the department’s value.',
  },
  conflictsShown: {
    zh: '只列出前 {shown} 处（共 {count} 处）',
    en: 'First {shown} of {count} listed',
  },
  recordId: { zh: '记录编号', en: 'Record id' },
  conflictRecord: {
    zh: '记录 {rid}（原表第 {row} 行）「{field}」',
    en: 'Record {rid} (source row {row}), {field}',
  },
  valueAtExport: { zh: '导出时', en: 'At export' },
  departmentValue: { zh: '部门改为', en: 'Department’s value' },
  projectValue: { zh: '项目中现为', en: 'Project’s value' },
  takeTheirs: { zh: '采用部门的值', en: 'Take theirs' },
  taken: { zh: '已采用', en: 'Taken' },
  takeTheirsWhy: {
    zh: '合并冲突：采用部门在问题数据表中的值',
    en: 'Merge conflict: took the department’s value from the error workbook',
  },
} as const;

/** A key of the UI texts. */
export type UiTextKey = keyof typeof uiText;

/** The UI text for a key in a language. */
export function translate(key: UiTextKey, language: Language): string {
  return uiText[key][language];
}

/**
 * The UI text for a key with its `{name}` marks filled in (numbers shown with thousands
 * separators); a mark without a value stays as it is, so a missing value is visible.
 */
export function formatText(
  key: UiTextKey,
  language: Language,
  values: Readonly<Record<string, string | number>>,
): string {
  return uiText[key][language].replace(/\{(\w+)\}/g, (mark, name: string) => {
    const value = values[name];
    if (value === undefined) return mark;
    return typeof value === 'number' ? value.toLocaleString('en-US') : value;
  });
}
