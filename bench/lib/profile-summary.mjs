// The top frames of a V8 .cpuprofile (self time, and total time by script), for RESULTS.md's
// evidence on a missed target and for finding what to fix.
import { readFileSync } from 'node:fs';

export function summariseProfile(file, { top = 12 } = {}) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  const deltas = profile.timeDeltas;
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i] ?? 0)));
  const total = deltas.reduce((a, b) => a + b, 0);
  const frames = new Map();
  for (const [id, us] of selfUs) {
    const { callFrame: f } = byId.get(id);
    const where = `${f.functionName || '(anonymous)'} ${shortUrl(f.url)}:${f.lineNumber + 1}`;
    frames.set(where, (frames.get(where) ?? 0) + us);
  }
  return {
    totalMs: total / 1000,
    top: [...frames]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([frame, us]) => ({ frame, selfMs: Math.round(us / 100) / 10 })),
  };
}

const shortUrl = (url) => (url ? url.replace(/^.*\/(out|node_modules)\//, '$1/') : '(native)');

if (import.meta.filename === process.argv[1]) {
  const summary = summariseProfile(process.argv[2], { top: Number(process.argv[3] ?? 25) });
  console.log(`total ${summary.totalMs.toFixed(1)} ms`);
  for (const { frame, selfMs } of summary.top) console.log(`${String(selfMs).padStart(7)} ms  ${frame}`);
}
