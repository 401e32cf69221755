import { basename } from 'node:path';
import type { Command } from 'commander';
import type { KeySummary } from '../../core/api/results';
import { environmentNames } from '../../core/env/environment-names';
import { isVaultError } from '../../core/errors';
import { findReferences, replaceReferences, type ReferenceOccurrence } from '../../core/refs/find-references';
import { MIN_MASKED_LENGTH } from '../../core/run/stream-masker';
import { collect, withCodeOption } from '../command-kit';
import type { CliContext } from '../context';
import { usageError } from '../errors';
import { printable } from '../io/output';
import { resolveReferences, type ReferenceSite } from '../refs/resolve-references';
import { runChild } from '../run/child-process';
import { hasSelection, selectKeys } from '../selection/select-keys';
import type { CodeOptions } from '../session';

interface RunOptions extends CodeOptions {
  tag?: string[];
  key?: string[];
  envFile?: string;
  mask?: boolean;
  /** commander's --no-inherit */
  inherit: boolean;
}

const RUN_HELP = `
Each selected key is set under its environment variable (see \`keystash list\`). Later sources win:
  the inherited environment  <  --env-file values  <  --tag / --key keys
A value that holds keystash://NAME references (in --env-file or in the inherited environment) gets
them resolved; other values pass through unchanged. With --mask, values in the program's output are
shown as <concealed by keystash> (values under ${MIN_MASKED_LENGTH} characters are left alone, with a warning).

Example:
  keystash run --tag stripe --env-file .env -- node app.js`;

export function registerRun(program: Command, ctx: CliContext): void {
  withCodeOption(
    program
      .command('run')
      .argument('<command...>', 'the program and its arguments, after --')
      .description('run a program with keys in its environment (values never appear in argv or files)')
      .option('--tag <tag>', 'pass every key with this tag (repeat to add more tags)', collect)
      .option('--key <name>', 'pass this key (repeat for more)', collect)
      .option('--env-file <file>', 'load a .env file and resolve the keystash:// references in it')
      .option('--mask', "replace values in the program's stdout and stderr with <concealed by keystash>")
      .option('--no-inherit', 'start from an empty environment plus PATH and HOME'),
  )
    .addHelpText('after', RUN_HELP)
    .action((command: string[], options: RunOptions) => runProgram(ctx, command, options));
}

async function runProgram(ctx: CliContext, command: string[], options: RunOptions): Promise<void> {
  const [program, ...args] = command;
  if (!program) throw usageError('Give the program to run after --, e.g. `keystash run --tag api -- node app.js`.');
  const selection = { tags: options.tag ?? [], names: options.key ?? [] };
  if (!hasSelection(selection) && options.envFile === undefined) {
    throw usageError('Select what to pass: --tag TAG, --key NAME or --env-file FILE.');
  }
  // Loaded only for --env-file: the .env scanner is most of the run command's own start-up.
  const file = options.envFile === undefined ? null : await (await import('../env/env-file')).loadEnvFile(options.envFile);
  const inherited = options.inherit ? inheritedEnvironment(ctx.env) : minimalEnvironment(ctx.env);
  const byVar = hasSelection(selection) ? keysByVariable(await selectKeys(ctx, options, selection, 'created')) : new Map<string, KeySummary>();

  // Only values that end up in the environment are resolved: one a later source replaces is not.
  const templated = new Map<string, { value: string; occurrences: ReferenceOccurrence[] }>();
  const sites: ReferenceSite[] = [];
  const consider = (variable: string, value: string, where: (o: ReferenceOccurrence) => string) => {
    const occurrences = findReferences(value);
    if (occurrences.length === 0) return;
    templated.set(variable, { value, occurrences });
    sites.push({ where, occurrences });
  };
  for (const [variable, value] of Object.entries(inherited)) {
    if (value !== undefined && !byVar.has(variable) && !file?.scanned.values.has(variable)) consider(variable, value, () => `$${variable} (inherited environment)`);
  }
  for (const [variable, entry] of file?.scanned.values ?? []) {
    if (!byVar.has(variable)) consider(variable, entry.value, () => `${printable(file!.path)}:${entry.line}`);
  }
  const referenced = await resolveReferences(ctx, options, sites);

  const ids = [...new Set([...[...byVar.values()].map((k) => k.id), ...[...referenced.values()].map((k) => k.id)])];
  const values = new Map<string, string>();
  if (ids.length > 0) {
    const { secrets } = await ctx.call('readSecrets', { keys: ids.map((id) => ({ id })), purpose: 'run', command: basename(program) });
    for (const { id, value } of secrets) values.set(id, value);
  }

  const env: NodeJS.ProcessEnv = { ...inherited };
  for (const [variable, entry] of file?.scanned.values ?? []) env[variable] = entry.value;
  for (const [variable, { value, occurrences }] of templated) {
    env[variable] = replaceReferences(value, occurrences, (o) => values.get(referenced.get(o)!.id)!);
  }
  for (const [variable, key] of byVar) {
    if (file?.scanned.values.has(variable)) ctx.output.note(`note: $${variable} comes from the key "${printable(key.name)}", not from ${printable(file.path)}.`);
    env[variable] = values.get(key.id)!;
  }
  for (const [variable, value] of Object.entries(env)) {
    if (value?.includes('\0')) throw usageError(`$${variable} holds a NUL character, which no environment variable can carry.`);
  }
  if (options.mask) warnUnmasked(ctx, values, [...byVar.values(), ...referenced.values()]);
  await ctx.output.flush();

  const outcome = await runChild(program, args, {
    env,
    maskValues: options.mask ? [...values.values()] : null,
    stdout: ctx.io.stdout,
    stderr: ctx.io.stderr,
  });
  if ('spawnError' in outcome) {
    const notFound = outcome.spawnError.code === 'ENOENT';
    ctx.output.error(`${notFound ? 'command not found' : 'cannot run'}: ${printable(program)}${notFound ? '' : ` (${outcome.spawnError.code ?? 'error'})`}`);
    ctx.exitCode = notFound ? 127 : 126; // what a shell answers
    return;
  }
  ctx.exitCode = outcome.exitCode;
}

function keysByVariable(keys: readonly KeySummary[]): Map<string, KeySummary> {
  try {
    return environmentNames(keys);
  } catch (error) {
    if (isVaultError(error)) throw usageError(error.message);
    throw error;
  }
}

/** Everything keystash was given, except the one-time unlock code, which the program has no use for. */
function inheritedEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { KEYSTASH_CODE: _code, ...rest } = env;
  return rest;
}

function minimalEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...(env.PATH !== undefined ? { PATH: env.PATH } : {}),
    ...(env.HOME !== undefined ? { HOME: env.HOME } : {}),
  };
}

function warnUnmasked(ctx: CliContext, values: ReadonlyMap<string, string>, keys: readonly KeySummary[]): void {
  const short = [...new Map(keys.map((k) => [k.id, k])).values()].filter((k) => [...(values.get(k.id) ?? '')].length < MIN_MASKED_LENGTH);
  for (const key of short) {
    ctx.output.note(`warning: the value of "${printable(key.name)}" is shorter than ${MIN_MASKED_LENGTH} characters, so --mask leaves it alone.`);
  }
}
