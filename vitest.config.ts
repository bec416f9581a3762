import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    reporters: ['default', './test/closing-line-reporter.ts'],
    env: { TZ: 'Asia/Shanghai' },
  },
});
