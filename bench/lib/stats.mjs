// Medians, and runs of a subject and its baselines interleaved (A B A B ...), so that drift on a
// shared machine hits every one of them alike.

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

export const round = (x, digits = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x);

/**
 * Runs every contender once per round, in rotating order, `rounds` times after `warmup` untimed
 * rounds. Each contender is an async function returning milliseconds. Returns samples per name.
 */
export async function interleave(contenders, { rounds, warmup = 1 }) {
  const names = Object.keys(contenders);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = -warmup; round < rounds; round++) {
    const order = names.map((_, i) => names[(i + Math.max(round, 0)) % names.length]);
    for (const name of order) {
      const ms = await contenders[name]();
      if (round >= 0) samples[name].push(ms);
    }
  }
  return samples;
}

/** Times an async function in milliseconds. */
export async function timed(fn) {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}
