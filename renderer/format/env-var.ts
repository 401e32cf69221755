/**
 * Mirrors the contract's rule for an environment variable name, for a hint while typing only; the
 * vault's answer is the one that counts.
 */
export const ENV_VAR_HINT_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** "Stripe live" → STRIPE_LIVE; "2FA key" → _2FA_KEY; "Café" → CAFE. */
export function suggestEnvVar(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (words === '') return '';
  return /^[0-9]/.test(words) ? `_${words}` : words;
}
