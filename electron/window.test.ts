import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';

// The Electron binary is not needed: `electron` is replaced by a stand-in that records what the
// window was built with. electronegativity (scripts/electronegativity.mjs) reads these options too,
// but it rates an explicit `nodeIntegration: true` as informational only, so they are pinned here.
const built = vi.hoisted(() => ({ options: [] as unknown[], contentProtection: [] as boolean[] }));

vi.mock('electron', () => {
  class BrowserWindow {
    constructor(options: unknown) {
      built.options.push(options);
    }
    setContentProtection(on: boolean) {
      built.contentProtection.push(on);
    }
    once() {}
    on() {}
    show() {}
    setBackgroundColor() {}
  }
  return { BrowserWindow, nativeTheme: { shouldUseDarkColors: false, on() {}, off() {} } };
});

const { createMainWindow } = await import('./window');

function build(devTools: boolean): BrowserWindowConstructorOptions {
  built.options.length = 0;
  built.contentProtection.length = 0;
  createMainWindow({ preloadPath: '/app/out/preload/index.cjs', devTools });
  expect(built.options).toHaveLength(1);
  return built.options[0] as BrowserWindowConstructorOptions;
}

describe('the main window', () => {
  it('keeps every hardened webPreference (Electron security checklist items 2-4, 6, 8-10)', () => {
    expect(build(false).webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      enableWebSQL: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: false,
    });
  });

  it('passes devTools through: off in packaged builds, on for development', () => {
    expect(build(false).webPreferences?.devTools).toBe(false);
    expect(build(true).webPreferences?.devTools).toBe(true);
  });

  it('asks for content protection (hidden from screen capture where the OS allows)', () => {
    build(false);
    expect(built.contentProtection).toEqual([true]);
  });
});
