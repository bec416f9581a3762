import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    // The 1,000,000-row xlsx test takes minutes: `npm run test:large` runs it (and the bench proves it).
    exclude: [
      ...configDefaults.exclude,
      ...(process.env.STEWARD_LARGE_TESTS === '1' ? [] : ['test/integration/large-xlsx.test.ts']),
    ],
    globalSetup: ['test/e2e/global-setup.ts'],
    environment: 'node',
    // Generous: integration tests spawn the real CLI, and CI machines may be loaded.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: ['default', './test/closing-line-reporter.ts'],
    env: { TZ: 'Asia/Shanghai' },
  },
});
