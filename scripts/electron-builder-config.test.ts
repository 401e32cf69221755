import { builtinModules, createRequire } from 'node:module';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ICNS_SIZES, ICO_SIZES, LINUX_SIZES, renderIcon } from './make-icons.mjs';

// electron-builder checks its configuration only when `npm run dist` runs, and building needs the
// Electron binary, which this machine cannot download. So these tests stop short of the
// installers: electron-builder's own loader and schema check read electron-builder.yml, the
// settings the app relies on are pinned, and electron-builder packs the app into a stand-in
// Electron (a file holding only the fuse wire) to show which files ship and that the fuses flip.
// Building the AppImage, deb, dmg and nsis artefacts is not covered here.

const root = resolve(import.meta.dirname, '..');
const assets = join(root, 'assets');

// The copies electron-builder itself uses, resolved from it.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const { getConfig, validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config') as typeof import('app-builder-lib/out/util/config/config');
const { DebugLogger } = fromBuilder('builder-util') as typeof import('builder-util');
// getDefaultDepends is private in the typings; it reads nothing from the instance.
const FpmTarget = (fromBuilder('app-builder-lib/out/targets/FpmTarget') as { default: { prototype: unknown } }).default;
const defaultDebDepends = (FpmTarget.prototype as { getDefaultDepends(target: string): string[] }).getDefaultDepends('deb');
const fuses = createRequire(fromBuilder.resolve('app-builder-lib'))('@electron/fuses') as typeof import('@electron/fuses');
const { build, Platform, Arch } = fromBuilder('electron-builder') as typeof import('electron-builder');

type Config = Awaited<ReturnType<typeof getConfig>>;
let config: Config;

const validate = (candidate: Config) => validateConfiguration(candidate, new DebugLogger(false));

beforeAll(async () => {
  config = await getConfig(root, null, null);
});

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration check (its loader and schema)", async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('the check really rejects a misspelled option and a wrong type', async () => {
    await expect(validate({ ...config, appID: 'typo' } as Config)).rejects.toThrow(/configuration object/);
    await expect(validate({ ...config, electronFuses: { runAsNode: 'no' } } as unknown as Config)).rejects.toThrow();
  });

  it('names the app and keeps the settings it relies on', () => {
    expect(config).toMatchObject({
      appId: 'dev.keystash.app',
      productName: 'Keystash',
      directories: { output: 'dist', buildResources: 'assets' },
      // keytar is N-API: a rebuild would only download Electron headers.
      npmRebuild: false,
      asar: true,
      asarUnpack: expect.arrayContaining(['**/*.node']),
    });
  });

  it('flips every security fuse', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it('lists only the built app and keytar in files, and refuses maps and other node_modules', () => {
    expect(config.files).toEqual([
      {
        filter: [
          'package.json',
          'out/main/**',
          'out/preload/**',
          'out/renderer/**',
          '!out/**/*.map',
          '!node_modules/**',
          'node_modules/keytar/package.json',
          'node_modules/keytar/lib/**',
          'node_modules/keytar/build/Release/keytar.node',
        ],
      },
    ]);
  });

  it('builds AppImage and deb on Linux, dmg on macOS, nsis on Windows', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    // The deb links /usr/bin/<executableName>; `keystash` is the CLI.
    expect(config.linux?.executableName).toBe('keystash-desktop');
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
  });

  it("makes the deb depend on libsecret-1-0 without dropping electron-builder's default list", () => {
    expect(defaultDebDepends.length).toBeGreaterThan(3);
    expect(config.deb?.depends).toEqual(expect.arrayContaining([...defaultDebDepends, 'libsecret-1-0']));
  });

  it('signs macOS builds with the hardened runtime and a one-entitlement plist (allow-jit)', () => {
    expect(config.mac).toMatchObject({
      hardenedRuntime: true,
      entitlements: 'assets/entitlements.mac.plist',
      entitlementsInherit: 'assets/entitlements.mac.plist',
    });
    const plist = readFileSync(join(root, 'assets', 'entitlements.mac.plist'), 'utf8');
    expect([...plist.matchAll(/<key>([^<]+)<\/key>\s*<(true|false)\/>/g)].map((m) => `${m[1]}=${m[2]}`)).toEqual([
      'com.apple.security.cs.allow-jit=true',
    ]);
  });
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('the icons', () => {
  it('has the Linux PNG set, 16 to 1024 px, where linux.icon points', () => {
    const folder = join(assets, String(config.linux?.icon));
    expect(readdirSync(folder).sort()).toEqual(LINUX_SIZES.map((n) => `${n}x${n}.png`).sort());
    for (const size of LINUX_SIZES) expect(pngSize(readFileSync(join(folder, `${size}x${size}.png`)))).toEqual([size, size]);
    expect(LINUX_SIZES).toEqual(expect.arrayContaining([16, 24, 32, 48, 64, 128, 256, 512, 1024]));
  });

  it('has the Windows .ico with 16 to 256 px, where win.icon points', () => {
    const ico = readFileSync(join(assets, String(config.win?.icon)));
    expect(ico.readUInt16LE(2)).toBe(1); // type 1: icon
    const count = ico.readUInt16LE(4);
    // A width or height of 0 in the directory means 256.
    const sizes = Array.from({ length: count }, (_, i) => ico[6 + 16 * i] || 256);
    expect(sizes).toEqual([...ICO_SIZES]);
    expect(ICO_SIZES).toEqual(expect.arrayContaining([16, 24, 32, 48, 256]));
  });

  it('has the macOS .icns with every size from 16 to 1024 px (@2x included), where mac.icon points', () => {
    const icns = readFileSync(join(assets, String(config.mac?.icon)));
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let offset = 8; offset < icns.length; offset += icns.readUInt32BE(offset + 4)) {
      types.push(icns.toString('latin1', offset, offset + 4));
    }
    // is32/il32: 16 and 32 px; ic07-ic10: 128-1024 px; ic11-ic14: 16-512 px @2x.
    expect(types.sort()).toEqual(['ic07', 'ic08', 'ic09', 'ic10', 'ic11', 'ic12', 'ic13', 'ic14', 'il32', 'is32', 'l8mk', 's8mk']);
    expect(ICNS_SIZES).toEqual([16, 32, 64, 128, 256, 512, 1024]);
  });

  it('are what make-icons renders from assets/icon.svg now (run node scripts/make-icons.mjs if not)', async () => {
    for (const size of [16, 48, 256]) {
      const committed = await sharp(readFileSync(join(assets, 'icons', `${size}x${size}.png`))).raw().toBuffer();
      const fresh = await sharp(await renderIcon(size)).raw().toBuffer();
      expect(fresh.equals(committed), `${size}x${size}.png`).toBe(true);
    }
  });
});

