/**
 * Shannon entropy in bits per character. Random tokens score high (base64 ≈ 5+, hex ≈ 3.7–4 for 32+
 * characters), words and repeated placeholders low: the generic rule uses it to tell a key from a
 * name. Counts UTF-16 code units; secrets are ASCII, and anything else only lowers the score.
 */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
