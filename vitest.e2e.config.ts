import { defineConfig } from 'vitest/config';

// End-to-end tests drive the built extension (.output/chrome-mv3) in Debian's Chromium. One browser at
// a time: the machine has two cores and each test launches its own profile.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    maxWorkers: 1,
    // A browser on a busy 2-core machine: give what the user would see time to appear.
    expect: { poll: { timeout: 10_000, interval: 100 } },
  },
});
