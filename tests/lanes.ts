// Which test files leave the fast lane (`npm run test:unit`) for the integration lane, and why.
// Read by vitest.config.ts; tests/lanes.test.ts checks that no file needing the build is missing.
// Imports nothing from vitest, like requirements.ts.

// The files that need the build: each starts training, evaluation, a gradient check or a run-file
// import on worker threads (dist/worker*.mjs), or runs bin/dlab.js or dist/web.js as a program. A new
// test that does the same belongs here, or `npm run test:unit` would fail, or run yesterday's bundle.
export const needBuild = [
  'tests/main/data/csv.test.ts',
  'tests/main/data/csvCli.test.ts',
  'tests/main/data/runDataElsewhere.test.ts',
  'tests/engine/labs/filtersNetwork.test.ts',
  'tests/engine/node/imageFolder.test.ts',
  'tests/engine/node/asarUnpacked.test.ts',
  'tests/main/api/gradientCheck.test.ts',
  'tests/main/api/mistakesPages.test.ts',
  'tests/main/cli.test.ts',
  'tests/main/cliConvert.test.ts',
  'tests/main/cliFiles.test.ts',
  'tests/main/cliKorean.test.ts',
  'tests/main/cliRuns.test.ts',
  'tests/main/packagingContents.test.ts',
  'tests/main/convert/appExport.test.ts',
  'tests/main/data/sourceKindsTogether.test.ts',
  'tests/main/runs/blowUp.test.ts',
  'tests/main/runs/evaluateInWorker.test.ts',
  'tests/main/runs/interrupted.test.ts',
  'tests/main/runs/manager.test.ts',
  'tests/main/runs/measuringPhase.test.ts',
  'tests/main/runs/parallel.test.ts',
  'tests/main/runs/safekeeping.test.ts',
  'tests/main/runs/sharedData.test.ts',
  'tests/main/runs/storeTrouble.test.ts',
  'tests/main/runs/trainingBudget.test.ts',
  'tests/main/runs/warmThreads.test.ts',
  'tests/main/store/delete.test.ts',
  'tests/main/store/importUntrusted.test.ts',
  'tests/main/store/runFileThread.test.ts',
  'tests/main/validationSplit.test.ts',
  'tests/main/web/cli-entry.test.ts',
  'tests/main/web/fuzz.test.ts',
  'tests/main/web/hostileInput.test.ts',
  'tests/main/web/importRunsHost.test.ts',
  'tests/renderer/labs/convRuns.test.ts',
  'tests/renderer/labs/runGroupLarge.test.ts',
  'tests/main/web/koreanRefusals.test.ts',
  // r4-data: the web host's upload, previewed through the real service (the image loader's workers)
  'tests/main/web/uploadData.test.ts',
  // r4-ko: dlab under a Korean locale
  'tests/main/cliKoreanStore.test.ts',
  'tests/main/cliKoreanData.test.ts',
  // r4-packs
  'tests/main/packs/packApi.test.ts',
  'tests/main/packs/packCli.test.ts',
  // the seeded SimpleConvNet epoch through bin/dlab.js, W = 1 and W = 2
  'tests/main/goldenRun.test.ts',
];

// The files that need no build but take seconds each (measured on a 2-core machine): several
// processes racing on one database, whole networks trained, checked or evaluated over real digits,
// run files at their size limits, child processes of bundles they build themselves. They are worth
// every second, but not after every edit: `npm test` runs them.
export const slow = [
  'tests/engine/fast/inference.test.ts',
  'tests/engine/fast/network.test.ts',
  'tests/engine/gradcheck.test.ts',
  'tests/engine/kernels/wasmGemm.test.ts',
  'tests/engine/labs/activations.test.ts',
  'tests/engine/labs/batchnormFigure.test.ts',
  'tests/engine/labs/overfitting.test.ts',
  'tests/engine/labs/search.test.ts',
  'tests/engine/labs/searchFigure.test.ts',
  'tests/engine/node/idxFolder.test.ts',
  'tests/engine/node/realData.test.ts',
  'tests/engine/weights.test.ts',
  'tests/main/convert/onnxExport.test.ts',
  'tests/main/convert/onnxImport.test.ts',
  'tests/main/convert/pytorch.test.ts',
  'tests/main/store/concurrency.test.ts',
  'tests/main/store/firstOpen.test.ts',
  'tests/main/store/runFileLimits.test.ts',
  'tests/renderer/labs/batchnormVerdict.test.ts',
  'tests/renderer/labs/filtersDefaults.test.ts',
  'tests/renderer/labs/initFigure.test.ts',
];

export const integration = [...needBuild, ...slow];

// The files that drive Debian's Chromium (left out, with one loud line, where there is none): the page
// through the web host (tests/e2e), and the desktop app — its built main process, preload and page —
// through the Electron harness (tests/desktop/harness.ts). Both need `npm run build`.
export const browser = ['tests/e2e/**/*.test.ts', 'tests/desktop/**/*.test.ts'];
