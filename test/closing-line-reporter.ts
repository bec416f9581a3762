import type { Reporter, TestCase, TestModule } from 'vitest/node';

/** True when a test was not run because a hook of an enclosing suite or module failed. */
function isInFailedSuite(test: TestCase): boolean {
  for (let parent = test.parent; ; parent = parent.parent) {
    if (parent.state() === 'failed') return true;
    if (parent.type === 'module') return false;
  }
}

/**
 * Prints the plain closing line ("Tests: N passed, N failed") that CI reads to count tests.
 * A test skipped because its suite's hook failed counts as failed, and so does a test file that
 * failed before any test ran: the line never says "0 failed" when the run failed.
 */
export class ClosingLineReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      let tests = 0;
      for (const test of mod.children.allTests()) {
        tests += 1;
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed' || isInFailedSuite(test)) failed += 1;
        else skipped += 1;
      }
      if (tests === 0 && mod.state() === 'failed') failed += 1;
    }
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    process.stdout.write(`\nTests: ${passed} passed, ${failed} failed${tail}\n`);
  }
}

export default ClosingLineReporter;
