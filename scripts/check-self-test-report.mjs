// Reads a self-test report (`<app> --self-test report.json`), prints each step and its time,
// and exits 0 only when the report says every step held: the release workflow's gate, which
// does not rely on an installer or a portable launcher passing the app's exit code through.
//
//   node scripts/check-self-test-report.mjs release/self-test-linux-x64-appimage.json
import { readFileSync } from 'node:fs';

const [path] = process.argv.slice(2);
if (path === undefined) {
  process.stderr.write('用法 / usage: node scripts/check-self-test-report.mjs <report.json>\n');
  process.exit(2);
}
let report;
try {
  report = JSON.parse(readFileSync(path, 'utf8'));
} catch (error) {
  process.stderr.write(`自检报告无法读取 / cannot read the report ${path}: ${String(error)}\n`);
  process.exit(1);
}
for (const step of report.steps ?? []) {
  const mark = step.ok ? 'ok  ' : 'FAIL';
  process.stdout.write(
    `${mark} ${String(step.name).padEnd(18)} ${step.ms} ms${step.error ? `  ${step.error}` : ''}\n`,
  );
}
process.stdout.write(
  report.ok === true
    ? `self-test passed: ${path}\n`
    : `self-test failed at ${report.failedStep}: ${path}\n`,
);
process.exit(report.ok === true ? 0 : 1);
