/**
 * The UI texts of 培训模式's lesson and of 帮助 (issue #13), in Simplified Chinese and English;
 * ui-text.ts takes them in. `{name}` marks a value filled in by formatText.
 */
export const lessonText = {
  // 培训模式 on the start page
  lessonTitle: { zh: '培训课程', en: 'Lesson' },
  lessonStartHint: {
    zh: '从部门报来的原始表格做起，按七步课程练习导入、映射、检查、合并与打包。每位学员一个培训项目，以姓名命名。',
    en: 'Start from the spreadsheet a department sent and practise import, mapping, checks, merging and packaging in seven steps. Each trainee has their own training project, named after them.',
  },
  traineeName: { zh: '学员姓名', en: 'Trainee’s name' },
  traineeExample: { zh: '如：张敏', en: 'e.g. Zhang Min' },
  startLesson: { zh: '开始课程', en: 'Start the lesson' },
  confirmResetLesson: {
    zh: '学员「{name}」已有培训项目。重新开始会清空其中的全部练习，无法撤销。',
    en: '{name} already has a training project. Starting over clears all practice in it; this cannot be undone.',
  },
  confirmReset: { zh: '确定重置', en: 'Reset' },
  useTrainingFile: { zh: '使用培训文件', en: 'Use the training file' },

  // The lesson panel
  lessonPanel: { zh: '培训课程', en: 'Lesson' },
  lessonStepOf: { zh: '第 {n} 步，共 {total} 步', en: 'Step {n} of {total}' },
  lessonHide: { zh: '隐藏课程', en: 'Hide the lesson' },
  lessonShow: { zh: '显示课程（第 {n} 步）', en: 'Show the lesson (step {n})' },
  lessonRestartStep: { zh: '重新开始本步', en: 'Restart this step' },
  lessonNext: { zh: '下一步', en: 'Next step' },
  lessonPrevious: { zh: '上一步', en: 'Previous step' },
  lessonGoTo: { zh: '前往“{step}”', en: 'Go to “{step}”' },
  lessonStepDone: { zh: '✓ 本步已完成', en: '✓ Step done' },
  lessonWaiting: {
    zh: '完成后这里会自动打勾（工作台根据项目的实际状态判断）。',
    en: 'This ticks itself once you have done it (the workbench checks the project’s real state).',
  },
  lessonAllDone: {
    zh: '七步全部完成。可以重新开始某一步再练一遍，或在开始页用新的学员姓名开始。',
    en: 'All seven steps are done. Restart a step to practise it again, or start with another trainee’s name.',
  },
  lessonUnmapped: {
    zh: '还有字段没有对应的列：{fields}。撤销这次导入（Ctrl+Z），回到“映射”选好后重新导入。',
    en: 'Some fields have no column: {fields}. Undo this import (Ctrl+Z), choose them in Mapping and import again.',
  },
  simulateDepartment: { zh: '模拟部门修改', en: 'Simulate the department’s fixes' },
  simulateDepartmentNote: {
    zh: '培训中没有真实的部门：点“模拟部门修改”，工作台按部门会做的那样改好刚导出的问题数据表，再合并回本项目。实际工作中，把问题数据表发给部门，收回后用“合并改好的问题数据表”选择该文件。',
    en: 'A trainee has no department: “Simulate the department’s fixes” corrects the error workbook you just exported as the department would, and merges it back. In real work, send the workbook to the department and, when it comes back, use “Merge a fixed workbook”.',
  },
  simulatedDepartment: {
    zh: '部门改好了 {count} 处，正在合并……',
    en: 'The department corrected {count} cells; merging…',
  },
  lesson1Title: { zh: '导入部门的文件', en: 'Import the department’s file' },
  lesson1Do: {
    zh: '在“导入”中点“使用培训文件”，打开牡丹区公安分局报来的户籍人口登记表。看一看预览：表头上面的标题行、末尾的合计和填表人行，工作台已自己跳过；被 Excel 弄坏的身份证号（3.71702E+17）已标出。',
    en: 'In Import, click “Use the training file” to open the household register the Mudan police station sent. Look at the preview: the title rows above the header and the total and signature rows at the end are skipped; IDs Excel mangled (3.71702E+17) are flagged.',
  },
  lesson2Title: { zh: '修正映射', en: 'Fix the mapping' },
  lesson2Do: {
    zh: '点“下一步：映射”。工作台已按列名和内容对应了大部分字段，但部门的“家庭编号”列没有对上：在“户号”一栏选“家庭编号”。性别、民族写的是名称（男、汉族），取值对照会把它们换成代码。然后点“开始导入并检查”。',
    en: 'Click “Next: mapping”. Most fields are matched by header and content, but the department’s column 家庭编号 is not: choose it for 户号. Sex and ethnic group are written as names (男, 汉族); the value maps turn them into codes. Then click “Import and check”.',
  },
  lesson3Title: { zh: '找出身份证号错误', en: 'Find the ID errors' },
  lesson3Do: {
    zh: '在“检查与修正”的问题清单里点“公民身份号码”，表格只显示身份证号有问题的行。选中一格看右侧的原因；向部门核实后，双击单元格改成正确的号码，按回车。改好一处即完成本步。',
    en: 'In Check & fix, click 公民身份号码 in the issue list: the grid shows only the rows with ID problems. Select a cell to read the reason; once the department confirms the right number, double-click the cell, type it and press Enter. One fix completes the step.',
  },
  lesson4Title: { zh: '采用建议值', en: 'Apply suggestions' },
  lesson4Do: {
    zh: '有些问题工作台能给出建议值（如 15 位身份证号升为 18 位、全角数字改半角、多余空格）。在问题清单中点某条规则旁的“一键采用建议值”，一次改好同类问题；改错了可以撤销。',
    en: 'For some problems the workbench suggests a value (a 15-digit ID made 18 digits, full-width digits, stray spaces). Click “Apply suggestions” beside a rule in the issue list to fix them all at once; undo takes it back.',
  },
  lesson5Title: { zh: '导出问题数据表', en: 'Export the error workbook' },
  lesson5Do: {
    zh: '剩下的问题要部门核实。点“导出问题数据表”：有问题的行标红并写明原因，另有一张问题清单，发给部门修改。',
    en: 'The rest needs the department. Click “Export the error workbook”: the rows with problems are highlighted and explained, with a list of issues, to send to the department.',
  },
  lesson6Title: { zh: '合并部门改好的表', en: 'Merge the fixed workbook' },
  lesson6Do: {
    zh: '部门改好后，按记录编号把修改合并回项目，每处修改都记入修改记录，可以撤销。',
    en: 'When the department has fixed it, its changes merge back by record number; every change is recorded and can be undone.',
  },
  lesson7Title: { zh: '打包报送', en: 'Package' },
  lesson7Do: {
    zh: '到“打包”：选“共享”，仍有错误时选“剔除有错误的记录”，填写数据管理员，点“生成数据包”。数据包带校验报告和修改记录。',
    en: 'In Package: choose Share; with errors left, choose to exclude the records with errors; enter the data steward and click “Write the package”. The package carries the report and the change log.',
  },

  // 帮助
  help: { zh: '帮助', en: 'Help' },
  helpTitle: { zh: '帮助', en: 'Help' },
  helpGlossary: { zh: '术语', en: 'Glossary' },
  helpGuide: { zh: '入门：五个步骤', en: 'Getting started: five steps' },
  guideTitle: {
    zh: '第一次使用？五步完成一次报送',
    en: 'First time? One submission in five steps',
  },
  guideDismiss: { zh: '知道了', en: 'Got it' },
  guideMore: {
    zh: '之后随时可在右上角“帮助”（或菜单“帮助”）中再看本指南和术语。',
    en: 'You can see this guide and the glossary again any time under Help (top right, or the Help menu).',
  },
  guide1: {
    zh: '标准：选择要对照的省级数据标准（标准包），看每个字段的要求。',
    en: 'Standard: pick the province’s data standard (the pack) and see what each field requires.',
  },
  guide2: {
    zh: '导入：选择部门报来的 Excel、WPS 或 CSV 表格，工作台自己找到表头、跳过标题和合计行。',
    en: 'Import: choose the Excel, WPS or CSV sheets a department sent; the header is found and title and total rows are skipped.',
  },
  guide3: {
    zh: '映射：确认每一列对应哪个标准字段，名称（男、汉族）换成代码。',
    en: 'Mapping: confirm which standard field each column feeds; names (男, 汉族) become codes.',
  },
  guide4: {
    zh: '检查与修正：逐格检查，改正或采用建议值，导出问题数据表请部门修改后合并回来。',
    en: 'Check & fix: every cell is checked; fix it, apply suggestions, or export an error workbook for the department and merge it back.',
  },
  guide5: {
    zh: '打包：生成共享或开放数据包，带校验报告和修改记录，报送省级。',
    en: 'Package: write a share or open package with its report and change log, for the province.',
  },
  glossaryShare: { zh: '共享', en: 'Share (共享)' },
  glossaryShareText: {
    zh: '在政府部门之间提供数据。共享数据包报送省级，带完整字段并加封校验。字段分“无条件共享”“有条件共享”“不予共享”。',
    en: 'Providing data between government bodies. A share package goes to the province with every field, sealed with checksums. Fields are shared unconditionally, conditionally, or not at all.',
  },
  glossaryOpen: { zh: '开放', en: 'Open (开放)' },
  glossaryOpenText: {
    zh: '向社会公开数据。开放数据包按字段的开放属性脱敏或去掉不能公开的内容（开放不出门）。',
    en: 'Publishing data to the public. An open package masks or drops what may not be public, by each field’s classification.',
  },
  glossaryExemption: { zh: '豁免', en: 'Exemption (豁免)' },
  glossaryExemptionText: {
    zh: '审核人确认某类错误可以随数据包报送，并写明理由。没有豁免的错误会阻止打包。',
    en: 'A reviewer’s decision, with a reason, that some errors may go into a package. Errors without one stop the package.',
  },
  glossaryMasking: { zh: '脱敏', en: 'Masking (脱敏)' },
  glossaryMaskingText: {
    zh: '把敏感内容部分遮盖，如身份证号只留前后几位（3717**********1234），用于开放数据包。',
    en: 'Hiding part of a sensitive value, such as an ID showing only its ends (3717**********1234), for open packages.',
  },
  glossaryCodeTable: { zh: '代码表', en: 'Code table (代码表)' },
  glossaryCodeTableText: {
    zh: '标准规定的取值清单，如性别 1 男、2 女，民族 01 汉族。表格里写的名称通过取值对照换成代码。',
    en: 'The values a standard allows, such as sex 1 male, 2 female, ethnic group 01 Han. Names written in a sheet become codes through a value map.',
  },
  glossaryPack: { zh: '标准包', en: 'Standard pack (标准包)' },
  glossaryPackText: {
    zh: '一份省级数据标准：数据集、字段、代码表和检查规则。',
    en: 'One provincial data standard: datasets, fields, code tables and rules.',
  },
  glossaryMapping: { zh: '映射', en: 'Mapping (映射)' },
  glossaryMappingText: {
    zh: '部门表格的列与标准字段的对应关系；同样格式的表下次会自动套用。',
    en: 'Which column of a department’s sheet feeds which standard field; applied by itself when the same layout comes again.',
  },
  glossaryValueMap: { zh: '取值对照', en: 'Value map (取值对照)' },
  glossaryValueMapText: {
    zh: '把表格里的写法换成代码表的代码，如 男 → 1、汉 → 01。',
    en: 'Turns what a sheet writes into code-table codes, such as 男 → 1, 汉 → 01.',
  },
  glossaryErrorWorkbook: { zh: '问题数据表', en: 'Error workbook (问题数据表)' },
  glossaryErrorWorkbookText: {
    zh: '导出给部门的 Excel：有问题的行标红并说明原因；部门改好后合并回来。',
    en: 'An Excel file for the department: rows with problems highlighted and explained; merged back once fixed.',
  },
  glossaryPackage: { zh: '数据包', en: 'Package (数据包)' },
  glossaryPackageText: {
    zh: '报送用的压缩包：数据、校验报告、修改记录和校验和。',
    en: 'The zip that is submitted: the data, the report, the change log and checksums.',
  },
} as const;
