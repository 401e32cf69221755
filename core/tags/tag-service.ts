import type { TagCount } from '../api/results';
import { VaultError } from '../errors';
import type { IndexStore } from '../index/index-store';
import { normaliseTags, tagKey } from './tag-rules';

// Made on first use: a process's first Intl.Collator costs some 6 ms (ICU start-up), which a
// command that never lists tags (`keystash get`) should not pay.
let tagCollator: Intl.Collator | undefined;

/** Tag operations across all keys. They touch only the index, never the keychain. */
export class TagService {
  constructor(
    private readonly index: IndexStore,
    private readonly now: () => number,
  ) {}

  async list(): Promise<TagCount[]> {
    const counts = new Map<string, TagCount>();
    for (const key of (await this.index.read()).keys) {
      for (const tag of key.tags) {
        const entry = counts.get(tagKey(tag)) ?? { name: tag, count: 0 };
        entry.count += 1;
        counts.set(tagKey(tag), entry);
      }
    }
    tagCollator ??= new Intl.Collator('en', { sensitivity: 'base' });
    const collator = tagCollator;
    return [...counts.values()].sort((a, b) => collator.compare(a.name, b.name));
  }

  /** Renames `from` to `to` on every key; where `to` already exists the two merge. */
  async rename(from: string, to: string): Promise<{ renamed: number; merged: boolean; ids: string[] }> {
    return this.index.update((data) => {
      const holders = data.keys.filter((k) => k.tags.some((t) => tagKey(t) === tagKey(from)));
      if (holders.length === 0) throw new VaultError('NOT_FOUND', `No key has the tag "${from.trim()}".`);
      const existing = data.keys.flatMap((k) => k.tags).find((t) => tagKey(t) === tagKey(to) && tagKey(t) !== tagKey(from));
      const target = existing ?? to.trim();
      const stamp = new Date(this.now()).toISOString();
      for (const key of holders) {
        key.tags = normaliseTags(
          key.tags.map((t) => (tagKey(t) === tagKey(from) ? target : t)),
          [target],
        );
        key.updatedAt = stamp;
      }
      return { renamed: holders.length, merged: existing !== undefined, ids: holders.map((k) => k.id) };
    });
  }

  async remove(tag: string): Promise<{ removedFrom: number }> {
    return this.index.update((data) => {
      const stamp = new Date(this.now()).toISOString();
      let removedFrom = 0;
      for (const key of data.keys) {
        const kept = key.tags.filter((t) => tagKey(t) !== tagKey(tag));
        if (kept.length !== key.tags.length) {
          key.tags = kept;
          key.updatedAt = stamp;
          removedFrom += 1;
        }
      }
      if (removedFrom === 0) throw new VaultError('NOT_FOUND', `No key has the tag "${tag.trim()}".`);
      return { removedFrom };
    });
  }
}
