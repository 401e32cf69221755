import { config, never, ZodMiniObject } from 'zod/mini';
import { $constructor, $ZodObjectJIT, type $strict, type $ZodLooseShape, type util } from 'zod/v4/core';
import en from 'zod/v4/locales/en.js';

/**
 * zod for every runtime schema in core: `import * as z from '../zod'`, then zod/mini's functional
 * API (`z.string().check(z.maxLength(…))`, `z.optional(x)`, `z.extend(obj, {…})`).
 *
 * zod/mini, not classic `zod`: the CLI loads these schemas on every start, and classic cost some
 * 35–45 ms of it (its `z` namespace drags in all of classic, about 190 KB minified); mini builds
 * the same checks, which raise the same issues, in a fraction of that.
 *
 * Two things classic did that mini does not, done here so that nothing else changes:
 */

/**
 * 1. Messages. Mini ships none: without a locale, every issue that has no message of ours reads
 * "Invalid input". The dispatcher and the backup parser show zod's English messages ("Too big:
 * expected string to have <=128 characters"), so English is registered exactly as classic does on
 * its first schema: only when no locale is set already. Every module that builds a schema imports
 * this one, so it runs before any parse.
 */
if (!config().localeError) config(en());

/**
 * 2. Objects. Classic parses an object with generated code, which adds a property's issues one at a
 * time; mini's object adds them with one `push(...issues)`, which overflows the stack past some
 * 120,000 issues. importKeys or commitEnvImport with 10,000 entries that are each wrong in a dozen
 * fields (or a backup with that many broken keys) would then throw a RangeError instead of naming
 * the first problem. So strictObject, the only object the contract uses, is mini's object with
 * classic's parser ($ZodObjectJIT, which falls back to the plain one where eval is not allowed):
 * $ZodObjectJIT's init runs $ZodObject's, so ZodMiniObject's init then skips it and adds the rest.
 * z.extend and z.partial clone it with the same constructor, and instanceof ZodMiniObject holds.
 * (No params argument: no schema here passes one.)
 */
const ZodMiniObjectJIT = $constructor<ZodMiniObject>('ZodMiniObjectJIT', (inst, def) => {
  $ZodObjectJIT.init(inst, def);
  ZodMiniObject.init(inst, def);
});

export * from 'zod/mini';

export function strictObject<T extends $ZodLooseShape>(shape: T): ZodMiniObject<util.Writeable<T>, $strict> {
  return new ZodMiniObjectJIT({ type: 'object', shape, catchall: never() }) as ZodMiniObject<util.Writeable<T>, $strict>;
}

/**
 * A schema built on first use, then kept. The contract has some 60 schemas, and building them all
 * took every CLI start about 5 ms, while a command uses two or three.
 */
export function lazySchema<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => (built ??= build());
}
