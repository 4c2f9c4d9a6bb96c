import { defineConfig } from 'vitest/config';

// The shared end-to-end scenarios in Debian's Firefox ESR (tests/e2e/scenarios/*.firefox.ts), driving the
// test build in .output/firefox-mv3 (npm run test:firefox builds it with SOTAY_TEST_BRIDGE=1). Apart from
// the *.e2e.ts files, which vitest.e2e.config.ts runs against the Chromium build.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.firefox.ts'],
    environment: 'node',
    // Firefox starts a new profile and installs the add-on for each test: slow on a busy machine.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    maxWorkers: 1,
    expect: { poll: { timeout: 30_000, interval: 100 } },
  },
});
