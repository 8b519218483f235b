// scripts/native.mjs: reading a native addon's ABI, and switching better-sqlite3's binary between its
// Node and Electron builds — on a fake module tree in a temporary folder, never on the real one.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

interface Paths {
  moduleDir: string;
  binary: string;
  cacheDir: string;
  version: string;
}
interface Outcome {
  ok: boolean;
  action: 'none' | 'copied' | 'rebuilt' | 'restored' | 'failed';
  message: string;
}
interface NativeModule {
  readAbi(file: string): number | null;
  nativePaths(projectRoot?: string): Paths;
  electronAbi(projectRoot?: string): number;
  switchBinary(options: { paths: Paths; want: number; runtime: string; rebuild: () => string | undefined; fallbackAbi?: number | null }): Outcome;
  cleanBuildEnv(env: Record<string, string | undefined>): Record<string, string | undefined>;
  failureReason(text: string): string;
  ensureElectronBinary(options: { projectRoot: string; log?: (line: string) => void }): Outcome;
}

const root = new URL('../../../', import.meta.url).pathname;
const native = (await import(pathToFileURL(join(root, 'scripts', 'native.mjs')).href)) as NativeModule;

/** A stand-in .node file: some bytes around the registration symbol, as in a real shared library. */
function fakeAddon(abi: number, tag = ''): Buffer {
  return Buffer.concat([
    Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]),
    Buffer.from(`\0napi_module_register\0node_register_module_v${abi}\0${tag}`),
    Buffer.alloc(64, 0xcc),
  ]);
}

