import { beforeAll, describe, expect, it } from 'vitest';
import { Authenticator, useCliSandbox, type CliSandbox } from './test/cli-harness';
import { CTRL_C, ENTER, runInTerminal } from './test/terminal-session';

/**
 * The interactive paths, on a real pseudo-terminal: init with its QR code and code prompt, values
 * typed hidden (never echoed), the unlock prompt, the delete confirmation and Ctrl-C at a prompt.
 */
describe('keystash on a terminal', () => {
  const currentSandbox = useCliSandbox();
  let sandbox: CliSandbox;
  let authenticator: Authenticator;
  const typedValue = 'AKIAFAKE0EXAMPLE-typed-by-hand';

  beforeAll(() => {
    sandbox = currentSandbox();
  });

  it('init shows a QR code and the grouped secret, asks for a code, and prints 10 recovery codes', async () => {
    const run = await runInTerminal(sandbox, ['init'], [
      {
        waitFor: /Enter the code the app shows for Keystash: /,
        type: async (screen) => {
          const uri = /otpauth URI: (otpauth:\/\/\S+)/.exec(screen)?.[1];
          if (!uri) throw new Error(`no URI on screen:\n${screen}`);
          authenticator = Authenticator.fromUri(uri);
          // The hand-entry form is the same secret in groups of four.
          expect(screen).toContain(authenticator.secret.match(/.{1,4}/g)!.join(' '));
          return `${await authenticator.currentCode()}${ENTER}`;
        },
      },
    ]);
    expect(run.code).toBe(0);
    expect(run.screen).toMatch(/[▀▄█]{10,}/); // the terminal QR code
    expect(run.screen).toContain('Keystash is set up and unlocked.');
    const codes = run.screen.match(/^\s+[A-Z0-9]{5}-[A-Z0-9]{5}\s*$/gm) ?? [];
    expect(codes).toHaveLength(10);
    expect(run.screen).toContain('shown only now');
  });

  it('add reads the value hidden: the terminal never shows it', async () => {
    const run = await runInTerminal(sandbox, ['add', 'AWS dev'], [
      { waitFor: /Value for AWS dev \(input hidden, Enter to finish\): /, type: `${typedValue}${ENTER}` },
    ]);
    expect(run.code).toBe(0);
    expect(run.screen).toContain('Added AWS dev as $AWS_DEV.');
    expect(run.screen).not.toContain(typedValue);
    expect((await sandbox.ok(['get', 'AWS dev'])).stdout).toBe(typedValue);
  });

  it('get on a terminal ends the value with a newline', async () => {
    const run = await runInTerminal(sandbox, ['get', 'AWS dev'], []);
    expect(run.screen).toBe(`${typedValue}\r\n`);
  });

  it('Ctrl-C at the hidden prompt cancels with exit 130 and adds nothing', async () => {
    const run = await runInTerminal(sandbox, ['add', 'Cancelled key'], [
      { waitFor: /input hidden/, type: `half-typed${CTRL_C}` },
    ]);
    expect(run.code).toBe(130);
    expect(run.screen).toContain('keystash: Cancelled; nothing was changed.');
    expect(run.screen).not.toContain('half-typed');
    expect((await sandbox.run(['get', 'Cancelled key'])).code).toBe(5);
  });

  it('a locked vault asks for a code on the terminal, then runs the command', async () => {
    await sandbox.ok(['lock']);
    const run = await runInTerminal(sandbox, ['list'], [
      { waitFor: /Code from your authenticator app: /, type: '123' + ENTER },
      { waitFor: /authenticator code is 6 digits[\s\S]*Code from your authenticator app: /, type: async () => `${await authenticator.nextCode()}${ENTER}` },
    ]);
    expect(run.code).toBe(0);
    expect(run.screen).toMatch(/AWS dev\s+AWS_DEV/);
  });

  it('rm asks to type y: anything else deletes nothing (exit 1), y deletes', async () => {
    const declined = await runInTerminal(sandbox, ['rm', 'AWS dev'], [{ waitFor: /Type y to confirm: /, type: `n${ENTER}` }]);
    expect(declined.code).toBe(1);
    expect(declined.screen).toContain('Nothing was deleted.');
    const confirmed = await runInTerminal(sandbox, ['rm', 'AWS dev'], [{ waitFor: /Type y to confirm: /, type: `y${ENTER}` }]);
    expect(confirmed.code).toBe(0);
    expect(confirmed.screen).toContain('Deleted AWS dev.');
    expect((await sandbox.run(['get', 'AWS dev'])).code).toBe(5);
  });
});
