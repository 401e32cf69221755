import * as z from '../zod';
import { keyRecordSchema } from '../keys/key-record';
import { hasIndexShape } from './index-shape';

export const CURRENT_SCHEMA = 1;

export const DEFAULT_SETTINGS = { autoLockMinutes: 5, clipboardClearSeconds: 20 } as const;

const settingsSchema = z.lazySchema(() =>
  z.strictObject({
    autoLockMinutes: z.number().check(z.int(), z.minimum(1), z.maximum(240)),
    clipboardClearSeconds: z.number().check(z.int(), z.minimum(0), z.maximum(300)),
  }),
);

export const indexDataSchema = z.lazySchema(() =>
  z.strictObject({
    schema: z.literal(CURRENT_SCHEMA),
    keys: z.array(keyRecordSchema()),
    settings: settingsSchema(),
  }),
);

export type IndexData = z.infer<ReturnType<typeof indexDataSchema>>;

export function emptyIndex(): IndexData {
  return { schema: CURRENT_SCHEMA, keys: [], settings: { ...DEFAULT_SETTINGS } };
}

/**
 * Migrations from each older schema to the next, applied in order on read. The file is rewritten in
 * the new schema only on the next write, so merely opening an old vault never modifies it.
 * Schema 1 is the first; add `2: (v1) => v2` here when the shape changes.
 */
const migrations: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {};

export class SchemaTooNewError extends Error {}

/**
 * The index as read from its file: migrated to the current schema, then checked. A current-schema
 * file passes hasIndexShape (why it needs no zod: index-shape.ts); anything else, a migrated file
 * included, is checked by the full schema, and a file that fails either is refused.
 */
export function migrateIndex(raw: unknown): IndexData {
  let data = raw as Record<string, unknown>;
  let schema = typeof data?.schema === 'number' ? data.schema : NaN;
  if (schema > CURRENT_SCHEMA) throw new SchemaTooNewError(`schema ${schema}`);
  if (schema === CURRENT_SCHEMA && hasIndexShape(data, (settings) => settingsSchema().safeParse(settings).success)) return data;
  while (schema < CURRENT_SCHEMA) {
    const step = migrations[schema + 1];
    if (!step) break;
    data = step(data);
    schema += 1;
  }
  return indexDataSchema().parse(data);
}

/** Throws (a zod $ZodError) before anything malformed is sealed into the file. */
export function checkedForWrite(data: IndexData): IndexData {
  return indexDataSchema().parse(data);
}
