import { describe, expect, it } from 'vitest';
import { VaultError } from '../errors';
import { keychainLockedMessage, keychainUnavailableMessage, keytarLoadError, toKeychainError } from './keytar-errors';

// Native messages as keytar reported them on this machine (see keytar-keychain.test.ts), or as the
// OS documents them where we cannot run that OS.
const cases: Array<[string, NodeJS.Platform, string, string]> = [
  ['Could not connect: No such file or directory', 'linux', 'KEYCHAIN_UNAVAILABLE', keychainUnavailableMessage('linux')],
  ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'linux', 'KEYCHAIN_UNAVAILABLE', keychainUnavailableMessage('linux')],
  ['The name org.freedesktop.secrets was not provided by any .service files', 'linux', 'KEYCHAIN_UNAVAILABLE', keychainUnavailableMessage('linux')],
  ['GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: The name :1.7 was not provided', 'linux', 'KEYCHAIN_UNAVAILABLE', keychainUnavailableMessage('linux')],
  ['Cannot create an item in a locked collection', 'linux', 'KEYCHAIN_LOCKED', keychainLockedMessage('linux')],
  ['User interaction is not allowed.', 'darwin', 'KEYCHAIN_LOCKED', keychainLockedMessage('darwin')],
  ['User canceled the operation.', 'darwin', 'KEYCHAIN_LOCKED', keychainLockedMessage('darwin')],
  ['No keychain is available. You may need to restart your computer.', 'darwin', 'KEYCHAIN_UNAVAILABLE', keychainUnavailableMessage('darwin')],
  ['A specified logon session does not exist. It may already have been terminated.', 'win32', 'KEYCHAIN_UNAVAILABLE', keychainUnavailableMessage('win32')],
];

describe('keytar error mapping', () => {
  it.each(cases)('maps "%s" on %s', (native, platform, code, message) => {
    const error = toKeychainError(new Error(native), platform);
    expect(error).toBeInstanceOf(VaultError);
    expect(error).toMatchObject({ code, message });
  });

  it('points at a missing default keyring instead of a missing service', () => {
    const error = toKeychainError(new Error('Object does not exist at path “/org/freedesktop/secrets/collection/login”'), 'linux');
    expect(error.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(error.message).toMatch(/no default keyring/);
  });

  it('keeps only the first line of an unknown native message', () => {
    const error = toKeychainError(new Error('Something odd.\n    at native code'), 'linux');
    expect(error.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(error.message).toBe(
      'The system keychain failed (Something odd). Retry, and if it keeps failing restart the keychain service or log in again.',
    );
  });

  it('passes typed errors through and explains a missing native module', () => {
    const typed = new VaultError('INVALID_ARGUMENT', 'x');
    expect(toKeychainError(typed)).toBe(typed);
    const load = keytarLoadError(new Error("Cannot find module '../build/Release/keytar.node'"));
    expect(load.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(load.message).toContain('npm rebuild keytar');
  });
});
