import { CLEAR_HELPER_COMMAND } from './clipboard/clear-helper-command';

/**
 * Whether these arguments name a command that opens the vault at once, so its first keychain reads
 * are worth starting before the rest of the CLI loads. Not help, the version or a bare `keystash`,
 * and not the clipboard helper: it only waits to clear the clipboard, and must not hold the data key
 * while it waits. Arguments after `--` belong to the program `run` starts.
 */
export function opensVault(args: readonly string[]): boolean {
  const own = args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
  const command = own[0];
  if (command === undefined || command.startsWith('-') || command === 'help' || command === CLEAR_HELPER_COMMAND) return false;
  return !own.some((arg) => arg === '-h' || arg === '--help');
}

/**
 * Commands whose every vault call the running app's agent can answer (core/agent/agent-protocol.ts).
 * Only these look for it: any other command opens the vault itself anyway, and reads ahead for it.
 */
const ANSWERED_BY_AGENT = new Set(['get', 'run', 'inject', 'list']);

export function answeredByAgent(args: readonly string[]): boolean {
  return opensVault(args) && ANSWERED_BY_AGENT.has(args[0] ?? '');
}
