import { configDefaults, defineConfig } from 'vitest/config';

// The suite runs on the embedded PostgreSQL, and again on TEST_DATABASE_URL when it is set
// (CI points it at the machine's PostgreSQL 15). Tests that drive the embedded server itself
// (CLI, restart, browser) live in test/ and run once — except those of several processes and of
// backups, which take their database from the leg (test/support/place.ts), and the major-version
// test, which needs both servers and so runs on the second leg only.
const integration = ['src/**/*.test.ts', 'src/**/*.test.tsx'];
const bothLegs = ['test/cluster.test.ts', 'test/backup.test.ts'];
const secondLegOnly = ['test/upgrade.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // 2 cores: more workers only fight over them.
    maxWorkers: 2,
    // The application registers every feature's messages when it is loaded (app.ts imports
    // src/catalogues.ts); tests that call a service without building the app need them too.
    setupFiles: ['./src/catalogues.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'embedded',
          include: [...integration, 'test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...secondLegOnly],
          globalSetup: ['./test/support/global-setup.ts'],
        },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgresql',
                include: [...integration, ...bothLegs, ...secondLegOnly],
                globalSetup: ['./test/support/global-setup.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
