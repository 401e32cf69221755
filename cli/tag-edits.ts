import { usageError } from './errors';

export interface TagEdit {
  action: 'add' | 'remove';
  tag: string;
}

/** `--tag +T` adds T, `--tag -T` removes it; a bare `--tag T` adds it too. */
export function parseTagEdit(raw: string): TagEdit {
  const action = raw.startsWith('-') ? 'remove' : 'add';
  const tag = (raw.startsWith('+') || raw.startsWith('-') ? raw.slice(1) : raw).trim();
  if (tag === '') throw usageError(`--tag ${raw}: give a tag after the + or -.`);
  return { action, tag };
}

const tagKey = (tag: string) => tag.trim().toLocaleLowerCase('en-US');

/**
 * The key's new tag list: edits apply in order, compare case-insensitively like core does, keep the
 * existing spelling and order, and append new tags at the end.
 */
export function applyTagEdits(current: readonly string[], edits: readonly TagEdit[]): string[] {
  let tags = [...current];
  for (const { action, tag } of edits) {
    const present = tags.some((t) => tagKey(t) === tagKey(tag));
    if (action === 'remove') tags = tags.filter((t) => tagKey(t) !== tagKey(tag));
    else if (!present) tags.push(tag);
  }
  return tags;
}
