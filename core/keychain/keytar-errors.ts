import { VaultError } from '../errors';

/**
 * keytar rejects with plain Errors whose message is whatever the OS said. This turns them into the
 * typed errors the Keychain port promises, with one sentence that tells the user what to do.
 * The native text never contains the value (the OS does not echo it back), and is kept only where
 * no known pattern matched, so a support request still says what happened.
 */

type Platform = NodeJS.Platform;

export function keychainUnavailableMessage(platform: Platform = process.platform): string {
  switch (platform) {
    case 'darwin':
      return 'No keychain is reachable. Open Keychain Access, make sure a default login keychain exists, and retry.';
    case 'win32':
      return 'Windows Credential Manager is not reachable. Sign in to Windows interactively (services and some remote sessions have no Credential Manager) and retry.';
    default:
      return 'No keychain service is reachable. On Linux install and start a Secret Service such as gnome-keyring (apt install gnome-keyring libsecret-1-0) and log in to a desktop session, or run under scripts/with-keyring.';
  }
}

export function keychainLockedMessage(platform: Platform = process.platform): string {
  switch (platform) {
    case 'darwin':
      return 'The login keychain is locked or access was denied. Unlock it in Keychain Access (or log in again), allow Keystash when asked, and retry.';
    case 'win32':
      return 'Windows Credential Manager refused access. Sign in to Windows again and retry.';
    default:
      return 'The system keychain is locked. Unlock it (for example log in again, or open Seahorse / Keychain Access) and retry.';
  }
}

const NO_DEFAULT_KEYRING_MESSAGE =
  'The Secret Service has no default keyring. Create one (in Seahorse: File > New > Password Keyring, then "Set as default") and retry, or run under scripts/with-keyring.';

// Each pattern names the native message it stands for, as observed or as documented by the OS.
const LOCKED_PATTERNS: readonly RegExp[] = [
  /locked collection/i, // libsecret: "Cannot create an item in a locked collection"
  /locked object|is locked/i, // libsecret: "Cannot get secret of a locked object"
  /prompt.*dismissed|dismissed.*prompt|failed to unlock/i, // gnome-keyring unlock prompt closed
  /user interaction is not allowed/i, // macOS errSecInteractionNotAllowed: keychain locked, no UI
  /user canceled the operation/i, // macOS errSecUserCanceled: the unlock dialog was dismissed
  /passphrase you entered is not correct/i, // macOS errSecAuthFailed
];

const NO_DEFAULT_KEYRING_PATTERNS: readonly RegExp[] = [
  /object does not exist at path .*\/collection\//i, // gnome-keyring with no `login` collection
  /no such secret collection/i, // libsecret: the `default` alias points nowhere
];

const UNAVAILABLE_PATTERNS: readonly RegExp[] = [
  /org\.freedesktop\.secrets was not provided by any \.service files/i, // bus, but no Secret Service
  /cannot autolaunch d-bus/i, // no DBUS_SESSION_BUS_ADDRESS and no X11 $DISPLAY
  /autolaunch a dbus-daemon/i, // same, older GLib wording
  /could not connect/i, // DBUS_SESSION_BUS_ADDRESS points at a dead socket
  /org\.freedesktop\.dbus\.error/i, // ServiceUnknown, NoReply, Spawn.* and friends
  /did not receive a reply/i, // the Secret Service hangs (D-Bus timeout)
  /error spawning command line/i, // dbus-launch missing
  /no keychain is available/i, // macOS errSecNotAvailable
  /keychain could not be found/i, // macOS errSecNoSuchKeychain / errSecNoDefaultKeychain
  /logon session does not exist/i, // Windows ERROR_NO_SUCH_LOGON_SESSION (services, SSH)
];

export function toKeychainError(error: unknown, platform: Platform = process.platform): VaultError {
  if (error instanceof VaultError) return error;
  const reason = nativeReason(error);
  if (LOCKED_PATTERNS.some((pattern) => pattern.test(reason))) {
    return new VaultError('KEYCHAIN_LOCKED', keychainLockedMessage(platform));
  }
  if (NO_DEFAULT_KEYRING_PATTERNS.some((pattern) => pattern.test(reason))) {
    return new VaultError('KEYCHAIN_UNAVAILABLE', NO_DEFAULT_KEYRING_MESSAGE);
  }
  if (UNAVAILABLE_PATTERNS.some((pattern) => pattern.test(reason))) {
    return new VaultError('KEYCHAIN_UNAVAILABLE', keychainUnavailableMessage(platform));
  }
  return new VaultError(
    'KEYCHAIN_UNAVAILABLE',
    `The system keychain failed (${reason || 'no reason given'}). Retry, and if it keeps failing restart the keychain service or log in again.`,
  );
}

/** keytar's native module could not be loaded: not installed, built for another runtime, or no libsecret. */
export function keytarLoadError(error: unknown): VaultError {
  return new VaultError(
    'KEYCHAIN_UNAVAILABLE',
    `The keychain module (keytar) could not be loaded (${nativeReason(error) || 'no reason given'}). Reinstall Keystash; from a source checkout run "npm rebuild keytar" (Linux also needs libsecret-1-0).`,
  );
}

/** The first line of a native message, bounded, so a stack or a multi-line dump never reaches a user. */
function nativeReason(error: unknown): string {
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const trimmed = firstLine.trim().replace(/[.\s]+$/, '');
  return trimmed.length > 200 ? `${trimmed.slice(0, 200)}…` : trimmed;
}
