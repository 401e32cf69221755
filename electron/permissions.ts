import type { Session } from 'electron';
import { originOf } from './renderer-origin';

type PermissionRequestHandler = NonNullable<Parameters<Session['setPermissionRequestHandler']>[0]>;
export type PermissionName = Parameters<PermissionRequestHandler>[1];

/**
 * Every permission a page can ask Electron 45 for, and whether Keystash's page gets it (Electron
 * security checklist item 5; Signal-Desktop's app/permissions keeps the same kind of list). The
 * Record is exhaustive on purpose: when Electron adds a permission, the typecheck fails here until
 * someone decides about it. Without a handler Electron grants every request, so both the request and
 * the check handler are installed.
 *
 * Keystash's page needs one: clipboard-sanitized-write (navigator.clipboard.writeText), for the two
 * copies that enrolment makes of things that are not vault values, the TOTP setup key and the
 * recovery codes ("Copy all"). It is granted only to our own origin's main frame (below), and Chromium
 * lets only a focused page use it. Values never take this path: they go from
 * the keychain to the clipboard in main (copyKey), which marks them concealed and clears them after
 * N seconds. Reading the clipboard stays denied. Typing, Ctrl+C and Ctrl+V inside text fields need no
 * permission and keep working.
 */
export const PERMISSION_ALLOWLIST: Readonly<Record<PermissionName, boolean>> = Object.freeze({
  'clipboard-sanitized-write': true, // enrolment's setup key and recovery codes, not vault values (main's copyKey does those); script-src 'self' leaves no injected script to use it
  'clipboard-read': false, // the page never reads the clipboard; it would see whatever was copied elsewhere
  'deprecated-sync-clipboard-read': false, // same as clipboard-read, older API
  media: false, // no camera or microphone: the TOTP secret is shown as a QR code, never scanned
  'display-capture': false, // screen capture would defeat content protection on the window
  'captured-surface-control': false, // only meaningful with display-capture
  notifications: false, // nothing to notify; lock and clipboard events are shown in the window
  openExternal: false, // links leave the app only from main, after a user click (issue 5), never at the page's word
  fullscreen: false, // nothing to show fullscreen; a fullscreen page can imitate system dialogs
  'automatic-fullscreen': false, // as fullscreen
  pointerLock: false, // no game-like input
  keyboardLock: false, // would let the page swallow system shortcuts such as the screen-lock key
  geolocation: false, // no use for location
  'geolocation-approximate': false, // no use for location
  'idle-detection': false, // idle is measured by main and the vault session, not by the page
  'persistent-storage': false, // the page keeps nothing; vault data lives in the index and keychain
  'background-fetch': false, // the page makes no network requests
  'background-sync': false, // the page makes no network requests
  'periodic-background-sync': false, // the page makes no network requests
  'local-network': false, // the page makes no network requests
  'local-network-access': false, // the page makes no network requests
  'loopback-network': false, // the page makes no network requests
  'storage-access': false, // no third-party contexts to grant storage to
  'top-level-storage-access': false, // no third-party contexts to grant storage to
  fileSystem: false, // import and export go through main's dialogs, not the File System Access API
  'local-fonts': false, // the UI uses its own CSS fonts; font enumeration is a fingerprinting surface
  'window-management': false, // one window, placed by main
  'screen-wake-lock': false, // the app should let the screen lock (which also locks the vault)
  'system-wake-lock': false, // same reason
  midi: false, // no devices
  midiSysex: false, // no devices
  hid: false, // no devices
  serial: false, // no devices
  usb: false, // no devices
  'smart-card': false, // no devices
  nfc: false, // no devices
  sensors: false, // no devices
  'hand-tracking': false, // no XR
  ar: false, // no XR
  vr: false, // no XR
  mediaKeySystem: false, // no DRM media
  'speaker-selection': false, // no audio
  'payment-handler': false, // no payments
  'web-app-installation': false, // not a web app to install
  'web-printing': false, // nothing to print silently; a printed key list would be a plaintext copy
  unknown: false, // whatever Chromium could not name is refused
});

const GRANTED: ReadonlyMap<string, boolean> = new Map(Object.entries(PERMISSION_ALLOWLIST));

export interface PermissionAsk {
  permission: string;
  /** The URL of the frame asking; its origin must be one of ours even for an allowlisted name. */
  requestingUrl: string | undefined;
  /** Permission checks also name the requesting origin; when given, it must agree with the URL. */
  requestingOrigin?: string;
  isMainFrame: boolean;
}

/** Deny-by-default: only an allowlisted permission, asked by our own main frame, is granted. */
export function isPermissionGranted(ask: PermissionAsk, trustedOrigins: readonly string[]): boolean {
  if (GRANTED.get(ask.permission) !== true || !ask.isMainFrame) return false;
  const origin = ask.requestingUrl === undefined ? null : originOf(ask.requestingUrl);
  if (origin === null || !trustedOrigins.includes(origin)) return false;
  return ask.requestingOrigin === undefined || originOf(ask.requestingOrigin) === origin;
}

/** Installs the policy on a session: permission requests, permission checks, and device access. */
export function applyPermissionPolicy(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>,
  trustedOrigins: readonly string[],
): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionGranted({ permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame }, trustedOrigins));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionGranted(
      { permission, requestingUrl: details.requestingUrl, requestingOrigin, isMainFrame: details.isMainFrame },
      trustedOrigins,
    ),
  );
  // HID, serial and USB devices already granted through a picker would otherwise stay usable.
  session.setDevicePermissionHandler(() => false);
  // Left at Electron's defaults, which refuse: getDisplayMedia without a display-media handler, and
  // the select-hid-device, select-serial-port, select-usb-device and select-bluetooth-device pickers
  // without listeners (a listener that does not call preventDefault would pick the first device).
}
