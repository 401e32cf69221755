/** "Stripe live" → STRIPE_LIVE; "2fa token" → _2FA_TOKEN. Used when the user gives no env var. */
export function suggestEnvVar(name: string): string {
  const upper = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  if (!upper) return '';
  return /^[0-9]/.test(upper) ? `_${upper}` : upper;
}
