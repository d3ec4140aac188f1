import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // Real servers, child processes and browsers: one file at a time keeps a 2-core machine honest.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The 1 s default of expect.poll is shorter than a busy 2-core CI box takes to play a second of video.
    expect: { poll: { timeout: 10_000 } },
  },
});
