// Type-checks each process folder under its own tsconfig, so that a folder cannot use the
// globals it may not use (shared: no Node, no DOM; engine: Node, no DOM), then the whole tree.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const projects = [
  'shared',
  'electron/engine',
  'renderer',
  'electron/main',
  'electron/preload',
  '.',
];
let failed = false;
for (const dir of projects) {
  const config = `${dir}/tsconfig.json`;
  if (!existsSync(config)) continue;
  const run = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', config], {
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    console.error(`typecheck failed: ${config}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
