/**
 * No import cycles inside the engine's session and workspace folders: a handler group, the
 * handler index and the stores each import downwards only (issue #11 item 3), so any one of
 * them loads alone and the order modules initialise in never matters. Type-only imports count
 * too: a cycle of types still ties two files' changes together.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/** The folders checked: each must hold no cycle among its own files. */
const folders = ['electron/engine/session', 'electron/engine/workspace'];

/** The files of one folder (not its subfolders) and the files of that folder each imports. */
function importGraph(folder: string): Map<string, string[]> {
  const dir = join(root, folder);
  const graph = new Map<string, string[]>();
  if (!existsSync(dir)) return graph;
  const files = readdirSync(dir).filter((name) => /\.tsx?$/.test(name) && !name.endsWith('.d.ts'));
  for (const name of files) {
    const path = join(dir, name);
    const info = ts.preProcessFile(readFileSync(path, 'utf8'), true, true);
    const targets = info.importedFiles
      .map((f) => f.fileName)
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => resolve(dirname(path), specifier))
      .filter((target) => dirname(target) === dir)
      .map((target) => relative(dir, target));
    graph.set(name, targets);
  }
  return graph;
}

/**
 * Every cycle found, each as `a -> b -> a`. Written by hand: a depth-first search over a
 * dozen files is a few lines, and the graph libraries (madge, dependency-cruiser) are not
 * dependencies of the project.
 */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const cycles: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'visiting');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'visiting') {
        cycles.push([...stack.slice(stack.indexOf(next)), next].join(' -> '));
      } else if (state.get(next) === undefined && graph.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (state.get(file) === undefined) visit(file);
  return cycles;
}

describe('architecture: import cycles', () => {
  it.each(folders)('finds no import cycle among the files of %s', (folder) => {
    const graph = importGraph(folder);
    expect(graph.size).toBeGreaterThan(1);
    expect(findCycles(graph)).toEqual([]);
  });

  it('reports a cycle, type-only imports included (the check itself works)', () => {
    const graph = new Map([
      ['engine-handlers.ts', ['import-handlers.ts', 'write-gate.ts']],
      ['import-handlers.ts', ['engine-handlers.ts']],
      ['write-gate.ts', []],
    ]);
    expect(findCycles(graph)).toEqual([
      'engine-handlers.ts -> import-handlers.ts -> engine-handlers.ts',
    ]);
    const info = ts.preProcessFile("import type { A } from './a.ts';", true, true);
    expect(info.importedFiles.map((f) => f.fileName)).toEqual(['./a.ts']);
  });
});
