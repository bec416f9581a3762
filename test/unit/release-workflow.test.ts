/**
 * The release workflow (.github/workflows/release.yml) can only run on a networked build
 * machine; this checks it here, statically: it parses, every `npm run` it calls exists, every
 * installer it uploads is a file electron-builder writes (by the builder config's output folder
 * and artifact names), every other file it uploads is one it writes, its Node is the project's,
 * and every action is pinned by a full commit SHA.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { getConfig } from 'app-builder-lib/out/util/config/config.js';
import { Arch, getArtifactArchName } from 'builder-util';
import type { Configuration } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-steward.ts';

const require = createRequire(import.meta.url);
// js-yaml and semver come with electron-builder (no YAML parser is a direct dependency yet).
const yaml = require('js-yaml') as { load(text: string): unknown };
const semver = require('semver') as {
  satisfies(version: string, range: string): boolean;
  minVersion(range: string): { version: string } | null;
  intersects(a: string, b: string): boolean;
};

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Readonly<Record<string, unknown>>;
}
interface Job {
  readonly 'runs-on': string;
  readonly steps: readonly Step[];
}
interface Workflow {
  readonly on: { push?: { tags?: string[] } };
  readonly jobs: Readonly<Record<string, Job>>;
}

const workflowText = readFileSync(join(repoRoot, '.github/workflows/release.yml'), 'utf8');
const workflow = yaml.load(workflowText) as Workflow;
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  version: string;
  scripts: Record<string, string>;
  engines: { node: string };
};
const nvmrc = readFileSync(join(repoRoot, '.nvmrc'), 'utf8').trim();
let config: Configuration;

/** The file names electron-builder writes for each target, as its own code names them. */
function builtArtifacts(): string[] {
  const output = config.directories?.output ?? 'dist';
  const names: string[] = [];
  const expand = (pattern: string, arch: string, ext: string) =>
    pattern
      .replaceAll('${version}', manifest.version)
      .replaceAll('${arch}', getArtifactArchName(Arch[arch as keyof typeof Arch], ext))
      .replaceAll('${ext}', ext);
  const targets = [
    { platform: config.win, ext: { nsis: 'exe', portable: 'exe' } },
    { platform: config.linux, ext: { deb: 'deb', AppImage: 'AppImage' } },
  ] as const;
  for (const { platform, ext } of targets) {
    for (const target of platform?.target as { target: string; arch: string[] }[]) {
      const targetConfig = (config as Record<string, { artifactName?: string } | undefined>)[
        target.target
      ];
      const pattern = targetConfig?.artifactName ?? platform?.artifactName;
      expect(pattern, `artifactName of ${target.target}`).toBeDefined();
      for (const arch of target.arch)
        names.push(
          `${output}/${expand(pattern ?? '', arch, ext[target.target as keyof typeof ext])}`,
        );
    }
  }
  return names;
}

/** A glob of the upload step (`*` only) as a regular expression. */
function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*');
  return new RegExp(`^${escaped}$`);
}

