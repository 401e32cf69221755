/**
 * Values that have the shape of a key but are documentation, templates or fillers. A scanner that
 * reports AWS's own AKIAIOSFODNN7EXAMPLE trains people to ignore it, so these are never reported.
 */

/**
 * Providers mark their documentation keys with EXAMPLE (AWS: AKIAIOSFODNN7EXAMPLE and
 * wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY), and test suites mark theirs with FAKE or DUMMY
 * (sk_live_FAKE...). A random key spelling "example" in any case, or FAKE or DUMMY in capitals,
 * is vanishingly unlikely (about 1 in 10^5 for a 40-character key), so these are never reported.
 */
export function isDocumentationExample(secret: string): boolean {
  return /example/i.test(secret) || /FAKE|DUMMY/.test(secret);
}

/**
 * Six of one character in a row: XXXXXXXX fillers and T00000000/B00000000 Slack samples. In a
 * random base62 key such a run has odds of about 1 in 10^8 per position.
 */
export function hasFillerRun(secret: string): boolean {
  return /(.)\1{5}/.test(secret);
}

/** Words that mark a value in an assignment as a template, not a key (generic rule only). */
const PLACEHOLDER_WORDS =
  /example|sample|dummy|placeholder|changeme|change[_-]me|your[_-]?(?:api[_-]?)?(?:key|token|secret|password)|^your[_-]|replace[_-]?me|redacted|insert[_-]|xxxx|\*\*\*\*|todo|fixme|lorem|foobar|(?:^|[_-])(?:test|fake)(?:[_-]|$)/i;

/** Template and interpolation syntax: ${VAR}, {{ var }}, <your-key>, %(name)s, $VAR. */
const TEMPLATE_SYNTAX = /\$\{|\{\{|\}\}|^<.*>$|%\(|^\$[A-Za-z_]|keystash:\/\//;

/** Reads the value from somewhere else: process.env.X, os.environ["X"], getenv(...). */
const INDIRECTION = /process\.env|import\.meta\.env|os\.environ|getenv|env\(|secrets\./i;

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER_WORDS.test(value) || TEMPLATE_SYNTAX.test(value) || INDIRECTION.test(value);
}
