import { defineConfig } from 'vitest/config';

// The county's clock: dates users read are local, and tests must not depend on the machine's zone.
process.env.TZ = 'Asia/Shanghai';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
          // A guard against hangs, not a speed test: tests that start CLI processes on the demo county take
          // 3 s on a quiet machine and over 30 s on a busy CI runner (seen with load 12 on 2 cores).
          testTimeout: 90_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser at a time on a 2-core machine: specs run one after another.
          fileParallelism: false,
        },
      },
    ],
  },
});
