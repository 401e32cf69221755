/**
 * How a found secret is shown anywhere: its first 4 characters and its length, e.g.
 * `sk_l*** (32 chars)`. Enough to recognise which key it is, far too little to use it. Shorter
 * values show proportionally less, and control characters are never echoed to a terminal.
 */
export function maskSecret(secret: string): string {
  const shown = Math.min(4, Math.floor(secret.length / 4));
  // eslint-disable-next-line no-control-regex
  const head = secret.slice(0, shown).replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return `${head}*** (${secret.length} chars)`;
}
