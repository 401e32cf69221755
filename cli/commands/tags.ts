import type { Command } from 'commander';
import { withCodeOption } from '../command-kit';
import type { CliContext } from '../context';
import { printable } from '../io/output';
import { renderTable } from '../io/table';
import { callUnlocked, type CodeOptions } from '../session';

interface TagsOptions extends CodeOptions {
  json?: boolean;
}

export function registerTags(program: Command, ctx: CliContext): void {
  const tags = withCodeOption(
    program
      .command('tags')
      .description('list tags with how many keys have each; `tags rename` and `tags rm` change them on every key')
      .option('--json', 'print machine-readable JSON'),
  ).action((options: TagsOptions) => listTags(ctx, options));

  // A parent's options are parsed wherever they appear, so the subcommands read --code merged
  // with the parent's (optsWithGlobals) and it works before or after their arguments.
  withCodeOption(
    tags
      .command('rename')
      .argument('<old>', 'the tag to rename')
      .argument('<new>', 'its new name; if another tag already has it, the two merge')
      .description('rename a tag on every key'),
  ).action(async (from: string, to: string, _options: CodeOptions, command: Command) => {
    const { renamed, merged } = await callUnlocked(ctx, command.optsWithGlobals(), 'renameTag', { from, to });
    ctx.output.note(
      `Renamed tag "${printable(from.trim())}" to "${printable(to.trim())}" on ${plural(renamed, 'key')}${merged ? ' (merged into the existing tag)' : ''}.`,
    );
  });

  withCodeOption(
    tags.command('rm').argument('<tag>', 'the tag').description('remove a tag from every key (the keys stay)'),
  ).action(async (tag: string, _options: CodeOptions, command: Command) => {
    const { removedFrom } = await callUnlocked(ctx, command.optsWithGlobals(), 'deleteTag', { tag });
    ctx.output.note(`Removed tag "${printable(tag.trim())}" from ${plural(removedFrom, 'key')}.`);
  });
}

async function listTags(ctx: CliContext, options: TagsOptions): Promise<void> {
  const { tags } = await callUnlocked(ctx, options, 'listTags', {});
  if (options.json) {
    ctx.output.json({ tags });
    return;
  }
  if (tags.length === 0) {
    ctx.output.note('No tags yet. Add one with `keystash edit NAME --tag +TAG`.');
    return;
  }
  ctx.output.lines(renderTable(['TAG', 'KEYS'], tags.map((t) => [printable(t.name), String(t.count)])));
}

export const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
