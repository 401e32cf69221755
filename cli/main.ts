import { createVaultKeychainReadingAhead } from '../core/keychain/vault-keychain';
import { findAgent } from './agent/agent-client';
import { describeUnexpected } from './errors';
import { EXIT } from './exit-codes';
import { answeredByAgent, opensVault } from './opens-vault';

/**
 * The `keystash` entry point. Before the rest of the CLI is loaded (commander, the contract's
 * schemas, the vault: tens of milliseconds), a command that opens the vault starts reading the two
 * keychain entries every vault operation begins with, so that loading and the Secret Service's
 * answer overlap (core/keychain/read-ahead.ts). The rest loads once keytar has the reads in hand:
 * setImmediate runs after the microtasks that load keytar and hand them over. With the app running,
 * its agent answers the reads instead, so there is nothing to read ahead: keytar is loaded only if
 * this process has to open the vault itself after all.
 */
const argv = process.argv.slice(2);
const agent = answeredByAgent(argv) ? findAgent(process.env) : null;
const keychain = opensVault(argv) && agent === null ? createVaultKeychainReadingAhead(process.env) : undefined;

function die(error: unknown): never {
  process.stderr.write(`keystash: ${describeUnexpected(error)}\n`);
  process.exit(EXIT.failure);
}

process.on('uncaughtException', die);
process.on('unhandledRejection', die);
// A reader that went away (`keystash list | head -1`) is not an error worth a crash.
process.stdout.on('error', () => undefined);

setImmediate(() => {
  // runCommand answers every failure itself; die covers what escapes it.
  import('./run-command').then(({ runCommand }) => runCommand(argv, keychain, agent)).then((code) => process.exit(code), die);
});

