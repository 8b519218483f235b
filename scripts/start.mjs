// npm start — the desktop app. In order: make sure the Electron binary is there (on a machine with
// internet it is downloaded the first time), build the lab, switch better-sqlite3 to its Electron build,
// and launch the window. Where Electron cannot be had, it says so in one sentence and points to the
// browser door instead — before spending any time on a build.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronBinary } from './native.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');
const NO_ELECTRON = 'Electron could not be downloaded on this machine; run the lab in your browser instead with: npm run web';

function electronExecutable() {
  try {
    const relativePath = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim();
    const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist');
    const executable = join(dist, relativePath);
    return existsSync(executable) ? executable : null;
  } catch {
    return null;
  }
}

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

function electronRuns(executable) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const result = spawnSync(executable, ['--version'], { encoding: 'utf8', timeout: 30_000, env });
  return result.status === 0 && /^v?\d+\./.test(result.stdout.trim());
}

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function run(script) {
  const result = spawnSync(process.execPath, [join(root, 'scripts', script)], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(join(electronDir, 'package.json'))) fail(NO_ELECTRON);
let executable = electronExecutable();
if (executable === null && (await installElectron())) executable = electronExecutable();
if (executable === null || !electronRuns(executable)) fail(NO_ELECTRON);

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