describe('reading the ABI of a native addon', () => {
  it('reads the installed better-sqlite3 as built for this Node (Node 20: ABI 115)', () => {
    const abi = native.readAbi(native.nativePaths(root).binary);
    expect(abi).toBe(Number(process.versions.modules));
    if (process.versions.node.startsWith('20.')) expect(abi).toBe(115);
  });

  it('knows Electron 45’s ABI', () => {
    expect(native.electronAbi(root)).toBe(150);
  });

  it('reads the number after node_register_module_v, and null when there is none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlab-abi-'));
    try {
      writeFileSync(join(dir, 'a.node'), fakeAddon(150));
      writeFileSync(join(dir, 'b.node'), Buffer.from('node_register_module_v\0 no digits here'));
      expect(native.readAbi(join(dir, 'a.node'))).toBe(150);
      expect(native.readAbi(join(dir, 'b.node'))).toBeNull();
      expect(native.readAbi(join(dir, 'missing.node'))).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('switching the binary', () => {
  let dir: string;
  let paths: Paths;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dlab-native-'));
    paths = { moduleDir: join(dir, 'm'), binary: join(dir, 'm', 'build', 'Release', 'better_sqlite3.node'), cacheDir: join(dir, 'cache'), version: '12.11.1' };
    mkdirSync(join(dir, 'm', 'build', 'Release'), { recursive: true });
    writeFileSync(paths.binary, fakeAddon(115, 'node-build'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const never = () => {
    throw new Error('rebuild should not run');
  };

  it('does nothing when the binary is already built for the runtime', () => {
    const outcome = native.switchBinary({ paths, want: 115, runtime: 'Node 20', rebuild: never });
    expect(outcome).toMatchObject({ ok: true, action: 'none' });
    expect(existsSync(join(paths.cacheDir, 'better_sqlite3-12.11.1-abi115.node'))).toBe(true);
  });

  it('rebuilds once, keeps both builds, and afterwards switches by copying', () => {
    const rebuilt = native.switchBinary({
      paths,
      want: 150,
      runtime: 'Electron 45',
      rebuild: () => {
        writeFileSync(paths.binary, fakeAddon(150, 'electron-build'));
        return '';
      },
    });
    expect(rebuilt).toMatchObject({ ok: true, action: 'rebuilt' });
    expect(native.switchBinary({ paths, want: 115, runtime: 'Node 20', rebuild: never })).toMatchObject({ ok: true, action: 'copied' });
    expect(readFileSync(paths.binary).includes('node-build')).toBe(true);
    expect(native.switchBinary({ paths, want: 150, runtime: 'Electron 45', rebuild: never })).toMatchObject({ ok: true, action: 'copied' });
    expect(readFileSync(paths.binary).includes('electron-build')).toBe(true);
  });

  it('puts the Node build back when the Electron rebuild deletes it and fails', () => {
    const outcome = native.switchBinary({
      paths,
      want: 150,
      runtime: 'Electron 45',
      rebuild: () => {
        rmSync(join(paths.moduleDir, 'build'), { recursive: true, force: true });
        return 'network unreachable';
      },
    });
    expect(outcome).toEqual({
      ok: false,
      action: 'restored',
      message: 'better-sqlite3 could not be rebuilt for Electron 45 (network unreachable), so its build for ABI 115 was put back.',
    });
    expect(native.readAbi(paths.binary)).toBe(115);
  });

  it('refuses a "successful" rebuild that built for the wrong runtime (the nodedir trap)', () => {
    const outcome = native.switchBinary({ paths, want: 150, runtime: 'Electron 45', rebuild: () => '' });
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toContain('the result was built for ABI 115');
    expect(native.readAbi(paths.binary)).toBe(115);
  });

  it('falls back to a kept build when no binary was in place', () => {
    native.switchBinary({ paths, want: 115, runtime: 'Node 20', rebuild: never });
    rmSync(paths.binary);
    const outcome = native.switchBinary({ paths, want: 150, runtime: 'Electron 45', fallbackAbi: 115, rebuild: () => 'no headers' });
    expect(outcome).toMatchObject({ ok: false, action: 'restored' });
    expect(native.readAbi(paths.binary)).toBe(115);
  });
});

describe('the rebuild environment', () => {
  it('drops npm’s nodedir (and runtime/target) settings, in any case, and keeps the rest', () => {
    const env = native.cleanBuildEnv({
      npm_config_nodedir: '/usr',
      NPM_CONFIG_NODEDIR: '/usr',
      npm_config_runtime: 'node',
      npm_config_target: '20.0.0',
      PATH: '/bin',
      npm_config_cache: '/c',
    });
    expect(env).toEqual({ PATH: '/bin', npm_config_cache: '/c' });
  });

  it('reduces a build log to its reason', () => {
    const log =
      'Building modules: better-sqlite3\n\nError: This is most likely related to network\nconnectivity.\n    at go (install.js:244:21)\n\n✖ Rebuild Failed';
    expect(native.failureReason(log)).toBe('This is most likely related to network connectivity.');
    expect(native.failureReason('plain failure\n    at x (y.js:1:1)')).toBe('plain failure');
  });
});

describe('a rebuild for Electron that cannot compile', () => {
  it('says that compiling needs Python and a C++ toolchain, and how to get them here', () => {
    // A project whose better-sqlite3 is the Node build and whose @electron/rebuild is missing: the rebuild
    // really runs (node on the missing CLI) and really fails, as it does where no compiler can run.
    const project = mkdtempSync(join(tmpdir(), 'dlab-rebuild-'));
    try {
      mkdirSync(join(project, 'node_modules', 'electron'), { recursive: true });
      writeFileSync(join(project, 'node_modules', 'electron', 'package.json'), JSON.stringify({ name: 'electron', version: '45.5.0' }));
      writeFileSync(join(project, 'node_modules', 'electron', 'abi_version'), '150');
      const release = join(project, 'node_modules', 'better-sqlite3', 'build', 'Release');
      mkdirSync(release, { recursive: true });
      writeFileSync(join(project, 'node_modules', 'better-sqlite3', 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: '12.11.1' }));
      writeFileSync(join(release, 'better_sqlite3.node'), fakeAddon(Number(process.versions.modules)));
      const outcome = native.ensureElectronBinary({ projectRoot: project, log: () => {} });
      expect(outcome.ok).toBe(false);
      expect(outcome.message).toMatch(/^better-sqlite3 could not be rebuilt for Electron 45\.5\.0 \(.+\), so its build for ABI \d+ was put back\. /);
      const hint =
        process.platform === 'win32'
          ? /Visual Studio Build Tools/
          : process.platform === 'darwin'
            ? /xcode-select --install/
            : /Python 3, make and a C\+\+ compiler \(Debian\/Ubuntu: sudo apt install python3 make g\+\+\)/;
      expect(outcome.message).toMatch(hint);
      expect(outcome.message).toMatch(/Where no ready-made better-sqlite3 binary exists for Electron 45\.5\.0, it is compiled from source/);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
