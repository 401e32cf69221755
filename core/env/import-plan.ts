import { envVar as envVarSchema, keyName, secretValue, type ImportEntry } from '../api/schemas';
import { identifyValue } from '../detect';
import { looksLikeReference } from '../refs/reference';
import type { ScannedDotenv } from './dotenv-scan';

/** One variable of the file and what import will do with it, before anything is written. */
export interface ImportRow {
  variable: string;
  /** The line of the assignment that counts (the last one, as in dotenv). */
  line: number;
  /** Earlier lines that assign the same variable; dotenv ignores them, and so does import. */
  overriddenLines: number[];
  /** What is sent to importKeys; null when the row is skipped or fails here already. */
  entry: ImportEntry | null;
  status: 'import' | 'skipped' | 'failed';
  reason: string | null;
}

/**
 * Turns a scanned .env file into import rows: the key is named after the variable and exported
 * under it (the file says that is how the program reads it), the provider and a tag come from the
 * detectors (core/detect), and --tag tags are added. `skip` names variables that are settings
 * (PORT, NODE_ENV), which stay in the file as they are. Rows that
 * cannot become keys say why: an empty value, a value that is already a reference, a variable name
 * that no environment could use, a value too large for the keychain.
 * Shared by `keystash import` and (later) the app's Import .env… preview.
 */
export function planDotenvImport(scanned: ScannedDotenv, options: { tags: readonly string[]; skip?: readonly string[] }): ImportRow[] {
  const skip = new Set(options.skip ?? []);
  const linesOf = new Map<string, number[]>();
  for (const entry of scanned.entries) linesOf.set(entry.key, [...(linesOf.get(entry.key) ?? []), entry.line]);
  return [...scanned.values.values()].map(({ key: variable, value, line }) => {
    const row = { variable, line, overriddenLines: (linesOf.get(variable) ?? []).slice(0, -1) };
    const refuse = (status: 'skipped' | 'failed', reason: string): ImportRow => ({ ...row, entry: null, status, reason });
    if (skip.has(variable)) return refuse('skipped', 'left out on request (a setting, not a secret)');
    if (value === '') return refuse('skipped', 'empty value');
    if (looksLikeReference(value.trim())) return refuse('skipped', 'already a keystash:// reference');
    const name = keyName().safeParse(variable);
    if (!name.success) return refuse('failed', name.error.issues[0]?.message ?? 'not a valid key name');
    const envVar = envVarSchema().safeParse(variable);
    if (!envVar.success) return refuse('failed', 'not a valid environment variable name (letters, digits and _ only)');
    const secret = secretValue().safeParse(value);
    if (!secret.success) return refuse('failed', secret.error.issues[0]?.message ?? 'the value cannot be stored');
    if (value.includes('\0')) return refuse('failed', 'the value contains a NUL character, which the keychain cannot store');
    const identity = identifyValue(value);
    const tags = [...options.tags, ...(identity?.tag ? [identity.tag] : [])];
    return {
      ...row,
      entry: { name: name.data, secret: value, envVar: envVar.data, provider: identity?.provider ?? null, tags },
      status: 'import',
      reason: null,
    };
  });
}
