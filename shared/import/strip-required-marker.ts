const leadingMarker = /^[*＊]+\s*/;
const trailingMarker = /\s*(?:[*＊]+|[(（][*＊][)）])$/;

/** Removes the `*` that templates put on the titles of required columns (`*姓名`, `姓名*`). */
export function stripRequiredMarker(title: string): { title: string; isRequired: boolean } {
  const stripped = title.replace(leadingMarker, '').replace(trailingMarker, '');
  if (stripped === title || stripped === '') return { title, isRequired: false };
  return { title: stripped, isRequired: true };
}
