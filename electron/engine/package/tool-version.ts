import { readFileSync } from 'node:fs';

let cached: string | undefined;

/**
 * The workbench's version (package.json), as packages record it; `0.0.0` when it cannot be read.
 * It is the nearest package.json above this module: the repository's when the engine runs from
 * its sources, the app's when it runs from its bundle (out/engine, inside app.asar).
 */
export function readToolVersion(): string {
  if (cached !== undefined) return cached;
  cached = '0.0.0';
  for (let dir = new URL('./', import.meta.url); ; dir = new URL('../', dir)) {
    const json = readJson(new URL('package.json', dir));
    if (json !== undefined) {
      if (typeof json.version === 'string') cached = json.version;
      break;
    }
    if (new URL('../', dir).href === dir.href) break;
  }
  return cached;
}

function readJson(url: URL): { version?: unknown } | undefined {
  try {
    return JSON.parse(readFileSync(url, 'utf8')) as { version?: unknown };
  } catch {
    return undefined;
  }
}