/** Every path an upload-artifact step of the job uploads. */
function uploadedPaths(job: Job): string[] {
  return job.steps
    .filter((step) => step.uses?.startsWith('actions/upload-artifact@'))
    .flatMap((step) =>
      String(step.with?.path ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    );
}

beforeAll(async () => {
  config = await getConfig(repoRoot, 'build/electron-builder.yml', null);
});

describe('.github/workflows/release.yml', () => {
  it('runs on a version tag, on Windows and Ubuntu', () => {
    expect(workflow.on.push?.tags).toEqual(['v*']);
    expect(Object.values(workflow.jobs).map((job) => job['runs-on'])).toEqual(
      expect.arrayContaining(['windows-latest', 'ubuntu-latest']),
    );
  });

  it('calls only npm scripts that package.json has', () => {
    const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((s) => s.run ?? ''));
    const called = runs.flatMap((run) => [...run.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]));
    expect(called).toEqual(expect.arrayContaining(['dist:win', 'dist:linux']));
    for (const script of called) expect(Object.keys(manifest.scripts)).toContain(script);
    // The scripts the workflow runs with node are in the repository.
    for (const run of runs)
      for (const [, script] of run.matchAll(/node (scripts\/[\w./-]+)/g))
        expect(() => readFileSync(join(repoRoot, script ?? ''))).not.toThrow();
  });

  it('uploads only installers electron-builder writes, and files its own steps write', () => {
    const artifacts = builtArtifacts();
    expect(artifacts).toEqual(
      expect.arrayContaining([
        `release/data-steward-workbench-${manifest.version}-setup-x64.exe`,
        `release/data-steward-workbench-${manifest.version}-amd64.deb`,
        `release/data-steward-workbench-${manifest.version}-arm64.AppImage`,
      ]),
    );
    const uploadedInstallers = new Set<string>();
    for (const [name, job] of Object.entries(workflow.jobs)) {
      const runs = job.steps.map((s) => s.run ?? '').join('\n');
      for (const path of uploadedPaths(job)) {
        const matches = artifacts.filter((a) => globToRegExp(path).test(a));
        matches.forEach((m) => uploadedInstallers.add(m));
        const file = path.split('/').at(-1) ?? path;
        const isWrittenHere = !file.includes('*') && runs.includes(file);
        expect(
          matches.length === 1 || isWrittenHere,
          `${name}: ${path} is neither one installer nor written by the job`,
        ).toBe(true);
      }
    }
    // Every installer electron-builder writes is kept.
    expect([...uploadedInstallers].sort()).toEqual([...artifacts].sort());
  });

  it('self-tests each package on its own system: the NSIS installer installed with /S, the AppImage under xvfb', () => {
    const windows = workflow.jobs.windows?.steps.map((s) => s.run ?? '').join('\n') ?? '';
    const linux = workflow.jobs.linux?.steps.map((s) => s.run ?? '').join('\n') ?? '';
    expect(windows).toMatch(/-ArgumentList "\/S \/D=/);
    expect(windows.match(/--self-test/g)).toHaveLength(2);
    expect(linux).toMatch(/xvfb-run -a "\$appimage" --self-test/);
    expect(linux).toMatch(/xvfb-run -a data-steward-workbench --self-test/);
    expect(linux).toMatch(/arm64.*not self-tested/);
    expect(config.linux?.executableName).toBe('data-steward-workbench');
    expect(config.win?.executableName).toBe('data-steward-workbench');
  });

  it('builds with the Node of .nvmrc, which engines allows and Electron’s build tools need', () => {
    const setups = Object.values(workflow.jobs)
      .flatMap((job) => job.steps)
      .filter((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(setups.length).toBe(2);
    for (const step of setups) expect(step.with).toMatchObject({ 'node-version-file': '.nvmrc' });
    const electron = JSON.parse(
      readFileSync(join(repoRoot, 'node_modules/electron/package.json'), 'utf8'),
    ) as { engines: { node: string } };
    expect(semver.intersects(nvmrc, electron.engines.node)).toBe(true);
    expect(semver.satisfies(semver.minVersion(electron.engines.node)?.version ?? '', nvmrc)).toBe(
      true,
    );
    // The command line and tests run on the older Node of engines too (this machine's 20).
    expect(
      semver.satisfies(
        semver.minVersion(electron.engines.node)?.version ?? '',
        manifest.engines.node,
      ),
    ).toBe(true);
    expect(semver.satisfies(process.versions.node, manifest.engines.node)).toBe(true);
  });

  it('pins every action by a full commit SHA, with its version in a comment', () => {
    const uses = workflowText.split('\n').filter((line) => /^\s*-? ?uses:/.test(line));
    expect(uses.length).toBeGreaterThanOrEqual(7);
    for (const line of uses)
      expect(line).toMatch(/uses: actions\/[\w-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });
});
