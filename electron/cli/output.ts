/** Writes one line to stdout or stderr. */
export function writeLine(line: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
  (stream === 'stdout' ? process.stdout : process.stderr).write(`${line}\n`);
}

/** Writes a JSON value to stdout as one document. */
export function writeJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
