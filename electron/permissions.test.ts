import type { Session } from 'electron';
import { describe, expect, it } from 'vitest';
import { applyPermissionPolicy, isPermissionGranted, PERMISSION_ALLOWLIST, type PermissionName } from './permissions';
import { APP_ORIGIN } from './renderer-origin';

const DEV_ORIGIN = 'http://localhost:5173';
const trusted = [APP_ORIGIN];
const ownMainFrame = { requestingUrl: 'app://keystash/index.html', isMainFrame: true };
const allPermissions = Object.keys(PERMISSION_ALLOWLIST);
const CLIPBOARD_WRITE = 'clipboard-sanitized-write';
const deniedPermissions = allPermissions.filter((permission) => permission !== CLIPBOARD_WRITE);

describe('the permission policy', () => {
  it('grants exactly one permission on the list: clipboard writes from the enrolment screens', () => {
    expect(allPermissions.length).toBeGreaterThan(40);
    expect(allPermissions.filter((permission) => PERMISSION_ALLOWLIST[permission as PermissionName])).toEqual([CLIPBOARD_WRITE]);
    expect(isPermissionGranted({ permission: CLIPBOARD_WRITE, ...ownMainFrame }, trusted)).toBe(true);
    for (const permission of deniedPermissions) {
      expect(isPermissionGranted({ permission, ...ownMainFrame }, trusted), permission).toBe(false);
    }
  });

  it('denies what is not on the list', () => {
    for (const permission of ['camera', 'microphone', 'clipboard-write', 'bluetooth', '', '__proto__', 'constructor', 'toString']) {
      expect(isPermissionGranted({ permission, ...ownMainFrame }, trusted), permission).toBe(false);
    }
  });

  it('keeps reading the clipboard denied', () => {
    expect(PERMISSION_ALLOWLIST['clipboard-read']).toBe(false);
    expect(PERMISSION_ALLOWLIST['deprecated-sync-clipboard-read']).toBe(false);
  });

  it('grants clipboard writes only to the main frame of our own origin', () => {
    const ask = (requestingUrl: string | undefined, isMainFrame = true, requestingOrigin?: string) =>
      isPermissionGranted({ permission: CLIPBOARD_WRITE, requestingUrl, isMainFrame, requestingOrigin }, trusted);
    expect(ask('app://keystash/index.html')).toBe(true);
    expect(ask('app://keystash/index.html', true, 'app://keystash/')).toBe(true);
    expect(ask('app://keystash/index.html', true, 'app://keystash')).toBe(true);
    expect(ask('app://keystash/index.html', false)).toBe(false);
    expect(ask(undefined)).toBe(false);
    const foreignUrls = [
      'https://evil.example/',
      'app://keystash.evil/index.html',
      'app://evil/index.html',
      'about:blank',
      'blob:app://keystash/x',
      'file:///tmp/index.html',
      'http://localhost:5173/',
    ];
    for (const url of foreignUrls) {
      expect(ask(url), url).toBe(false);
    }
    // A check whose origin disagrees with the frame's URL is not trusted either way round.
    expect(ask('app://keystash/index.html', true, 'https://evil.example/')).toBe(false);
    expect(ask('app://keystash/index.html', true, 'null')).toBe(false);
  });

  it('grants clipboard writes to the dev server only when that origin is trusted (unpackaged)', () => {
    const ask = { permission: CLIPBOARD_WRITE, requestingUrl: `${DEV_ORIGIN}/`, isMainFrame: true };
    expect(isPermissionGranted(ask, trusted)).toBe(false);
    expect(isPermissionGranted(ask, [APP_ORIGIN, DEV_ORIGIN])).toBe(true);
    expect(isPermissionGranted({ ...ask, isMainFrame: false }, [APP_ORIGIN, DEV_ORIGIN])).toBe(false);
  });
});

type Handler<K extends keyof Session> = NonNullable<Parameters<Extract<Session[K], (...args: never[]) => unknown>>[0]>;

describe('applyPermissionPolicy', () => {
  it('installs the policy as request and check handlers, and refuses devices', () => {
    const installed: {
      request?: Handler<'setPermissionRequestHandler'>;
      check?: Handler<'setPermissionCheckHandler'>;
      device?: Handler<'setDevicePermissionHandler'>;
    } = {};
    applyPermissionPolicy(
      {
        setPermissionRequestHandler: (handler) => void (installed.request = handler ?? undefined),
        setPermissionCheckHandler: (handler) => void (installed.check = handler ?? undefined),
        setDevicePermissionHandler: (handler) => void (installed.device = handler ?? undefined),
      },
      trusted,
    );
    const { request, check, device } = installed;
    if (!request || !check || !device) throw new Error('a handler was not installed');

    const contents = {} as Parameters<typeof request>[0];
    const answer = (permission: PermissionName, frame: { requestingUrl: string; isMainFrame: boolean }, origin: string) => {
      const answers: boolean[] = [];
      request(contents, permission, (granted) => answers.push(granted), { ...frame });
      expect(answers, permission).toHaveLength(1);
      return { request: answers[0], check: check(contents, permission, origin, { ...frame }) };
    };
    for (const permission of deniedPermissions as PermissionName[]) {
      expect(answer(permission, ownMainFrame, APP_ORIGIN), permission).toEqual({ request: false, check: false });
    }
    expect(answer(CLIPBOARD_WRITE, ownMainFrame, 'app://keystash/')).toEqual({ request: true, check: true });
    const subframe = { requestingUrl: 'app://keystash/index.html', isMainFrame: false };
    expect(answer(CLIPBOARD_WRITE, subframe, 'app://keystash/')).toEqual({ request: false, check: false });
    const foreign = { requestingUrl: 'https://evil.example/', isMainFrame: true };
    expect(answer(CLIPBOARD_WRITE, foreign, 'https://evil.example/')).toEqual({ request: false, check: false });
    expect(device({} as Parameters<typeof device>[0])).toBe(false);
  });
});
