import { LIMITS } from '../keys/key-record';
import type { ScanFinding } from './scan-tree';
import { nameKey } from '../keys/label-text';

/** One key to create from a scan: a distinct value, named and described, without the value itself. */
export interface PlannedKey {
  fingerprint: string;
  name: string;
  envVar: string;
  /** Null for the generic rule: "Generic" is no one's provider. */
  provider: string | null;
  tags: string[];
  notes: string;
  ruleId: string;
  masked: string;
  /** Every place the value was found, first one first. */
  locations: { path: string; line: number; column: number }[];
}

export interface ImportPlanOptions {
  /** Names already in the vault; names are unique regardless of case. */
  takenNames: Iterable<string>;
  /** Tags for every key, besides the rule's own. */
  tags?: readonly string[];
}

const LOCATIONS_IN_NOTES = 10;
const GENERIC_RULE = 'generic-secret';

/**
 * Turns findings into keys to create: one per distinct value (by fingerprint), named after the
 * provider and the first file it was found in ("Stripe (src/config.ts)"), made unique against the
 * vault and each other with " 2", " 3"..., with the rule's envVar and tag and a note saying where
 * it was found. Shared by `keystash scan --import` and, later, the window's "Import selected".
 */
export function planImport(findings: readonly ScanFinding[], options: ImportPlanOptions): PlannedKey[] {
  const taken = new Set([...options.takenNames].map(nameKey));
  const byValue = new Map<string, ScanFinding[]>();
  for (const finding of findings) {
    const group = byValue.get(finding.fingerprint);
    if (group) group.push(finding);
    else byValue.set(finding.fingerprint, [finding]);
  }
  const plan: PlannedKey[] = [];
  for (const [fingerprint, group] of byValue) {
    const first = group[0]!;
    const label = first.ruleId === GENERIC_RULE ? first.envVar : first.provider;
    const name = uniqueName(label, first.path, taken);
    taken.add(nameKey(name));
    plan.push({
      fingerprint,
      name,
      envVar: first.envVar,
      provider: first.ruleId === GENERIC_RULE ? null : first.provider,
      tags: uniqueTags([...(options.tags ?? []), ...(first.tag ? [first.tag] : [])]),
      notes: notesFor(first.ruleId, group),
      ruleId: first.ruleId,
      masked: first.masked,
      locations: group.map(({ path, line, column }) => ({ path, line, column })),
    });
  }
  return plan;
}

function uniqueName(label: string, path: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` ${n}`;
    const name = fitName(label, path, suffix);
    if (!taken.has(nameKey(name))) return name;
  }
}

/** `Label (path)suffix` within the name limit, shortening the path from the left if it must. */
function fitName(label: string, path: string, suffix: string): string {
  const room = LIMITS.nameMax - label.length - suffix.length - 3;
  const shown = path.length <= room ? path : `…${path.slice(path.length - Math.max(room - 1, 1))}`;
  return `${label} (${shown})${suffix}`.slice(0, LIMITS.nameMax);
}

function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((tag) => {
    const key = tag.trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function notesFor(ruleId: string, group: readonly ScanFinding[]): string {
  const where = (f: ScanFinding) => `${f.path}:${f.line}`;
  const listed = group.slice(0, LOCATIONS_IN_NOTES).map(where).join(', ');
  const more = group.length > LOCATIONS_IN_NOTES ? ` and ${group.length - LOCATIONS_IN_NOTES} more places` : '';
  return `Imported by keystash scan (rule ${ruleId}): found in ${listed}${more}.`.slice(0, LIMITS.notesMax);
}
