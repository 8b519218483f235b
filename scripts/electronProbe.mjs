// What `npm start` checks before it builds anything, as functions the tests call: whether this Node can
// run Electron's own tooling, where the Electron binary is, and — when the binary is there but will not
// start — the real reason, in one sentence with the fix. The usual one on Ubuntu 24.04 and later:
// AppArmor stops unprivileged user namespaces, so Chromium's sandbox falls back to the setuid helper
// `chrome-sandbox`, which must then be owned by root with mode 4755 (electron/electron#42510). That is
// not a download failure, and saying "could not be downloaded" sends the learner the wrong way.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The Node versions the lab's tooling runs on: Electron's installer loads its ES-module downloader with
 * require() (Node 20.19 or 22.12 and later), and Vite 8, knip and ESLint 10 ask for ^20.19 or ≥ 22.13.
 * package.json `engines` says the same.
 */
export const NODE_RANGE = '^20.19.0 || >=22.13.0';

/** Null when `version` (e.g. "20.20.2") meets the floor; else the sentence that says what to install. */
export function nodeFloorProblem(version) {
  const [major = 0, minor = 0] = String(version).replace(/^v/, '').split('.').map(Number);
  if ((major === 20 && minor >= 19) || (major === 22 && minor >= 13) || major >= 23) return null;
  return (
    `This is Node ${String(version).replace(/^v/, '')}, and the lab needs Node 20.19 or later on the 20 line, or 22.13 or later ` +
    `(Electron's installer and the build tools require it); install a current Node LTS from https://nodejs.org and run the command again.`
  );
}

/**
 * The Electron executable, as node_modules/electron finds it (path.txt under dist/, or under
 * ELECTRON_OVERRIDE_DIST_PATH), or null when it is not on disk.
 */
export function electronExecutable(electronDir, env = process.env, platform = process.platform) {
  let relativePath = null;
  try {
    relativePath = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim();
  } catch {
    // not downloaded yet, unless an override names the folder
  }
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!relativePath && !override) return null;
  const name = relativePath || (platform === 'win32' ? 'electron.exe' : platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron');
  const executable = join(override || join(electronDir, 'dist'), name);
  return existsSync(executable) ? executable : null;
}

const SUID_HELPER = /SUID sandbox helper binary was found, but is not configured correctly/;
const SANDBOX_PATH = /make sure that (\S*chrome-sandbox) is owned by root and has mode 4755/;
const NO_USABLE_SANDBOX = /No usable sandbox!/;

/**
 * Why an Electron binary that is on disk did not answer `--version`, in one sentence a learner can act on;
 * null when it did answer. `result` is spawnSync's ({ status, signal, stdout, stderr, error }).
 */
export function probeFailure(executable, result) {
  if (!result.error && result.status === 0 && /^v?\d+\./.test(String(result.stdout ?? '').trim())) return null;
  const output = `${result.stderr ?? ''}\n${result.stdout ?? ''}`;
  if (SUID_HELPER.test(output) || NO_USABLE_SANDBOX.test(output)) {
    const sandbox = SANDBOX_PATH.exec(output)?.[1] ?? join(dirname(executable), 'chrome-sandbox');
    return (
      `Electron is installed but its sandbox cannot start: this Linux (Ubuntu 24.04 and later, through AppArmor) does not let ` +
      `programs create user namespaces, so Electron needs its helper ${sandbox} owned by root with mode 4755. ` +
      `Run: sudo chown root:root ${sandbox} && sudo chmod 4755 ${sandbox} — then npm start again (or use the lab in your browser: npm run web).`
    );
  }
  if (result.error) {
    return `Electron is installed (${executable}) but could not be run: ${result.error.message}; run the lab in your browser instead with: npm run web`;
  }
  const firstLine =
    output
      .split(/\r?\n/)
      .map((line) => line.trim())
      .find((line) => line.length > 0)
      ?.slice(0, 300) ?? (result.signal ? `it stopped with ${result.signal}` : `it exited with status ${result.status}`);
  return `Electron is installed (${executable}) but will not start: ${firstLine}; run the lab in your browser instead with: npm run web`;
}

/** Runs `executable --version` as npm start does, without ELECTRON_RUN_AS_NODE; the sentence of probeFailure, or null. */
export function probeElectron(executable, env = process.env) {
  const clean = { ...env };
  delete clean.ELECTRON_RUN_AS_NODE;
  const result = spawnSync(executable, ['--version'], { encoding: 'utf8', timeout: 30_000, env: clean });
  return probeFailure(executable, result);
}
