/**
 * Joins a two-row header into one name per column: `收款人` over `银行账号` gives
 * `收款人-银行账号`; a cell with nothing below keeps its own name; a word hyphenated across the
 * two rows is rejoined (`Wahlbe-` over `rechtigte` gives `Wahlberechtigte`). With
 * `fillAcross`, an empty top cell takes the nearest top label to its left, for sheets that
 * centre a group title over its columns without merging them.
 */
export function joinHeaderRows(
  top: readonly string[],
  bottom: readonly string[],
  fillAcross: boolean,
): string[] {
  const width = Math.max(top.length, bottom.length);
  const names: string[] = [];
  let lastTop = '';
  for (let column = 0; column < width; column += 1) {
    const below = bottom[column] ?? '';
    let above = top[column] ?? '';
    if (above !== '') lastTop = above;
    else if (fillAcross && below !== '') above = lastTop;
    if (above === '' || above === below) names.push(below);
    else if (below === '') names.push(above);
    else if (/[A-Za-z]-$/.test(above) && /^[a-z]/.test(below))
      names.push(above.slice(0, -1) + below);
    else names.push(`${above}-${below}`);
  }
  return names;
}
