import { EventEmitter } from 'node:events';
import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App, Session, WebContents, WebFrameMain } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  applyDownloadPolicy,
  checkDownload,
  describeDownload,
  documentsOrHome,
  RECOVERY_CODES_FILE_NAME,
  recoveryCodesSaveDialog,
  saveDialogFor,
  type DownloadFacts,
} from './download-policy';
import { APP_ORIGIN } from './renderer-origin';

const DEV_ORIGIN = 'http://localhost:5173';
const trusted = [APP_ORIGIN];
const ours: DownloadFacts = {
  url: 'blob:app://keystash/4f1c1d2e-9a57-4b0e-8a53-1d1c1a7f0b6e',
  initiatorOrigin: 'app://keystash',
  fromAppWindow: true,
  frame: 'main',
};

describe('checkDownload', () => {
  it("allows a blob: URL of our own origin, started by our window's main frame", () => {
    expect(checkDownload(ours, trusted)).toEqual({ allowed: true });
  });

  it('allows it when the starting frame is already gone, judging by the initiator origin', () => {
    expect(checkDownload({ ...ours, frame: 'gone' }, trusted)).toEqual({ allowed: true });
  });

  it('refuses URLs that are not blobs of our origin', () => {
    for (const url of [
      'https://evil.example/keystash-recovery-codes.txt',
      'http://localhost:5173/x.txt',
      'app://keystash/index.html',
      'data:text/plain,hello',
      'file:///etc/passwd',
      'blob:null/4f1c1d2e',
      'blob:https://evil.example/4f1c1d2e',
      'blob:app://evil/4f1c1d2e',
      'blob:app://keystash.evil.example/4f1c1d2e',
      'blob:app://user:pw@keystash/4f1c1d2e',
      'blob:',
      'blob:not a url',
      'javascript:alert(1)',
      '',
    ]) {
      expect(checkDownload({ ...ours, url }, trusted).allowed, url).toBe(false);
    }
  });

  it('refuses a download that another origin, a subframe or another window started', () => {
    for (const initiatorOrigin of ['', 'null', 'https://evil.example', 'app://evil', DEV_ORIGIN]) {
      expect(checkDownload({ ...ours, initiatorOrigin }, trusted).allowed, initiatorOrigin).toBe(false);
    }
    expect(checkDownload({ ...ours, frame: 'subframe' }, trusted).allowed).toBe(false);
    expect(checkDownload({ ...ours, fromAppWindow: false }, trusted).allowed).toBe(false);
  });

  it("refuses a blob of one trusted origin started by the other (each page offers only its own blobs)", () => {
    const both = [APP_ORIGIN, DEV_ORIGIN];
    expect(checkDownload({ ...ours, initiatorOrigin: DEV_ORIGIN }, both).allowed).toBe(false);
    expect(checkDownload({ ...ours, url: `blob:${DEV_ORIGIN}/4f1c1d2e`, initiatorOrigin: DEV_ORIGIN }, both)).toEqual({ allowed: true });
    // The dev server's blobs are ours only while unpackaged, when its origin is trusted.
    expect(checkDownload({ ...ours, url: `blob:${DEV_ORIGIN}/4f1c1d2e`, initiatorOrigin: DEV_ORIGIN }, trusted).allowed).toBe(false);
  });
});

