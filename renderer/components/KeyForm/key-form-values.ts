import type { CreateKeyArgs, KeySummary, UpdateKeyArgs } from '../../api/types';
import { toDateInputValue } from '../../format/dates';
import { suggestEnvVar } from '../../format/env-var';

/** What the form's controls hold: strings for text fields, so an empty field is '' until it is sent. */
export interface KeyFormValues {
  name: string;
  secret: string;
  envVar: string;
  provider: string;
  tags: string[];
  notes: string;
  /** One scope per line. */
  scopes: string;
  url: string;
  rotateEveryDays: string;
  expiresAt: string;
}

export const FORM_FIELDS = ['name', 'secret', 'envVar', 'provider', 'tags', 'notes', 'scopes', 'url', 'rotateEveryDays', 'expiresAt'] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export function isFormField(field: string | null): field is FormField {
  return FORM_FIELDS.some((f) => f === field);
}

export function initialValues(key?: KeySummary): KeyFormValues {
  return {
    name: key?.name ?? '',
    secret: '',
    envVar: key?.envVar ?? '',
    provider: key?.provider ?? '',
    tags: key?.tags ?? [],
    notes: key?.notes ?? '',
    scopes: key?.scopes.join('\n') ?? '',
    url: key?.url ?? '',
    rotateEveryDays: key?.rotateEveryDays?.toString() ?? '',
    expiresAt: toDateInputValue(key?.expiresAt ?? null),
  };
}

/**
 * Whether the environment variable still follows the name. For a new key it does until the user
 * types in it; for an existing key only if it still equals what the old name would have suggested.
 */
export function envVarFollowsName(key?: KeySummary): boolean {
  if (!key) return true;
  return key.envVar === null ? false : key.envVar === suggestEnvVar(key.name);
}

function scopesOf(text: string): string[] {
  return text
    .split('\n')
    .map((scope) => scope.trim())
    .filter(Boolean);
}

function daysOf(text: string): number | null {
  if (text.trim() === '') return null;
  const days = Number(text);
  // Not rounded: a fraction goes to the vault as is, and its validation names the field.
  return Number.isFinite(days) ? days : null;
}

export function toCreateArgs(values: KeyFormValues): CreateKeyArgs {
  const args: CreateKeyArgs = { name: values.name, secret: values.secret, tags: values.tags, notes: values.notes, scopes: scopesOf(values.scopes) };
  if (values.envVar.trim()) args.envVar = values.envVar.trim();
  if (values.provider.trim()) args.provider = values.provider.trim();
  if (values.url.trim()) args.url = values.url.trim();
  const days = daysOf(values.rotateEveryDays);
  if (days !== null) args.rotateEveryDays = days;
  if (values.expiresAt) args.expiresAt = values.expiresAt;
  return args;
}

/** Only the fields that changed, so the audit log says what was edited. null clears a field. */
export function toUpdateArgs(key: KeySummary, values: KeyFormValues): UpdateKeyArgs {
  const before = initialValues(key);
  const args: UpdateKeyArgs = { key: { id: key.id } };
  if (values.name !== before.name) args.name = values.name;
  if (values.envVar.trim() !== before.envVar) args.envVar = values.envVar.trim() || null;
  if (values.provider.trim() !== before.provider) args.provider = values.provider.trim() || null;
  if (values.tags.join('\n') !== before.tags.join('\n')) args.tags = values.tags;
  if (values.notes !== before.notes) args.notes = values.notes;
  if (scopesOf(values.scopes).join('\n') !== scopesOf(before.scopes).join('\n')) args.scopes = scopesOf(values.scopes);
  if (values.url.trim() !== before.url) args.url = values.url.trim() || null;
  if (values.rotateEveryDays.trim() !== before.rotateEveryDays) args.rotateEveryDays = daysOf(values.rotateEveryDays);
  if (values.expiresAt !== before.expiresAt) args.expiresAt = values.expiresAt || null;
  return args;
}
