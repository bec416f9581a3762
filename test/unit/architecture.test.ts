/**
 * The layering of DESIGN.md section 3, checked by reading every import in the tree.
 * A folder is a process; what each may import is listed once, here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

type Layer = 'shared' | 'renderer' | 'preload' | 'main' | 'engine' | 'cli' | 'serve';

const layerFolders: Record<Layer, string> = {
  shared: 'shared',
  renderer: 'renderer',
  preload: 'electron/preload',
  main: 'electron/main',
  engine: 'electron/engine',
  cli: 'electron/cli',
  serve: 'electron/serve',
};

/** Which layers' files each layer may import (besides its own). */
const allowedLayers: Record<Layer, readonly Layer[]> = {
  shared: [],
  renderer: ['shared'],
  preload: ['shared'],
  main: ['shared'], // plus electron/engine/protocol.ts, below
  engine: ['shared'],
  cli: ['shared', 'engine'],
  serve: ['shared', 'engine'],
};

/** Packages confined to one layer (DESIGN.md section 3). */
const confinedPackages: Record<string, readonly Layer[]> = {
  electron: ['main', 'preload'],
  'sql.js': ['engine'],
  xlsx: ['engine'],
  react: ['renderer'],
  'react-dom': ['renderer'],
};

/** Packages shared/ may use: pure libraries with no I/O. */
const sharedPackages = new Set(['zod']);

const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function layerOf(file: string): Layer | undefined {
  const rel = relative(root, file).split(sep).join('/');
  let best: Layer | undefined;
  for (const [layer, folder] of Object.entries(layerFolders) as [Layer, string][]) {
    if (
      rel.startsWith(`${folder}/`) &&
      (best === undefined || folder.length > layerFolders[best].length)
    ) {
      best = layer;
    }
  }
  return best;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  if (!existsSync(dir)) return out; // a process folder not written yet (git keeps no empty folders)
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
      out.push(path);
  }
  return out;
}

function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((f) => f.fileName);
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Lists the imports of one file that break the layering, as `file: import (why)`. */
function checkImports(file: string, specifiers: readonly string[]): string[] {
  const violations: string[] = [];
  const layer = layerOf(file);
  if (layer === undefined) return violations;
  const rel = relative(root, file);
  {
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier);
        const targetLayer = layerOf(target);
        if (targetLayer === undefined) {
          violations.push(`${rel}: ${specifier} (imports outside the app's folders)`);
        } else if (targetLayer !== layer && !allowedLayers[layer].includes(targetLayer)) {
          const isProtocol =
            layer === 'main' &&
            relative(root, target).split(sep).join('/').startsWith('electron/engine/protocol');
          if (!isProtocol)
            violations.push(`${rel}: ${specifier} (${layer} may not import ${targetLayer})`);
        }
        continue;
      }
      if (nodeBuiltins.has(specifier)) {
        if (layer === 'shared' || layer === 'renderer') {
          violations.push(`${rel}: ${specifier} (${layer} may not use Node)`);
        }
        continue;
      }
      const pkg = packageName(specifier);
      const confined = confinedPackages[pkg];
      if (confined !== undefined && !confined.includes(layer)) {
        violations.push(`${rel}: ${specifier} (${pkg} only in ${confined.join(', ')})`);
      } else if (layer === 'shared' && !sharedPackages.has(pkg)) {
        violations.push(
          `${rel}: ${specifier} (shared imports only ${[...sharedPackages].join(', ')})`,
        );
      }
    }
  }
  return violations;
}

describe('architecture', () => {
  it('keeps every folder within the imports DESIGN.md section 3 allows', () => {
    const files = Object.values(layerFolders).flatMap((folder) => sourceFiles(join(root, folder)));
    expect(files.length).toBeGreaterThan(0);
    expect(files.flatMap((file) => checkImports(file, importsOf(file)))).toEqual([]);
  });

  it('catches a forbidden import (the check itself works)', () => {
    const probe = (layer: Layer, code: string): string[] => {
      const file = join(root, layerFolders[layer], '__probe__.ts');
      const specifiers = ts.preProcessFile(code, true, true).importedFiles.map((f) => f.fileName);
      return checkImports(file, specifiers);
    };
    expect(probe('shared', "import fs from 'node:fs';")).toHaveLength(1);
    expect(probe('shared', "import { x } from '../electron/engine/x.ts';")).toHaveLength(1);
    expect(probe('shared', "import Papa from 'papaparse';")).toHaveLength(1);
    expect(probe('renderer', "import { ipcRenderer } from 'electron';")).toHaveLength(1);
    expect(probe('renderer', "import { readFile } from 'node:fs/promises';")).toHaveLength(1);
    expect(probe('engine', "import { app } from 'electron';")).toHaveLength(1);
    expect(probe('engine', "import { App } from '../../renderer/app.tsx';")).toHaveLength(1);
    expect(probe('main', "import initSqlJs from 'sql.js';")).toHaveLength(1);
    expect(probe('main', "import { open } from '../engine/workspace.ts';")).toHaveLength(1);
    expect(probe('main', "import type { Request } from '../engine/protocol.ts';")).toHaveLength(0);
    expect(probe('cli', "import { readTable } from '../engine/read-table.ts';")).toHaveLength(0);
    expect(
      probe('engine', "import { z } from 'zod'; import { ok } from '../../shared/result.ts';"),
    ).toHaveLength(0);
  });
});
