import type { Command } from 'commander';
import { withCodeOption } from '../command-kit';
import type { CliContext } from '../context';
import { printable } from '../io/output';
import { readSecretValue } from '../io/secret-input';
import { ensureUnlocked, type CodeOptions } from '../session';

export function registerRotate(program: Command, ctx: CliContext): void {
  withCodeOption(
    program
      .command('rotate')
      .argument('<name>', 'the key')
      .description('replace the value with a new one from stdin (piped, or typed hidden)'),
  ).action(async (name: string, options: CodeOptions) => {
    await ensureUnlocked(ctx, options);
    // An unknown name is reported before the new value is typed.
    const key = await ctx.call('getKey', { key: { name } });
    const secret = await readSecretValue(ctx.io, `New value for ${printable(key.name)}`);
    await ctx.call('rotateKey', { key: { id: key.id }, secret });
    ctx.output.note(`Rotated ${printable(key.name)}.`);
  });
}
