import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    environment: 'node',
    // Generous: integration tests spawn the real CLI, and CI machines may be loaded.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: ['default', './test/closing-line-reporter.ts'],
    env: { TZ: 'Asia/Shanghai' },
  },
});
