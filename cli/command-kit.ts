import { InvalidArgumentError, type Command } from 'commander';

/** The option every command that opens the vault takes, for when no session is open. */
export function withCodeOption(command: Command): Command {
  return command.option('--code <code>', 'authenticator code, used only if Keystash is locked (or set KEYSTASH_CODE)');
}

/** For repeatable options: `--tag a --tag b` → ['a', 'b']. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** A parser for options that take a whole number; commander reports a bad one as a usage error (exit 2). */
export function wholeNumber(what: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`${what} must be a whole number.`);
    return Number(value.trim());
  };
}
