import { defineConfig } from 'vitest/config';
import { browser, integration } from './tests/lanes';
import { available, chromium } from './tests/requirements';

// Three lanes. `unit` imports the sources only, needs nothing built and runs in well under a minute
// (`npm run test:unit`, the lane to run after every change); `integration` runs what `npm run build`
// makes, and the tests that take seconds each (tests/lanes.ts lists them); `e2e` drives the built
// page in a real browser. `npm test` builds and runs all three.

const shared = {
  setupFiles: ['tests/setup/relaxedSimd.ts'],
  testTimeout: 60_000,
  hookTimeout: 60_000,
};

// Without a browser the end-to-end lane is left out, with one loud line (a failure under DLAB_REQUIRE_ALL=1).
const e2e = available(chromium()) ? [{ test: { name: 'e2e', include: browser, ...shared } }] : [];

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: ['**/node_modules/**', ...browser, ...integration], ...shared } },
      { test: { name: 'integration', include: integration, ...shared } },
      ...e2e,
    ],
  },
});
