import { Command } from 'commander';
import packageJson from '../package.json';
import { registerAdd } from './commands/add';
import { registerAudit } from './commands/audit';
import { registerBackup } from './commands/backup';
import { registerClipboardHelper } from './commands/clipboard-helper';
import { registerCopy } from './commands/copy';
import { registerDoctor } from './commands/doctor';
import { registerEdit } from './commands/edit';
import { registerExport } from './commands/export';
import { registerGet } from './commands/get';
import { registerImport } from './commands/import';
import { registerInit } from './commands/init';
import { registerInject } from './commands/inject';
import { registerList } from './commands/list';
import { registerRef } from './commands/ref';
import { registerRestore } from './commands/restore';
import { registerRm } from './commands/rm';
import { registerRotate } from './commands/rotate';
import { registerRun } from './commands/run';
import { registerScan } from './commands/scan';
import { registerSettings } from './commands/settings';
import { registerStatus } from './commands/status';
import { registerTags } from './commands/tags';
import { registerUnlock } from './commands/unlock';
import type { CliContext } from './context';
import { EXIT_CODES_HELP } from './exit-codes';

const ENVIRONMENT_HELP = `
Environment:
  KEYSTASH_CODE              authenticator code, used when a command finds Keystash locked
  KEYSTASH_HOME              the vault folder (default: the app's data folder)
  KEYSTASH_KEYCHAIN_SERVICE  the keychain service name (default: keystash)

Values are read from stdin only, never from arguments: \`printf %s "$VALUE" | keystash add NAME\`.`;

/**
 * The command tree. Registration is cheap: each command file loads core (through the context)
 * and anything heavy only when its action runs.
 */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('keystash')
    .description('API keys in your OS keychain, unlocked with a code from your authenticator app.')
    .version(packageJson.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .helpCommand('help [command]', 'show help for a command')
    // Commander must not call process.exit itself: main maps its usage errors to exit code 2.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.output.data(text),
      writeErr: (text) => ctx.output.diagnostic(text),
      outputError: (text, write) => write(`keystash: ${text.replace(/^error: /, '')}`),
    })
    .showSuggestionAfterError()
    .addHelpText('after', `${ENVIRONMENT_HELP}\n${EXIT_CODES_HELP}`);

  for (const register of [
    registerInit,
    registerUnlock,
    registerStatus,
    registerAdd,
    registerList,
    registerGet,
    registerCopy,
    registerEdit,
    registerRotate,
    registerRm,
    registerTags,
    registerRun,
    registerRef,
    registerInject,
    registerImport,
    registerExport,
    registerBackup,
    registerRestore,
    registerAudit,
    registerDoctor,
    registerScan,
    registerSettings,
    registerClipboardHelper,
  ]) {
    register(program, ctx);
  }
  return program;
}
