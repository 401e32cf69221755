/**
 * One detector in the table (rules.ts). A rule finds candidates with a regular expression and then
 * filters them: entropy, the line's context, a structural check. Samples sit next to each rule so
 * that a change to a pattern is tested against the shapes it was written for.
 */
export interface DetectionRule {
  /** Stable, kebab-case; printed by `keystash scan` and usable in allowlists. */
  id: string;
  /** Who issued the key, as the vault's provider field shows it. */
  provider: string;
  /** The environment variable the provider's own SDKs and docs read. */
  envVar: string;
  /** A tag suggested on import, e.g. "live" or "test" for Stripe. */
  tag?: string;
  description: string;
  /**
   * Lower-case strings, one of which every match contains: the pattern runs only on text that
   * contains one, which keeps a 10,000-file scan fast.
   */
  keywords: readonly string[];
  /** Global (`g`) pattern. The secret is the `secret` named group, or else the whole match. */
  pattern: RegExp;
  /** Minimum Shannon entropy (bits per character) of the secret. */
  minEntropy?: number;
  /** The line the secret starts on must also match this (for shapes too common on their own). */
  lineContext?: RegExp;
  /** With lineContext: the shape alone is distinctive enough for identifyValue. */
  identifyAlone?: boolean;
  /** Run-of-six check for placeholders (XXXXXX, 000000). Off where real values have runs (DER). */
  allowRuns?: boolean;
  /** A structural check on the candidate, e.g. a JWT header that decodes to JSON with "alg". */
  accept?: (secret: string, context: MatchContext) => boolean;
  /** The value to store, when the text holds it escaped (a PEM inside a JSON string). */
  normalize?: (secret: string) => string;
  /** An envVar read from the text itself (the generic rule: `DB_PASSWORD=...` → DB_PASSWORD). */
  envVarFor?: (context: MatchContext) => string | null;
  /** The catch-all rule: it yields to every provider rule that finds the same text. */
  generic?: boolean;
  samples: { positives: string[]; negatives: string[] };
}

export interface MatchContext {
  match: RegExpExecArray;
  text: string;
}

/** Characters that continue a token: a match must not start or end in the middle of one. */
const WORD = 'A-Za-z0-9_';

/**
 * `body` anchored to token boundaries, with the secret as the named group. `continues` lists the
 * characters (beyond letters, digits and _) that would make the candidate part of a longer token.
 */
export function token(body: string, continues = '-'): RegExp {
  const chars = `[${WORD}${escapeClass(continues)}]`;
  return new RegExp(`(?<!${chars})(?<secret>${body})(?!${chars})`, 'g');
}

function escapeClass(chars: string): string {
  return chars.replace(/[\]\\^-]/g, (c) => `\\${c}`);
}
