// npm start — the desktop app. In order: check that this Node can run Electron's tooling, make sure the
// Electron binary is there (on a machine with internet it is downloaded the first time) and that it
// starts (scripts/electronProbe.mjs says why not: a download failure and a sandbox refusal are two
// different sentences), build the lab, switch better-sqlite3 to its Electron build,
// and launch the window. Where Electron cannot be had, it says so in one sentence and points to the
// browser door instead — before spending any time on a build.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronExecutable, nodeFloorProblem, probeElectron } from './electronProbe.mjs';
import { ensureElectronBinary } from './native.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');
const NO_ELECTRON = 'Electron could not be downloaded on this machine; run the lab in your browser instead with: npm run web';

/** Runs Electron's own installer (a no-op when the binary is there); telling the user only if it takes a while. */
function installElectron() {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, stdio: 'ignore' });
    const notice = setTimeout(() => process.stderr.write('Downloading Electron (the first start only)…\n'), 2000);
    child.on('error', () => resolve(false));
    child.on('exit', (code) => {
      clearTimeout(notice);
      resolve(code === 0);
    });
  });
}

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function run(script) {
  const result = spawnSync(process.execPath, [join(root, 'scripts', script)], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const oldNode = nodeFloorProblem(process.versions.node);
if (oldNode) fail(oldNode);
if (!existsSync(join(electronDir, 'package.json'))) fail(NO_ELECTRON);
let executable = electronExecutable(electronDir);
if (executable === null && (await installElectron())) executable = electronExecutable(electronDir);
// Not on disk after the installer ran: that one is a download failure. On disk but silent is something else, said as it is.
if (executable === null) fail(NO_ELECTRON);
const wontStart = probeElectron(executable);
if (wontStart) fail(wontStart);

run('build-node.mjs');
run('build-electron.mjs');
run('build-renderer.mjs');
if (!existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
  fail("The lab's window cannot open yet: its page (dist/renderer/index.html) was not built; see the message above.");
}

const native = ensureElectronBinary();
if (!native.ok) fail(`${native.message} The app cannot open its run database without it; npm run web still works.`);
if (native.action !== 'none') process.stderr.write(`${native.message}\n`);

const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const app = spawn(executable, ['.'], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
