// electron-builder.yml, checked offline by electron-builder's own code: app-builder-lib's getConfig (how
// the CLI reads the file) and validateConfiguration (the check the CLI runs against its scheme.json
// before packaging anything). A deliberately broken configuration must fail the very same check. The
// fuses go one step further: the packager's own translation of `electronFuses` is flipped by @electron/fuses
// into a stand-in binary's fuse wire, and the wire is read back.

import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const require = createRequire(import.meta.url);

type Config = Record<string, unknown> & {
  files?: string[];
  asarUnpack?: string[];
  npmRebuild?: boolean;
  productName?: string;
  appId?: string;
  directories?: { output?: string; buildResources?: string };
  icon?: string;
  linux?: { target?: string[]; category?: string; maintainer?: string };
  win?: { target?: string[] };
  mac?: { target?: string[] };
  electronFuses?: Record<string, boolean>;
};
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  getConfig: (projectDir: string) => Promise<Config>;
  validateConfiguration: (config: Config, debugLogger: unknown) => Promise<void>;
};
const { DebugLogger } = require('builder-util/out/DebugLogger.js') as { DebugLogger: new (enabled: boolean) => unknown };
// How the packager turns `electronFuses` into @electron/fuses' wire settings (it uses nothing of `this`).
const { PlatformPackager } = require('app-builder-lib') as {
  PlatformPackager: { prototype: { generateFuseConfig(fuses: Record<string, boolean>): Promise<Record<string, unknown>> } };
};
const fuses = require('@electron/fuses') as {
  FuseV1Options: Record<string, string>;
  flipFuses(pathToElectron: string, config: Record<string, unknown>): Promise<number>;
  getCurrentFuseWire(pathToElectron: string): Promise<Record<string, unknown>>;
};
// The deb target's metadata check and the package URL it uses, from electron-builder's own code.
const { AppInfo } = require('app-builder-lib/out/appInfo.js') as { AppInfo: { prototype: { computePackageUrl(this: unknown): Promise<string | null> } } };
const FpmTarget = (
  require('app-builder-lib/out/targets/FpmTarget.js') as {
    default: { prototype: { computeFpmMetaInfoOptions(this: unknown): Promise<Record<string, unknown>> } };
  }
).default;
const { SENTINEL, FuseState } = require('@electron/fuses/dist/constants.js') as { SENTINEL: string; FuseState: Record<string, number> };

const check = async (projectDir: string) => validateConfiguration(await getConfig(projectDir), new DebugLogger(false));

let broken: string;
const original = readFileSync(join(root, 'electron-builder.yml'), 'utf8');

beforeAll(() => {
  broken = mkdtempSync(join(tmpdir(), 'dlab-builder-'));
  copyFileSync(join(root, 'package.json'), join(broken, 'package.json'));
});
afterAll(() => rmSync(broken, { recursive: true, force: true }));

