// npm start (scripts/start.mjs, scripts/electronProbe.mjs) on machines that trip it: an Electron binary
// that Ubuntu 24.04's AppArmor stops at its sandbox, one that fails for another reason, and a Node too
// old for Electron's tooling. The binaries are real programs (shell scripts standing where Electron's
// executable stands, through ELECTRON_OVERRIDE_DIST_PATH) that print what Chromium prints and die the way
// it dies; start.mjs itself runs as a child process, as npm runs it.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface ProbeModule {
  NODE_RANGE: string;
  nodeFloorProblem(version: string): string | null;
  electronExecutable(electronDir: string, env?: Record<string, string | undefined>, platform?: string): string | null;
  probeElectron(executable: string, env?: Record<string, string | undefined>): string | null;
}

const root = new URL('../../../', import.meta.url).pathname;
const probe = (await import(pathToFileURL(join(root, 'scripts', 'electronProbe.mjs')).href)) as ProbeModule;
const electronDir = join(root, 'node_modules', 'electron');

// What Electron 45 writes on Ubuntu 24.04 when AppArmor refuses the user namespace and chrome-sandbox is
// not setuid root; then it aborts with SIGTRAP ("Trace/breakpoint trap").
const suidRefusal = (sandbox: string) =>
  `[4317:0206/185050.022641:FATAL:sandbox/linux/suid/client/setuid_sandbox_host.cc:169] The SUID sandbox helper binary was found, but is not configured correctly. Rather than run without sandboxing I'm aborting now. You need to make sure that ${sandbox} is owned by root and has mode 4755.`;

let dir: string;

/** A folder holding an `electron` shell program with this body. */
function fakeElectron(name: string, body: string): string {
  const folder = join(dir, name);
  spawnSync('mkdir', ['-p', folder]);
  const executable = join(folder, 'electron');
  writeFileSync(executable, `#!/bin/sh\n${body}\n`);
  chmodSync(executable, 0o755);
  return folder;
}

function runStart(distFolder: string) {
  const env: Record<string, string | undefined> = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: distFolder };
  return spawnSync(process.execPath, [join(root, 'scripts', 'start.mjs')], { cwd: root, encoding: 'utf8', env, timeout: 60_000 });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dlab-start-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(process.platform === 'win32')('npm start when Electron is on disk but will not start', () => {
  it('tells the AppArmor sandbox refusal as it is, with the exact chown/chmod, not "could not be downloaded"', () => {
    const folder = fakeElectron('suid', '');
    const sandbox = join(folder, 'chrome-sandbox');
    writeFileSync(join(folder, 'refusal.txt'), `${suidRefusal(sandbox)}\n`);
    writeFileSync(join(folder, 'electron'), `#!/bin/sh\ncat '${join(folder, 'refusal.txt')}' >&2\nkill -TRAP $$\n`);
    const result = runStart(folder);
    expect(result.status).toBe(1);
    expect(result.stderr).not.toMatch(/could not be downloaded/);
    expect(result.stderr).toContain(`sudo chown root:root ${sandbox} && sudo chmod 4755 ${sandbox}`);
    expect(result.stderr).toMatch(/AppArmor/);
    // One sentence, before any build started.
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
  });

  it('names the sandbox helper beside the binary when Chromium says only "No usable sandbox!"', () => {
    const folder = fakeElectron(
      'userns',
      "echo '[1:1:FATAL:zygote_host_impl_linux.cc(128)] No usable sandbox! If you are running on Ubuntu 23.10+ or another Linux distro that has disabled unprivileged user namespaces with AppArmor, see https://chromium.googlesource.com/chromium/src/+/main/docs/security/apparmor-userns-restrictions.md.' >&2\nkill -TRAP $$",
    );
    const sentence = probe.probeElectron(join(folder, 'electron'));
    const sandbox = join(folder, 'chrome-sandbox');
    expect(sentence).toContain(`sudo chown root:root ${sandbox} && sudo chmod 4755 ${sandbox}`);
  });

  it('says what else stopped a binary that is there (a missing system library), still not a download failure', () => {
    const folder = fakeElectron(
      'nss',
      "echo 'electron: error while loading shared libraries: libnss3.so: cannot open shared object file: No such file or directory' >&2\nexit 127",
    );
    const result = runStart(folder);
    expect(result.status).toBe(1);
    expect(result.stderr).not.toMatch(/could not be downloaded/);
    expect(result.stderr).toMatch(/^Electron is installed \(.*electron\) but will not start: electron: error while loading shared libraries: libnss3\.so/);
  });

  it('passes a binary that answers with its version, and finds none in an empty folder', () => {
    const folder = fakeElectron('fine', 'echo v45.5.0');
    expect(probe.electronExecutable(electronDir, { ELECTRON_OVERRIDE_DIST_PATH: folder }, 'linux')).toBe(join(folder, 'electron'));
    expect(probe.probeElectron(join(folder, 'electron'))).toBeNull();
    expect(probe.electronExecutable(electronDir, { ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'nothing-here') }, 'linux')).toBeNull();
  });
});

describe('the Node floor', () => {
  it('is what package.json and its lock file declare', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: { node?: string } }> };
    expect(pkg.engines.node).toBe(probe.NODE_RANGE);
    expect(lock.packages['']?.engines?.node).toBe(probe.NODE_RANGE);
  });

  it('refuses Node 20.18, 21 and 22.12 with a sentence, and takes 20.19, 22.13 and 24', () => {
    for (const old of ['20.18.1', 'v20.9.0', '21.7.3', '22.12.0', '18.20.4']) {
      expect(probe.nodeFloorProblem(old), old).toMatch(/^This is Node \d+\.\d+\.\d+, and the lab needs Node 20\.19 or later .*nodejs\.org/);
    }
    for (const fine of ['20.19.0', '20.20.2', '22.13.0', '24.1.0', process.versions.node]) expect(probe.nodeFloorProblem(fine), fine).toBeNull();
  });
});
