import type { Command } from 'commander';
import { identifyValue } from '../../core/detect';
import { suggestEnvVar } from '../../core/keys/env-var';
import { collect, withCodeOption } from '../command-kit';
import type { CliContext } from '../context';
import { CliError, fromApiError } from '../errors';
import { EXIT } from '../exit-codes';
import { printable } from '../io/output';
import { readSecretValue } from '../io/secret-input';
import { ensureUnlocked, type CodeOptions } from '../session';

interface AddOptions extends CodeOptions {
  envVar?: string;
  tag?: string[];
  notes?: string;
  provider?: string;
}

export function registerAdd(program: Command, ctx: CliContext): void {
  withCodeOption(
    program
      .command('add')
      .argument('<name>', 'a name for the key, e.g. "Stripe live"')
      .description('add a key; its value comes from stdin (piped, or typed hidden), never from the command line')
      .option('--env-var <VAR>', "environment variable it is exported as (default: the provider's usual one, or from NAME, e.g. STRIPE_LIVE)")
      .option('--tag <tag>', 'a tag (repeat for more)', collect)
      .option('--notes <text>', 'free-form notes (not secret)')
      .option('--provider <name>', 'who issued the key, e.g. Stripe (default: recognised from the value)'),
  ).action((name: string, options: AddOptions) => runAdd(ctx, name, options));
}

async function runAdd(ctx: CliContext, name: string, options: AddOptions): Promise<void> {
  await ensureUnlocked(ctx, options);
  // Refuse a taken or invalid name before the user types or pastes the value.
  const existing = await ctx.attempt('getKey', { key: { name } });
  if (existing.ok) {
    throw new CliError(
      `A key named "${printable(existing.value.name)}" already exists. Choose another name, or use \`keystash rotate\` to change its value.`,
      EXIT.usage,
    );
  }
  if (existing.error.code !== 'NOT_FOUND') throw fromApiError(existing.error);

  const secret = await readSecretValue(ctx.io, `Value for ${printable(name)}`);
  // What the value's shape says (provider, its SDKs' env var, a tag like "live"); the user's flags win.
  const identity = identifyValue(secret);
  const envVar = options.envVar !== undefined ? options.envVar || null : identity?.envVar ?? (suggestEnvVar(name) || null);
  const provider = options.provider ?? identity?.provider;
  const key = await ctx.call('createKey', {
    name,
    secret,
    envVar,
    tags: [...(options.tag ?? []), ...(identity?.tag ? [identity.tag] : [])],
    ...(options.notes !== undefined ? { notes: options.notes } : {}),
    ...(provider !== undefined ? { provider } : {}),
  });
  const recognised = identity && options.provider === undefined ? ` (recognised as ${printable(identity.provider)})` : '';
  ctx.output.note(`Added ${printable(key.name)}${key.envVar ? ` as $${key.envVar}` : ''}${recognised}.`);
}
