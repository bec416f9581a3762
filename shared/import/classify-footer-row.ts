/**
 * Why a row below the data is not a record: a total (合计, 共N笔), a signature line, a note or
 * disclaimer, an exported-at line (导出时间：…), a separator.
 */
export type FooterKind = 'total' | 'signature' | 'note' | 'exported-at' | 'separator';

const totalStart = /^(?:总合计|合计|小计|总计|共计|累计|本页合计|本月合计)/;
const totalShort = /(?:合计|小计|总计)/;
const countLine = /^共\d+(?:笔|条|项|户|人|行|个|张)/;
const totalEnglish = /^(?:total|sum|subtotal|grand total)\b/i;
const signature =
  /^(?:填表人|填报人|制表人|审核人|复核人|审批人|负责人|单位负责人|财务负责人|统计负责人|分管领导|经办人|填表日期|填报日期|制表日期|报送日期|制表时间|签章|盖章|单位盖章)/;
const signatureWithColon =
  /^(?:填表人|填报人|制表人|审核人|复核人|审批人|负责人|单位负责人|财务负责人|统计负责人|经办人|联系人|联系电话|填表日期|填报日期|制表日期|报送日期)[:：;；]/;
const note =
  /^(?:注[:：、1-9１-９①-⑩]|说明[:：]|填表说明|特别提示|温馨提示|备注[:：]|附注|notes?:)/i;
/** Bank and system disclaimers: 以上数据仅供参考, 具体内容请以柜台为准, 此回单仅作为… */
const disclaimerStart = /^(?:以上|上述|此|本|具体|如有|若有|请以)/;
const disclaimerBody = /(?:仅供参考|为准|不作为|仅作为|以柜台|如有疑问)/;
const exportedAt = /^(?:导出|打印|下载|生成|查询|报表生成|数据导出)(?:时间|日期)[:：]/;
const separator = /^(?:[-=*_~—#.·]{3,}|[-=*]{3,}.*[-=*]{3,})$/;

/** The first characters of every footer keyword and separator. */
const footerStarts = new Set(
  Array.from(
    '总合小共累本人填制审复负单财统分经联签盖注说特温备附以上此具如若请导打下生查报数TtSsGgNn-=*_~—#.·',
  ),
);

/** Rejects most data rows at a glance: this runs on every row of a million-row register. */
function mayStartFooter(first: string): boolean {
  return footerStarts.has(first.charAt(0)) || (first.length <= 24 && first.includes('计'));
}

function hasColon(cell: string): boolean {
  return cell.includes('：') || cell.includes(':');
}

/** Removes every space, including the ideographic spaces that forms use to spread `合  计`. */
function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}

/**
 * Classifies a row (its trimmed cell texts) as a footer row, or undefined for an ordinary row.
 * Totals (合计, 小计, 人民币合计, 共12笔), signature lines (填表人, 审核人, 制表日期), notes
 * (注：, 特别提示) and disclaimers (以上数据仅供参考, 具体内容请以柜台为准), exported-at lines
 * (导出时间：…) and separator lines (`*****`) are footers. A sentence repeated in every cell
 * of the row counts once: it is a merged cell.
 */
export function classifyFooterRow(cells: readonly string[]): FooterKind | undefined {
  const texts = cells.filter((cell) => cell !== '');
  // One sentence in every cell is one merged cell (filled across) or its copies saved as text.
  const filled =
    texts.length > 1 && texts.every((cell) => cell === texts[0]) ? texts.slice(0, 1) : texts;
  const first = filled[0];
  if (first === undefined) return undefined;
  if (!mayStartFooter(first) && (filled.length > 6 || !filled.some(hasColon))) return undefined;
  const head = squeeze(first);
  if (filled.length === 1 && separator.test(head)) return 'separator';
  if (totalStart.test(head) || (head.length <= 10 && totalShort.test(head))) return 'total';
  if (countLine.test(head)) return 'total';
  if (totalEnglish.test(first)) return 'total';
  if (exportedAt.test(head)) return 'exported-at';
  if (signature.test(head)) return 'signature';
  if (filled.some((cell) => signatureWithColon.test(squeeze(cell)))) return 'signature';
  if (note.test(head)) return 'note';
  if (
    filled.length === 1 &&
    head.length <= 80 &&
    disclaimerStart.test(head) &&
    disclaimerBody.test(head)
  ) {
    return 'note';
  }
  return undefined;
}