describe('the save dialog', () => {
  it('offers keystash-recovery-codes.txt in the given folder, as a text file', () => {
    const options = recoveryCodesSaveDialog('/home/ada/Documents');
    expect(options.title).toBe('Save recovery codes');
    expect(options.defaultPath).toBe(join('/home/ada/Documents', RECOVERY_CODES_FILE_NAME));
    expect(options.filters).toEqual([{ name: 'Text files', extensions: ['txt'] }]);
  });

  it('follows the name the page suggested: the recovery codes, a backup, or any other file', () => {
    expect(saveDialogFor(RECOVERY_CODES_FILE_NAME, '/home/ada/Documents')).toEqual(recoveryCodesSaveDialog('/home/ada/Documents'));
    const backup = saveDialogFor('keystash-backup-2026-05-01.ksbackup', '/home/ada/Documents');
    expect(backup.title).toBe('Save encrypted backup');
    expect(backup.defaultPath).toBe('/home/ada/Documents/keystash-backup-2026-05-01.ksbackup');
    expect(backup.filters).toEqual([{ name: 'Keystash backups', extensions: ['ksbackup'] }]);
    expect(backup.properties).toContain('showOverwriteConfirmation');
    const other = saveDialogFor('notes.md', '/home/ada/Documents');
    expect(other.title).toBe('Save file');
    expect(other.defaultPath).toBe('/home/ada/Documents/notes.md');
  });

  it('never lets a path in the suggested name choose the folder', () => {
    expect(saveDialogFor('../../.bashrc', '/home/ada/Documents').defaultPath).toBe('/home/ada/Documents/.bashrc');
    expect(saveDialogFor('..\\..\\x.ksbackup', '/home/ada/Documents').defaultPath).toBe('/home/ada/Documents/x.ksbackup');
    expect(saveDialogFor('', '/home/ada/Documents').defaultPath).toBe('/home/ada/Documents/keystash-file');
  });

  it('opens in Documents, or home when the platform reports no Documents folder', () => {
    const paths: Record<string, string> = { documents: '/home/ada/Documents', home: '/home/ada' };
    const getPath = (name: string) => {
      const path = paths[name];
      if (path === undefined) throw new Error(`Failed to get '${name}' path`);
      return path;
    };
    expect(documentsOrHome({ getPath } as Pick<App, 'getPath'>)).toBe('/home/ada/Documents');
    delete paths.documents;
    expect(documentsOrHome({ getPath } as Pick<App, 'getPath'>)).toBe('/home/ada');
  });
});

type FakeItem = EventEmitter & {
  getURL: () => string;
  getFilename: () => string;
  getInitiatorOrigin: () => string;
  getSavePath: () => string;
  setSaveDialogOptions: ReturnType<typeof vi.fn>;
};

function fakeWindow(id = 7) {
  const mainFrame = { parent: null, processId: 3, routingId: 1, isDestroyed: () => false } as unknown as WebFrameMain;
  const contents = { id, mainFrame, isDestroyed: () => false } as unknown as WebContents;
  return { contents, mainFrame };
}

function fakeItem(url: string, initiatorOrigin: string, savePath = '', fileName = RECOVERY_CODES_FILE_NAME): FakeItem {
  return Object.assign(new EventEmitter(), {
    getURL: () => url,
    getFilename: () => fileName,
    getInitiatorOrigin: () => initiatorOrigin,
    getSavePath: () => savePath,
    setSaveDialogOptions: vi.fn(),
  });
}

describe('describeDownload', () => {
  it('tells the main frame from a subframe, another window and a frame that is gone', () => {
    const { contents, mainFrame } = fakeWindow();
    const item = fakeItem(ours.url, 'app://keystash');
    expect(describeDownload(item, contents, mainFrame, contents)).toEqual(ours);
    const sameIdsObject = { parent: null, processId: 3, routingId: 1, isDestroyed: () => false } as unknown as WebFrameMain;
    expect(describeDownload(item, contents, sameIdsObject, contents).frame).toBe('main');
    const subframe = { parent: mainFrame, processId: 3, routingId: 2, isDestroyed: () => false } as unknown as WebFrameMain;
    expect(describeDownload(item, contents, subframe, contents).frame).toBe('subframe');
    expect(describeDownload(item, contents, null, contents).frame).toBe('gone');
    const disposed = { get parent(): never { throw new Error('Render frame was disposed') }, isDestroyed: () => false } as unknown as WebFrameMain;
    expect(describeDownload(item, contents, disposed, contents).frame).toBe('gone');
    expect(describeDownload(item, fakeWindow(8).contents, mainFrame, contents).fromAppWindow).toBe(false);
    expect(describeDownload(item, contents, mainFrame, null).fromAppWindow).toBe(false);
  });
});

