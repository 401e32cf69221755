import { randomUUID } from 'node:crypto';
import type { RestoreOutcome } from '../api/results';
import type { IndexData } from '../index/index-schema';
import { LIMITS, type KeyRecord } from '../keys/key-record';
import { normaliseTags, tagKey } from '../tags/tag-rules';
import { nameKey } from '../keys/label-text';
import type { BackupKey } from './backup-contents';
import type { RestoreConflictAction } from './backup-limits';

/**
 * What a restore does with each key of a backup, decided against one read of the index. A key
 * whose name is free is restored under its own name, keeping its id when that id is free too (so
 * a backup restored into an empty vault gives back the same vault). A key whose name is taken
 * (names ignore case) is skipped, replaces the vault's key, or is restored as "Name (restored)".
 */
export interface RestoreStep {
  key: BackupKey;
  status: RestoreOutcome['status'];
  /** The id the key gets: its own, a new one, or (replaced, skipped) the vault key's. */
  id: string;
  /** The name it gets: its own, or "Name (restored N)"; for a skip, the vault key's. */
  name: string;
}

export function planRestore(
  keys: readonly BackupKey[],
  current: IndexData,
  onConflict: RestoreConflictAction,
  newId: () => string = randomUUID,
): RestoreStep[] {
  const byName = new Map(current.keys.map((k) => [nameKey(k.name), k]));
  const usedIds = new Set(current.keys.map((k) => k.id));
  // Names a renamed key must avoid: the vault's, and those the backup restores under their own name.
  const takenNames = new Set([...byName.keys(), ...keys.map((k) => nameKey(k.name))]);
  const freeId = (id: string) => (usedIds.has(id) ? newId() : id);
  return keys.map((key): RestoreStep => {
    const existing = byName.get(nameKey(key.name));
    if (!existing) return { key, status: 'restored', id: freeId(key.id), name: key.name };
    if (onConflict === 'skip') return { key, status: 'skipped', id: existing.id, name: existing.name };
    if (onConflict === 'replace') return { key, status: 'replaced', id: existing.id, name: key.name };
    const name = restoredName(key.name, takenNames);
    takenNames.add(nameKey(name));
    return { key, status: 'renamed', id: freeId(key.id), name };
  });
}

/** "Name (restored)", then "Name (restored 2)", ...; the name is shortened to keep within the limit. */
export function restoredName(name: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' (restored)' : ` (restored ${n})`;
    const candidate = `${shorten(name, LIMITS.nameMax - suffix.length)}${suffix}`;
    if (!taken.has(nameKey(candidate))) return candidate;
  }
}

function shorten(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const points = [...text];
  while (points.join('').length > maxLength) points.pop(); // whole code points: never half an emoji
  return points.join('').trimEnd();
}

/**
 * The index half of a restore, on a fresh copy of the index under the lock. Restored and renamed
 * keys are added with every field from the backup; a replaced key takes every field from the
 * backup but keeps its id. Tags take the spelling the vault already uses.
 */
export function applyRestore(data: IndexData, steps: readonly RestoreStep[], settings: IndexData['settings'] | null): void {
  const knownTags = new Map(data.keys.flatMap((k) => k.tags).map((t) => [tagKey(t), t]));
  const tagsFor = (tags: readonly string[]) => {
    const normalised = normaliseTags(tags, knownTags.values());
    for (const t of normalised) if (!knownTags.has(tagKey(t))) knownTags.set(tagKey(t), t);
    return normalised;
  };
  const recordFor = (step: RestoreStep): KeyRecord => {
    const { value: _value, ...fields } = step.key;
    return { ...fields, id: step.id, name: step.name, tags: tagsFor(fields.tags) };
  };
  for (const step of steps) {
    if (step.status === 'restored' || step.status === 'renamed') data.keys.push(recordFor(step));
    if (step.status === 'replaced') {
      const at = data.keys.findIndex((k) => k.id === step.id);
      if (at >= 0) data.keys[at] = recordFor(step);
    }
  }
  if (settings) data.settings = { ...settings };
}

/** The ids and names of a vault's keys: if another process changes them mid-restore, the plan is void. */
export function keyIdentities(data: IndexData): string {
  return data.keys
    .map((k) => `${k.id}\u0000${nameKey(k.name)}`)
    .sort()
    .join('\n');
}

export function outcomeOf(step: RestoreStep): RestoreOutcome {
  return {
    name: step.key.name,
    status: step.status,
    id: step.id,
    restoredAs: step.status === 'renamed' ? step.name : null,
    reason: step.status === 'skipped' ? `a key named "${step.name}" already exists` : null,
  };
}
