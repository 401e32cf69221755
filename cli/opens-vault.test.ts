import { describe, expect, it } from 'vitest';
import { CLEAR_HELPER_COMMAND } from './clipboard/clear-helper-command';
import { opensVault } from './opens-vault';

describe('which arguments start the keychain reads early', () => {
  it('a command that opens the vault does', () => {
    expect(opensVault(['get', 'OPENAI_API_KEY'])).toBe(true);
    expect(opensVault(['list', '--json'])).toBe(true);
    expect(opensVault(['run', '--tag', 'prod', '--', 'node', 'server.js', '--help'])).toBe(true);
  });

  it('help, the version, a bare keystash and the clipboard helper do not', () => {
    expect(opensVault([])).toBe(false);
    expect(opensVault(['--help'])).toBe(false);
    expect(opensVault(['-V'])).toBe(false);
    expect(opensVault(['help', 'get'])).toBe(false);
    expect(opensVault(['get', '--help'])).toBe(false);
    expect(opensVault(['run', '-h', '--', 'true'])).toBe(false);
    expect(opensVault([CLEAR_HELPER_COMMAND, '20'])).toBe(false);
  });
});