describe('applyDownloadPolicy', () => {
  let folder: string | null = null;
  afterEach(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
    folder = null;
  });

  /** A file as Chromium leaves a finished download: mode 0644 under the usual umask. */
  async function downloadedFile(): Promise<string> {
    folder = await mkdtemp(join(tmpdir(), 'keystash-download-'));
    const saved = join(folder, RECOVERY_CODES_FILE_NAME);
    await writeFile(saved, 'codes');
    await chmod(saved, 0o644);
    return saved;
  }

  function install(platform: NodeJS.Platform) {
    const session = new EventEmitter();
    const window = fakeWindow();
    const refused: string[] = [];
    const errors: unknown[] = [];
    applyDownloadPolicy(session as unknown as Session, {
      appContents: () => window.contents,
      trustedOrigins: trusted,
      defaultDirectory: () => '/home/ada/Documents',
      platform,
      onRefused: (reason) => refused.push(reason),
      onError: (error) => errors.push(error),
    });
    const start = (item: FakeItem, contents = window.contents) => {
      const preventDefault = vi.fn();
      session.emit('will-download', { preventDefault }, item, contents, window.mainFrame);
      return preventDefault;
    };
    return { start, refused, errors };
  }

  it('cancels every other download, and says why without the URL', () => {
    const policy = install('linux');
    const item = fakeItem('https://evil.example/payload.sh?token=secret', 'https://evil.example');
    expect(policy.start(item)).toHaveBeenCalled();
    expect(item.setSaveDialogOptions).not.toHaveBeenCalled();
    expect(policy.refused).toHaveLength(1);
    expect(policy.refused.join()).not.toContain('token');
  });

  it('lets our own blob through with the save dialog, and makes the saved file 0600', async () => {
    const saved = await downloadedFile();
    const policy = install('linux');
    const item = fakeItem(ours.url, 'app://keystash', saved);
    expect(policy.start(item)).not.toHaveBeenCalled();
    expect(item.setSaveDialogOptions).toHaveBeenCalledWith(recoveryCodesSaveDialog('/home/ada/Documents'));
    item.emit('done', {}, 'completed');
    await vi.waitFor(async () => expect((await stat(saved)).mode & 0o777).toBe(0o600));
    expect(policy.errors).toEqual([]);
  });

  it('does the same for a backup: its own save dialog, and 0600 once saved', async () => {
    const saved = await downloadedFile();
    const policy = install('linux');
    const item = fakeItem(ours.url, 'app://keystash', saved, 'keystash-backup-2026-05-01.ksbackup');
    expect(policy.start(item)).not.toHaveBeenCalled();
    expect(item.setSaveDialogOptions).toHaveBeenCalledWith(saveDialogFor('keystash-backup-2026-05-01.ksbackup', '/home/ada/Documents'));
    item.emit('done', {}, 'completed');
    await vi.waitFor(async () => expect((await stat(saved)).mode & 0o777).toBe(0o600));
  });

  it('leaves the mode alone when the download did not complete, and on Windows', async () => {
    const saved = await downloadedFile();
    const linux = install('linux');
    const cancelled = fakeItem(ours.url, 'app://keystash', saved);
    linux.start(cancelled);
    cancelled.emit('done', {}, 'cancelled');
    const windows = install('win32');
    const completed = fakeItem(ours.url, 'app://keystash', saved);
    windows.start(completed);
    expect(completed.listenerCount('done')).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await stat(saved)).mode & 0o777).toBe(0o644);
  });

  it('reports a chmod that fails', async () => {
    const policy = install('linux');
    const item = fakeItem(ours.url, 'app://keystash', join(tmpdir(), 'keystash-no-such-folder', RECOVERY_CODES_FILE_NAME));
    policy.start(item);
    item.emit('done', {}, 'completed');
    await vi.waitFor(() => expect(policy.errors).toHaveLength(1));
  });
});
