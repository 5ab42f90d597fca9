import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property and HTTP tests do real work; generous limits keep CI from flaking on a busy
    // machine (tests never assert on timing).
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
