/** A written 必填 mark in round, full-width or lenticular brackets, spaces allowed inside. */
const writtenMark = String.raw`[(（【]\s*必填\s*[)）】]`;
const leadingMarker = new RegExp(String.raw`^(?:[*＊]+|${writtenMark})\s*`);
const trailingMarker = new RegExp(String.raw`\s*(?:[*＊]+|[(（][*＊][)）]|${writtenMark})$`);

/**
 * Removes the marks templates put on the titles of required columns: `*` or `＊` before or
 * after (`*姓名`, `姓名＊`, `电话(*)`) and a written `(必填)`, `（必填）` or `【必填】`.
 */
export function stripRequiredMarker(title: string): { title: string; isRequired: boolean } {
  const stripped = title.replace(leadingMarker, '').replace(trailingMarker, '');
  if (stripped === title || stripped === '') return { title, isRequired: false };
  return { title: stripped, isRequired: true };
}
