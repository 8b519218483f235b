import { defineConfig } from 'vitest/config';
import { available, chromium } from './tests/requirements';

// Without a browser the end-to-end files are left out, with one loud line (a failure under DLAB_REQUIRE_ALL=1).
const e2e = available(chromium()) ? [] : ['tests/e2e/**'];

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...e2e],
    setupFiles: ['tests/setup/relaxedSimd.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
