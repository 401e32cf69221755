import { Command } from 'commander';
import packageJson from '../package.json';
import { CLEAR_HELPER_COMMAND } from './clipboard/clear-helper-command';
import type { CliContext } from './context';
import { EXIT_CODES_HELP } from './exit-codes';

const ENVIRONMENT_HELP = `
Environment:
  KEYSTASH_CODE              authenticator code, used when a command finds Keystash locked
  KEYSTASH_HOME              the vault folder (default: the app's data folder)
  KEYSTASH_KEYCHAIN_SERVICE  the keychain service name (default: keystash)

Values are read from stdin only, never from arguments: \`printf %s "$VALUE" | keystash add NAME\`.`;

type Register = (program: Command, ctx: CliContext) => void;

/**
 * Every command, in help order, each loaded only when needed: `keystash get` in a script must not
 * pay for parsing the code of import, scan (the detectors) or init (qrcode). The build splits each
 * into its own chunk. The names must be the ones its register function gives its commands.
 */
const COMMANDS: readonly (readonly [readonly string[], () => Promise<Register>])[] = [
  [['init'], async () => (await import('./commands/init')).registerInit],
  [['unlock', 'lock'], async () => (await import('./commands/unlock')).registerUnlock],
  [['status'], async () => (await import('./commands/status')).registerStatus],
  [['add'], async () => (await import('./commands/add')).registerAdd],
  [['list'], async () => (await import('./commands/list')).registerList],
  [['get'], async () => (await import('./commands/get')).registerGet],
  [['copy'], async () => (await import('./commands/copy')).registerCopy],
  [['edit'], async () => (await import('./commands/edit')).registerEdit],
  [['rotate'], async () => (await import('./commands/rotate')).registerRotate],
  [['rm'], async () => (await import('./commands/rm')).registerRm],
  [['tags'], async () => (await import('./commands/tags')).registerTags],
  [['run'], async () => (await import('./commands/run')).registerRun],
  [['ref'], async () => (await import('./commands/ref')).registerRef],
  [['inject'], async () => (await import('./commands/inject')).registerInject],
  [['import'], async () => (await import('./commands/import')).registerImport],
  [['export'], async () => (await import('./commands/export')).registerExport],
  [['backup'], async () => (await import('./commands/backup')).registerBackup],
  [['restore'], async () => (await import('./commands/restore')).registerRestore],
  [['audit'], async () => (await import('./commands/audit')).registerAudit],
  [['doctor'], async () => (await import('./commands/doctor')).registerDoctor],
  [['scan'], async () => (await import('./commands/scan')).registerScan],
  [['settings'], async () => (await import('./commands/settings')).registerSettings],
  [[CLEAR_HELPER_COMMAND], async () => (await import('./commands/clipboard-helper')).registerClipboardHelper],
];

/**
 * The command tree for these arguments: only the named command when the first argument names one
 * (the common case), else all of them (help, version, a typo that deserves a suggestion).
 */
export async function buildProgram(ctx: CliContext, argv: readonly string[]): Promise<Command> {
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

  const named = COMMANDS.filter(([names]) => names.includes(argv[0] ?? ''));
  for (const [, load] of named.length > 0 ? named : COMMANDS) (await load())(program, ctx);
  return program;
}
