import type { Session } from 'electron';
import { describe, expect, it } from 'vitest';
import { applyPermissionPolicy, isPermissionGranted, PERMISSION_ALLOWLIST, type PermissionName } from './permissions';
import { APP_ORIGIN } from './renderer-origin';

const trusted = [APP_ORIGIN];
const ownMainFrame = { requestingUrl: 'app://keystash/index.html', isMainFrame: true };
const allPermissions = Object.keys(PERMISSION_ALLOWLIST);

describe('the permission policy', () => {
  it('grants nothing on the list, even to our own main frame', () => {
    expect(allPermissions.length).toBeGreaterThan(40);
    for (const permission of allPermissions) {
      expect(isPermissionGranted({ permission, ...ownMainFrame }, trusted), permission).toBe(false);
    }
  });

  it('denies what is not on the list', () => {
    for (const permission of ['camera', 'microphone', 'clipboard-write', 'bluetooth', '', '__proto__', 'constructor', 'toString']) {
      expect(isPermissionGranted({ permission, ...ownMainFrame }, trusted), permission).toBe(false);
    }
  });

  it('keeps clipboard writes from the page denied: copies go through main', () => {
    expect(PERMISSION_ALLOWLIST['clipboard-sanitized-write']).toBe(false);
    expect(PERMISSION_ALLOWLIST['clipboard-read']).toBe(false);
  });
});

type Handler<K extends keyof Session> = NonNullable<Parameters<Extract<Session[K], (...args: never[]) => unknown>>[0]>;

describe('applyPermissionPolicy', () => {
  it('installs deny-by-default request, check and device handlers', () => {
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
    for (const permission of allPermissions as PermissionName[]) {
      const answers: boolean[] = [];
      request(contents, permission, (granted) => answers.push(granted), { ...ownMainFrame });
      expect(answers, permission).toEqual([false]);
      expect(check(contents, permission, APP_ORIGIN, { ...ownMainFrame }), permission).toBe(false);
    }
    expect(device({} as Parameters<typeof device>[0])).toBe(false);
  });
});
