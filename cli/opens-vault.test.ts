import { describe, expect, it } from 'vitest';
import { CLEAR_HELPER_COMMAND } from './clipboard/clear-helper-command';
import { answeredByAgent, opensVault } from './opens-vault';

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

describe("which arguments look for the app's agent first", () => {
  it('the reads it answers do', () => {
    expect(answeredByAgent(['get', 'OPENAI_API_KEY'])).toBe(true);
    expect(answeredByAgent(['run', '--tag', 'prod', '--', 'node', 'server.js'])).toBe(true);
    expect(answeredByAgent(['inject', '-i', 'config.tpl'])).toBe(true);
    expect(answeredByAgent(['list', '--json'])).toBe(true);
  });

  it('commands that write, unlock, copy or only print help do not', () => {
    for (const args of [['add', 'X'], ['unlock'], ['lock'], ['copy', 'X'], ['import', '.env'], ['status'], ['get', '--help'], []]) {
      expect(answeredByAgent(args)).toBe(false);
    }
  });
});