/**
 * Bare module names a built bundle loads at run time (require or import), other than Node's
 * built-ins and electron: the packages that must ship in node_modules.
 */
/**
 * Required only inside a try, with a fallback: the D-Bus client needs `abstract-socket` for a
 * `unix:abstract=` bus address alone, and without it the keychain listing gives way to keytar's.
 */
const OPTIONAL_PACKAGES = new Set(['abstract-socket']);

function runtimePackages(bundle: string): string[] {
  const names = [...readFileSync(bundle, 'utf8').matchAll(/\b(?:require|import)\(\s*["']([^"'./][^"']*)["']\s*\)/g)].map((m) => m[1] ?? '');
  const builtins = new Set(builtinModules);
  return [...new Set(names)].filter((name) => !name.startsWith('node:') && !builtins.has(name) && name !== 'electron').sort();
}

describe('a pack into a stand-in Electron (the real binary is not installed here, so no installer is built)', () => {
  // Electron 45's fuse wire as shipped: runAsNode on, cookie encryption off, NODE_OPTIONS on,
  // --inspect on, asar integrity off, only-asar off, browser V8 snapshot off, file:// privileges
  // on, and a ninth fuse (WebAssembly trap handlers, on) that @electron/fuses 1.8 does not name.
  const SHIPPED_WIRE = '101100011';
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'; // @electron/fuses' marker before the wire
  const scratch = mkdtempSync(join(tmpdir(), 'keystash-pack-'));
  const unpacked = join(scratch, 'dist', 'linux-unpacked');
  let asarFiles: string[] = [];
  let unpackedFiles: string[] = [];

  beforeAll(async () => {
    const built = ['out/main/index.cjs', 'out/preload/index.cjs', 'out/renderer/index.html'].filter((f) => !existsSync(join(root, f)));
    if (built.length > 0) throw new Error(`${built.join(', ')} missing: run npm run build first`);

    // An "unpacked Electron distribution" (electronDist) with a stand-in for the binary.
    const electronDist = join(scratch, 'electron');
    mkdirSync(join(electronDist, 'resources'), { recursive: true });
    mkdirSync(join(electronDist, 'locales'));
    writeFileSync(join(electronDist, 'locales', 'en-US.pak'), '');
    const binary = join(electronDist, 'electron');
    writeFileSync(binary, Buffer.concat([Buffer.from(`stand-in\0${SENTINEL}`), Buffer.from([1, SHIPPED_WIRE.length]), Buffer.from(SHIPPED_WIRE)]));
    chmodSync(binary, 0o755);

    await build({
      projectDir: root,
      targets: Platform.LINUX.createTarget('dir', Arch.x64),
      config: { electronDist, directories: { output: join(scratch, 'dist') } },
      publish: 'never',
    });
    const asar = createRequire(fromBuilder.resolve('app-builder-lib'))('@electron/asar') as typeof import('@electron/asar');
    const archive = join(unpacked, 'resources', 'app.asar');
    // Files only (directories have `files`); an unpacked file is listed too, marked `unpacked`.
    asarFiles = asar
      .listPackage(archive, { isPack: false })
      .map((file) => file.replaceAll('\\', '/').replace(/^\//, ''))
      .filter((file) => !('files' in asar.statFile(archive, file, false)));
    const unpackedRoot = join(unpacked, 'resources', 'app.asar.unpacked');
    unpackedFiles = existsSync(unpackedRoot)
      ? readdirSync(unpackedRoot, { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => join(entry.parentPath, entry.name).slice(unpackedRoot.length + 1).replaceAll('\\', '/'))
      : [];
  }, 120_000);

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('ships the built main, preload and renderer, package.json and keytar, and nothing else', () => {
    const outside = asarFiles.filter(
      (file) => !/^(package\.json|out\/(main|preload|renderer)\/.+|node_modules\/keytar\/(package\.json|lib\/.+|build\/Release\/keytar\.node))$/.test(file),
    );
    expect(outside).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(asarFiles).toEqual(expect.arrayContaining([pkg.main, 'out/preload/index.cjs', 'out/renderer/index.html', 'package.json']));
  });

  it('ships no sources, tests, source maps, CLI or browser host', () => {
    expect(asarFiles.filter((file) => /\.(tsx?|map)$|\.test\.|^(electron|core|renderer|cli|e2e|scripts)\/|^out\/(cli|host)\//.test(file))).toEqual([]);
  });

  it('ships every package the built main, its chunks and preload load at run time (only keytar)', () => {
    const chunks = readdirSync(join(root, 'out/main/chunks')).map((file) => join(root, 'out/main/chunks', file));
    const bundles = [join(root, 'out/main/index.cjs'), ...chunks, join(root, 'out/preload/index.cjs')];
    const needed = [...new Set(bundles.flatMap(runtimePackages))].filter((name) => !OPTIONAL_PACKAGES.has(name)).sort();
    expect(needed).toEqual(['keytar']);
    for (const name of needed) expect(asarFiles).toContain(`node_modules/${name}/package.json`);
  });

  it("unpacks keytar's native addon next to the archive", () => {
    expect(unpackedFiles).toContain('node_modules/keytar/build/Release/keytar.node');
    expect(unpackedFiles.filter((file) => !file.startsWith('node_modules/keytar/'))).toEqual([]);
  });

  it('flips the fuses in the binary as configured', async () => {
    // Every fuse on the wire by its index, the ones @electron/fuses has no name for included.
    const wire = (await fuses.getCurrentFuseWire(join(unpacked, 'keystash-desktop'))) as unknown as Record<number, number>;
    const state = (option: number) => String.fromCharCode(wire[option] ?? 0);
    const { FuseV1Options } = fuses;
    expect({
      runAsNode: state(FuseV1Options.RunAsNode),
      enableCookieEncryption: state(FuseV1Options.EnableCookieEncryption),
      enableNodeOptionsEnvironmentVariable: state(FuseV1Options.EnableNodeOptionsEnvironmentVariable),
      enableNodeCliInspectArguments: state(FuseV1Options.EnableNodeCliInspectArguments),
      enableEmbeddedAsarIntegrityValidation: state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation),
      onlyLoadAppFromAsar: state(FuseV1Options.OnlyLoadAppFromAsar),
      loadBrowserProcessSpecificV8Snapshot: state(FuseV1Options.LoadBrowserProcessSpecificV8Snapshot),
      grantFileProtocolExtraPrivileges: state(FuseV1Options.GrantFileProtocolExtraPrivileges),
      unnamedNinthFuse: state(8),
    }).toEqual({
      runAsNode: '0',
      enableCookieEncryption: '1',
      enableNodeOptionsEnvironmentVariable: '0',
      enableNodeCliInspectArguments: '0',
      enableEmbeddedAsarIntegrityValidation: '1',
      onlyLoadAppFromAsar: '1',
      loadBrowserProcessSpecificV8Snapshot: '0',
      grantFileProtocolExtraPrivileges: '0',
      // Not configured, so left as Electron ships it.
      unnamedNinthFuse: '1',
    });
  });
});