async function checkVariant(yaml: string): Promise<string | null> {
  writeFileSync(join(broken, 'electron-builder.yml'), yaml);
  try {
    await check(broken);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema check', async () => {
    await expect(check(root)).resolves.toBeUndefined();
  });

  it('the same check refuses a broken configuration', async () => {
    expect(original).toContain('  category: Education\n');
    expect(original).toMatch(/^npmRebuild: false$/m);
    const misspelt = await checkVariant(original.replace('  category: Education\n', '  categroy: Education\n'));
    expect(misspelt).toMatch(/Invalid configuration object/);
    const unknownTop = await checkVariant(`${original}\nnpmRebuilt: false\n`);
    expect(unknownTop).toMatch(/Invalid configuration object[\s\S]*npmRebuilt/);
    const wrongType = await checkVariant(original.replace(/^npmRebuild: false$/m, 'npmRebuild: sometimes'));
    expect(wrongType).toMatch(/Invalid configuration object[\s\S]*npmRebuild/);
    expect(await checkVariant(original)).toBeNull();
  });

  it('sets Electron’s security fuses, and the schema check refuses a misspelt or mistyped one', async () => {
    const config = await getConfig(root);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
    // The block is checked like the rest: a misspelt fuse, or a fuse set to a word, is refused.
    expect(original).toContain('  runAsNode: false\n');
    expect(await checkVariant(original.replace('  runAsNode: false\n', '  runAsNodes: false\n'))).toMatch(
      /Invalid configuration object[\s\S]*configuration\.electronFuses/,
    );
    expect(await checkVariant(original.replace('  runAsNode: false\n', '  runAsNode: "no"\n'))).toMatch(
      /Invalid configuration object[\s\S]*configuration\.electronFuses/,
    );
  });

  it('the packager writes those fuses into an Electron binary’s fuse wire', async () => {
    const config = await getConfig(root);
    const wireConfig = await PlatformPackager.prototype.generateFuseConfig.call(null, config.electronFuses!);
    // A stand-in for the Electron binary: its fuse wire (sentinel, wire version 1, 8 fuses, all enabled)
    // between bytes of nothing in particular, as it sits in the real executable.
    const binary = join(broken, 'electron');
    const { ENABLE, DISABLE } = FuseState;
    writeFileSync(binary, Buffer.concat([Buffer.alloc(4096, 7), Buffer.from(SENTINEL), Buffer.from([1, 8, ...Array(8).fill(ENABLE)]), Buffer.alloc(4096, 7)]));
    expect(await fuses.flipFuses(binary, wireConfig)).toBe(1);
    const wire = await fuses.getCurrentFuseWire(binary);
    const { FuseV1Options: fuse } = fuses;
    expect({
      runAsNode: wire[fuse.RunAsNode!],
      nodeOptions: wire[fuse.EnableNodeOptionsEnvironmentVariable!],
      inspectArguments: wire[fuse.EnableNodeCliInspectArguments!],
      onlyAsar: wire[fuse.OnlyLoadAppFromAsar!],
      asarIntegrity: wire[fuse.EnableEmbeddedAsarIntegrityValidation!],
      cookieEncryption: wire[fuse.EnableCookieEncryption!],
      // Left as Electron ships them (see electron-builder.yml: the window's page is a file:// page).
      fileProtocol: wire[fuse.GrantFileProtocolExtraPrivileges!],
      snapshot: wire[fuse.LoadBrowserProcessSpecificV8Snapshot!],
    }).toEqual({
      runAsNode: DISABLE,
      nodeOptions: DISABLE,
      inspectArguments: DISABLE,
      onlyAsar: ENABLE,
      asarIntegrity: ENABLE,
      cookieEncryption: ENABLE,
      fileProtocol: ENABLE,
      snapshot: ENABLE,
    });
  });

  it('packs the built app, its data and package.json, and unpacks what must be real files', async () => {
    const config = await getConfig(root);
    expect(config.productName).toBe('Deep Learning Lab');
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    // getConfig normalises `files` into file sets: [{ filter: [...] }].
    const files = (config.files as unknown as (string | { filter?: string[] })[]).flatMap((set) => (typeof set === 'string' ? [set] : (set.filter ?? [])));
    expect(files).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**', 'dist/worker*.mjs', 'build/data/**', 'package.json']));
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', 'dist/worker*.mjs']));
    // sharp's addon opens libvips (a .so/.dylib/.dll in @img/) from a real file: both packages are unpacked whole.
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/sharp/**', 'node_modules/@img/**']));
    expect(config.npmRebuild).toBe(false);
    // Installers must not land in dist/, where the app itself is built.
    expect(config.directories?.output).not.toBe('dist');
    const { main } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(main).toBe('dist/electron/main.js');
  });

  it('gives the deb target its homepage: electron-builder’s own check passes, and fails without it', async () => {
    // The check the deb (and rpm) target runs before packaging anything, applied to our package.json and
    // our linux options, as the packager calls it (it reads nothing else of `this`).
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    const config = await getConfig(root);
    const debCheck = (metadata: Record<string, unknown>) => {
      const appInfo = { info: { metadata, repositoryInfo: Promise.resolve(null) }, notNullDevMetadata: metadata };
      const packager = { info: { metadata }, appInfo: { computePackageUrl: () => AppInfo.prototype.computePackageUrl.call(appInfo), linuxPackageName: 'x' } };
      return FpmTarget.prototype.computeFpmMetaInfoOptions.call({ packager, options: config.linux ?? {} });
    };
    await expect(debCheck(pkg)).resolves.toMatchObject({ url: pkg.homepage, maintainer: 'Deep Learning Lab contributors <lab@deeplearninglab.org>' });
    expect(pkg.homepage).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]{2,}(\/\S*)?$/);
    const { homepage: _homepage, ...without } = pkg;
    await expect(debCheck(without)).rejects.toThrow('Please specify project homepage');
  });

  it('gives the installers the lab’s icon: a 512×512 PNG in the build resources, drawn from an SVG', async () => {
    const config = await getConfig(root);
    expect(config.directories?.buildResources).toBe('packaging');
    expect(config.icon).toBe('packaging/icon.png');
    const png = readFileSync(join(root, 'packaging', 'icon.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    expect(readFileSync(join(root, 'packaging', 'icon.svg'), 'utf8')).toMatch(/^<svg [^>]*viewBox="0 0 512 512"/);
  });

  it('lists as dependencies exactly the packages the bundles leave outside (the rest is bundled, so it is a devDependency)', () => {
    const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const external = new Set<string>();
    for (const script of ['build-node.mjs', 'build-electron.mjs']) {
      const text = readFileSync(join(root, 'scripts', script), 'utf8');
      for (const list of text.matchAll(/external: \[([^\]]*)\]/g)) for (const name of list[1]!.matchAll(/'([^']+)'/g)) external.add(name[1]!);
    }
    external.delete('electron'); // Electron provides it
    expect(Object.keys(dependencies).sort()).toEqual([...external].sort());
  });

  it('targets Linux (AppImage, deb; Education), Windows (NSIS) and macOS (dmg)', async () => {
    const config = await getConfig(root);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.linux?.category).toBe('Education');
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
  });

  it('never rebuilds natives on install: no Electron rebuild in postinstall', () => {
    const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) {
      expect(scripts[hook] ?? '', hook).not.toMatch(/electron-rebuild|install-app-deps|ensure-electron/);
    }
    expect(scripts.test).toMatch(/node scripts\/native\.mjs ensure-node && vitest run/);
  });
});
