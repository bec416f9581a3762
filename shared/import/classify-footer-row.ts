/** Why a row below the data is not a record: a total, a signature line, a note, a separator. */
export type FooterKind = 'total' | 'signature' | 'note' | 'separator';

const totalStart = /^(?:总合计|合计|小计|总计|共计|累计|本页合计|本月合计)/;
const totalShort = /(?:合计|小计|总计)/;
const totalEnglish = /^(?:total|sum|subtotal|grand total)\b/i;
const signature =
  /^(?:填表人|填报人|制表人|审核人|复核人|审批人|负责人|单位负责人|财务负责人|统计负责人|分管领导|经办人|填表日期|填报日期|制表日期|报送日期|制表时间|签章|盖章|单位盖章)/;
const signatureWithColon =
  /^(?:填表人|填报人|制表人|审核人|复核人|审批人|负责人|单位负责人|财务负责人|统计负责人|经办人|联系人|联系电话|填表日期|填报日期|制表日期|报送日期)[:：;；]/;
const note =
  /^(?:注[:：、1-9１-９①-⑩]|说明[:：]|填表说明|特别提示|温馨提示|备注[:：]|附注|notes?:)/i;
const separator = /^(?:[-=*_~—#.·]{3,}|[-=*]{3,}.*[-=*]{3,})$/;

/** The first characters of every footer keyword and separator. */
const footerStarts = new Set(
  Array.from('总合小共累本人填制审复负单财统分经联签盖注说特温备附TtSsGgNn-=*_~—#.·'),
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
 * Totals (合计, 小计, 人民币合计), signature lines (填表人, 审核人, 制表日期), notes (注：, 特别提示)
 * and separator lines (`*****`) are footers.
 */
export function classifyFooterRow(cells: readonly string[]): FooterKind | undefined {
  const filled = cells.filter((cell) => cell !== '');
  const first = filled[0];
  if (first === undefined) return undefined;
  if (!mayStartFooter(first) && (filled.length > 6 || !filled.some(hasColon))) return undefined;
  const head = squeeze(first);
  if (filled.length === 1 && separator.test(head)) return 'separator';
  if (totalStart.test(head) || (head.length <= 10 && totalShort.test(head))) return 'total';
  if (totalEnglish.test(first)) return 'total';
  if (signature.test(head)) return 'signature';
  if (filled.some((cell) => signatureWithColon.test(squeeze(cell)))) return 'signature';
  if (note.test(head)) return 'note';
  return undefined;
}
