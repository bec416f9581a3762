/** The project files (.dsw) among a start's command-line arguments, in order. */
export function projectPathsIn(argv: readonly string[]): string[] {
  return argv.filter((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith('.dsw'));
}
