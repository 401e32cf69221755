import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { VaultError } from '../errors';
import type { ClipboardPort } from './clipboard-port';
import { runClipboardTool, type ToolCommand } from './run-clipboard-tool';

/** The commands one platform's clipboard is driven with. A value only ever travels on stdin. */
interface ClipboardTool {
  write: ToolCommand;
  /** Returns exactly the clipboard's text (no added newline). */
  read: ToolCommand;
  clear: ToolCommand;
  /** Clears by writing this (for tools without a clear command) instead of running `clear` bare. */
  clearInput?: string;
  encode?: (text: string) => Uint8Array;
  /** What to tell the user when the tool fails. */
  hint: string;
}

const LINUX_INSTALL_HINT =
  'Install xsel (apt install xsel) or xclip; on Wayland install wl-clipboard (apt install wl-clipboard).';

const WL_CLIPBOARD: ClipboardTool = {
  write: { file: 'wl-copy', args: [], forks: true },
  read: { file: 'wl-paste', args: ['--no-newline'] },
  clear: { file: 'wl-copy', args: ['--clear'] },
  hint: 'Check that the Wayland session is running and wl-clipboard is installed (apt install wl-clipboard).',
};

const XSEL: ClipboardTool = {
  write: { file: 'xsel', args: ['--clipboard', '--input'], forks: true },
  read: { file: 'xsel', args: ['--clipboard', '--output'] },
  clear: { file: 'xsel', args: ['--clipboard', '--clear'] },
  hint: 'Check that the X11 session in $DISPLAY is running.',
};

const XCLIP: ClipboardTool = {
  write: { file: 'xclip', args: ['-selection', 'clipboard', '-in'], forks: true },
  read: { file: 'xclip', args: ['-selection', 'clipboard', '-out'] },
  // xclip cannot clear; owning the clipboard with empty text has the same effect for a paste.
  clear: { file: 'xclip', args: ['-selection', 'clipboard', '-in'], forks: true },
  clearInput: '',
  hint: 'Check that the X11 session in $DISPLAY is running.',
};

const MACOS: ClipboardTool = {
  write: { file: 'pbcopy', args: [] },
  read: { file: 'pbpaste', args: [] },
  clear: { file: 'pbcopy', args: [] },
  clearInput: '',
  hint: 'pbcopy and pbpaste ship with macOS; run Keystash from a logged-in user session.',
};

const POWERSHELL_ARGS = ['-NoProfile', '-NonInteractive', '-Command'];
const WINDOWS: ClipboardTool = {
  // clip.exe reads UTF-16LE when the input starts with a byte-order mark; without one it would
  // use the console code page and mangle anything beyond ASCII.
  write: { file: 'clip.exe', args: [] },
  encode: (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
  // Out.Write: Write-Output would append a newline that is not on the clipboard.
  read: {
    file: 'powershell.exe',
    args: [
      ...POWERSHELL_ARGS,
      '[Console]::OutputEncoding = [Text.Encoding]::UTF8; $t = Get-Clipboard -Raw; if ($null -ne $t) { [Console]::Out.Write($t) }',
    ],
  },
  clear: { file: 'powershell.exe', args: [...POWERSHELL_ARGS, 'Set-Clipboard -Value $null'] },
  hint: 'clip.exe and PowerShell ship with Windows; run Keystash from an interactive desktop session.',
};

export function createPlatformClipboard(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): ClipboardPort {
  // Chosen on first use, not here, so an app without a clipboard still starts and reports the
  // typed error only when someone copies; remembered once found, since PATH does not change.
  let chosen: ClipboardTool | undefined;
  const tool = () => (chosen ??= selectClipboardTool(env, platform));

  return {
    async write(text) {
      const t = tool();
      await runClipboardTool(t.write, { env, input: t.encode ? t.encode(text) : text, hint: t.hint });
    },
    async read() {
      const t = tool();
      return runClipboardTool(t.read, { env, hint: t.hint });
    },
    async clear() {
      const t = tool();
      const input = t.clearInput === undefined ? undefined : t.encode ? t.encode(t.clearInput) : t.clearInput;
      await runClipboardTool(t.clear, { env, ...(input === undefined ? {} : { input }), hint: t.hint });
    },
  };
}

function selectClipboardTool(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): ClipboardTool {
  if (platform === 'darwin') return MACOS;
  if (platform === 'win32') return WINDOWS;
  const has = (name: string) => isOnPath(name, env);
  if (env.WAYLAND_DISPLAY && has('wl-copy') && has('wl-paste')) return WL_CLIPBOARD;
  if (!env.DISPLAY) {
    throw new VaultError(
      'CLIPBOARD_UNAVAILABLE',
      env.WAYLAND_DISPLAY
        ? 'No Wayland clipboard tool was found. Install wl-clipboard (apt install wl-clipboard).'
        : 'There is no graphical session ($DISPLAY is not set), so there is no clipboard. Copy from a desktop session, or let the CLI pass the key to a program as an environment variable.',
    );
  }
  if (has('xsel')) return XSEL;
  if (has('xclip')) return XCLIP;
  throw new VaultError('CLIPBOARD_UNAVAILABLE', `No clipboard tool was found. ${LINUX_INSTALL_HINT}`);
}

function isOnPath(name: string, env: NodeJS.ProcessEnv): boolean {
  for (const folder of (env.PATH ?? '').split(delimiter)) {
    if (!folder) continue;
    try {
      accessSync(join(folder, name), constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}
