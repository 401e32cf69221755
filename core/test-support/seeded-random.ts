/** A small deterministic PRNG for property-style tests: a failing case is reproduced from its seed. */
export function seededRandom(seed: number): (below: number) => number {
  let s = seed >>> 0 || 1;
  return (below) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % below;
  };
}
