// better-sqlite3 has one binary (node_modules/better-sqlite3/build/Release/better_sqlite3.node) and two
// runtimes that want it built differently: Node 20 (tests, npm run web, the CLI; module ABI 115) and
// Electron 45 (the app; ABI 150). This script switches the binary to the one a runtime needs, and only
// when the binary in place was built for another ABI (read from the binary itself: it exports
// `node_register_module_v<ABI>`).
//
// Each build is kept in node_modules/.cache/deep-learning-lab/, so after the first time a switch is a
// file copy. A rebuild for Electron runs without this machine's `nodedir` setting (which would quietly
// build for Node again) and is checked afterwards; if it fails, the Node build is put back.
//
//   node scripts/native.mjs ensure-node        before tests and the web host
//   node scripts/native.mjs ensure-electron    before starting or packaging the app
//   node scripts/native.mjs abi [FILE]         prints the ABI a binary was built for

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MODULE = 'better-sqlite3';
const SYMBOL = 'node_register_module_v';

/** The module ABI a native addon was built for, read from its exported registration symbol; null if none. */
export function readAbi(file) {
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch {
    return null;
  }
  let at = bytes.indexOf(SYMBOL);
  while (at !== -1) {
    let digits = '';
    for (let i = at + SYMBOL.length; i < bytes.length && bytes[i] >= 0x30 && bytes[i] <= 0x39; i++) digits += String.fromCharCode(bytes[i]);
    if (digits.length > 0) return Number(digits);
    at = bytes.indexOf(SYMBOL, at + 1);
  }
  return null;
}

export function nativePaths(projectRoot = root) {
  const moduleDir = join(projectRoot, 'node_modules', MODULE);
  let version = 'unknown';
  try {
    version = JSON.parse(readFileSync(join(moduleDir, 'package.json'), 'utf8')).version;
  } catch {
    // reported by the caller when the binary is missing
  }
  return {
    moduleDir,
    binary: join(moduleDir, 'build', 'Release', 'better_sqlite3.node'),
    cacheDir: join(projectRoot, 'node_modules', '.cache', 'deep-learning-lab'),
    version,
  };
}

/** The ABI of the installed Electron (node_modules/electron/abi_version), 150 for Electron 45. */
export function electronAbi(projectRoot = root) {
  try {
    return Number(readFileSync(join(projectRoot, 'node_modules', 'electron', 'abi_version'), 'utf8').trim());
  } catch {
    return 150;
  }
}

