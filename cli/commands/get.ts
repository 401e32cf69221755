import type { Command } from 'commander';
import { withCodeOption } from '../command-kit';
import type { CliContext } from '../context';
import { callUnlocked, type CodeOptions } from '../session';

export function registerGet(program: Command, ctx: CliContext): void {
  withCodeOption(
    program
      .command('get')
      .argument('<name>', 'the key')
      .description('print the value to stdout, for piping (no newline unless stdout is a terminal)'),
  ).action(async (name: string, options: CodeOptions) => {
    const { value } = await callUnlocked(ctx, options, 'readSecret', { key: { name } });
    // `$(keystash get X)` and pipes get exactly the value; a person at a terminal gets a tidy prompt.
    ctx.output.data(ctx.output.stdoutIsTerminal ? `${value}\n` : value);
  });
}
