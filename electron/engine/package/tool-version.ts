import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The workbench's version (package.json), as packages record it; `0.0.0` when it cannot be read. */
export function readToolVersion(): string {
  if (cached !== undefined) return cached;
  try {
    const json = JSON.parse(
      readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
    ) as { version?: unknown };
    cached = typeof json.version === 'string' ? json.version : '0.0.0';
  } catch {
    cached = '0.0.0';
  }
  return cached;
}