export function electronVersion(projectRoot = root) {
  return JSON.parse(readFileSync(join(projectRoot, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

/**
 * Copies a binary into place by a rename, so a process that has the old one loaded keeps its (unlinked)
 * copy instead of seeing its file change under it.
 */
function replaceFile(from, to) {
  mkdirSync(dirname(to), { recursive: true });
  const temporary = `${to}.${process.pid}.tmp`;
  copyFileSync(from, temporary);
  renameSync(temporary, to);
}

function cachedPath(paths, abi) {
  return join(paths.cacheDir, `better_sqlite3-${paths.version}-abi${abi}.node`);
}

function remember(paths, abi) {
  if (abi === null || !existsSync(paths.binary)) return;
  const cached = cachedPath(paths, abi);
  if (!existsSync(cached) || readAbi(cached) !== abi) replaceFile(paths.binary, cached);
}

/**
 * Puts a better-sqlite3 binary for `want` in place: nothing to do when it is there, a copy when a build
 * for `want` was kept, else `rebuild()`. A failed rebuild restores the binary that was there before.
 * Returns { ok, action, message }.
 */
export function switchBinary({ paths, want, runtime, rebuild, fallbackAbi = null, log = () => {} }) {
  const current = readAbi(paths.binary);
  if (current === want) {
    remember(paths, current);
    return { ok: true, action: 'none', message: `${MODULE} is already built for ${runtime} (ABI ${want}).` };
  }
  remember(paths, current);
  const cached = cachedPath(paths, want);
  if (existsSync(cached) && readAbi(cached) === want) {
    replaceFile(cached, paths.binary);
    return { ok: true, action: 'copied', message: `${MODULE} switched to its ${runtime} build (ABI ${want}).` };
  }
  // What to put back if the rebuild fails: the binary in place now, or else a kept build for fallbackAbi.
  const backupAbi = current ?? fallbackAbi;
  const backup = backupAbi === null ? null : cachedPath(paths, backupAbi);
  log(`Building ${MODULE} for ${runtime} (ABI ${want}); this takes a minute or two the first time…`);
  let reason;
  try {
    reason = rebuild() ?? '';
  } catch (error) {
    reason = error?.message ?? String(error);
  }
  const built = readAbi(paths.binary);
  if (built === want) {
    remember(paths, built);
    return { ok: true, action: 'rebuilt', message: `${MODULE} rebuilt for ${runtime} (ABI ${want}).` };
  }
  const why = reason || (built === null ? 'no binary was produced' : `the result was built for ABI ${built}`);
  if (backup && existsSync(backup) && readAbi(backup) === backupAbi) {
    replaceFile(backup, paths.binary);
    return {
      ok: false,
      action: 'restored',
      message: `${MODULE} could not be rebuilt for ${runtime} (${why}), so its build for ABI ${backupAbi} was put back.`,
    };
  }
  return { ok: false, action: 'failed', message: `${MODULE} could not be rebuilt for ${runtime} (${why}).` };
}

/** The first error paragraph of a build's output, in one line (the reason a learner can act on). */
export function failureReason(text) {
  const lines = String(text ?? '').split(/\r?\n/);
  const start = lines.findIndex((line) => /^(Error: |gyp ERR! )/.test(line));
  if (start === -1)
    return (
      lines
        .map((line) => line.trim())
        .filter((line) => line && !/^at /.test(line))
        .pop()
        ?.slice(0, 300) ?? ''
    );
  const paragraph = [];
  for (const line of lines.slice(start)) {
    if (/^\s+at /.test(line) || (paragraph.length > 0 && line.trim() === '')) break;
    paragraph.push(line.trim());
  }
  return paragraph
    .join(' ')
    .replace(/^Error: /, '')
    .replace(/\s+/g, ' ')
    .slice(0, 300);
}

/** The environment without npm's nodedir/runtime settings, which would make node-gyp build for Node. */
export function cleanBuildEnv(env = process.env) {
  const out = {};
  for (const [key, value] of Object.entries(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|build_from_source)$/i.test(key)) continue;
    out[key] = value;
  }
  return out;
}

export function ensureNodeBinary({ projectRoot = root, log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const paths = nativePaths(projectRoot);
  return switchBinary({
    paths,
    want: Number(process.versions.modules),
    runtime: `Node ${process.versions.node}`,
    log,
    rebuild() {
      const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
      const result = spawnSync(npm, ['rebuild', MODULE], { cwd: projectRoot, encoding: 'utf8', shell: process.platform === 'win32' });
      return result.status === 0 ? '' : failureReason(result.stderr) || `npm rebuild exited with ${result.status}`;
    },
  });
}

/**
 * What a failed Electron rebuild needs on this platform. better-sqlite3 publishes prebuilt binaries for some
 * Electron versions only; for the others @electron/rebuild compiles it with node-gyp, which needs Python 3
 * and a C++ toolchain.
 */
export function buildToolsHint(electron, platform = process.platform) {
  const install =
    platform === 'win32'
      ? 'Visual Studio Build Tools with "Desktop development with C++", and Python 3 from python.org'
      : platform === 'darwin'
        ? 'the Xcode Command Line Tools (xcode-select --install), which bring Python 3 and clang'
        : 'Python 3, make and a C++ compiler (Debian/Ubuntu: sudo apt install python3 make g++)';
  return `Where no ready-made ${MODULE} binary exists for Electron ${electron}, it is compiled from source, which needs ${install}; install them and run the command again.`;
}

export function ensureElectronBinary({ projectRoot = root, log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const paths = nativePaths(projectRoot);
  const version = electronVersion(projectRoot);
  const outcome = switchBinary({
    paths,
    want: electronAbi(projectRoot),
    runtime: `Electron ${version}`,
    fallbackAbi: Number(process.versions.modules),
    log,
    rebuild() {
      const cli = join(projectRoot, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js');
      const result = spawnSync(process.execPath, [cli, '--version', version, '--only', MODULE, '--force', '--module-dir', projectRoot], {
        cwd: projectRoot,
        encoding: 'utf8',
        env: cleanBuildEnv(),
      });
      return result.status === 0 ? '' : failureReason(result.stderr) || failureReason(result.stdout) || `electron-rebuild exited with ${result.status}`;
    },
  });
  return outcome.ok ? outcome : { ...outcome, message: `${outcome.message} ${buildToolsHint(version)}` };
}

function cli(argv) {
  const [command, file] = argv;
  if (command === 'abi') {
    const target = file ?? nativePaths().binary;
    const abi = readAbi(target);
    process.stdout.write(abi === null ? `${target} exports no node_register_module_v<ABI> symbol.\n` : `${abi}\n`);
    return abi === null ? 1 : 0;
  }
  if (command === 'ensure-node' || command === 'ensure-electron') {
    const outcome = command === 'ensure-node' ? ensureNodeBinary() : ensureElectronBinary();
    if (!outcome.ok || outcome.action !== 'none') process.stderr.write(`${outcome.message}\n`);
    return outcome.ok ? 0 : 1;
  }
  process.stderr.write('Usage: node scripts/native.mjs ensure-node | ensure-electron | abi [FILE]\n');
  return 2;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = cli(process.argv.slice(2));
}
