import type { Command } from 'commander';
import { referenceFor, referenceForId } from '../../core/refs/reference';
import { withCodeOption } from '../command-kit';
import type { CliContext } from '../context';
import { callUnlocked, type CodeOptions } from '../session';

interface RefOptions extends CodeOptions {
  id?: boolean;
}

export function registerRef(program: Command, ctx: CliContext): void {
  withCodeOption(
    program
      .command('ref')
      .argument('<name>', 'the key')
      .description('print the keystash:// reference to a key, to put in a .env file or template instead of its value')
      .option('--id', 'refer to the key by id (keystash://id/UUID), which survives renaming it'),
  ).action(async (name: string, options: RefOptions) => {
    const key = await callUnlocked(ctx, options, 'getKey', { key: { name } });
    const reference = options.id ? referenceForId(key.id) : referenceFor(key.name);
    // Like `get`: exactly the reference into a pipe or $(...), a newline on a terminal.
    ctx.output.data(ctx.output.stdoutIsTerminal ? `${reference}\n` : reference);
  });
}
