import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['app/**/*.test.ts', 'main/**/*.test.ts', 'scripts/**/*.test.ts', 'renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
          exclude: ['**/*.integration.test.ts', '**/*.interop.test.ts', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['app/**/*.integration.test.ts', 'e2e/**/*.integration.test.ts'],
          environment: 'node',
          globalSetup: ['e2e/server/vitest-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        // Federation and interoperability (issue 13): each file starts its own federation lab (Prosody and
        // ejabberd federating, e2e/federation/lab.ts) and drives real clients. `npm run test:interop` runs it and
        // writes docs/compatibility.md from what the tests record.
        test: {
          name: 'interop',
          include: ['app/**/*.interop.test.ts', 'e2e/**/*.interop.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
