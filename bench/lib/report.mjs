// The results: bench/results.json (every sample) and a markdown table (stdout and bench/RESULTS.md).
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** Where RESULTS.md's hand-written evidence for missed targets starts; a new run keeps it. */
const EVIDENCE_MARK = '<!-- evidence: kept by npm run bench -->';

export function keptEvidence(file) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const at = text.indexOf(EVIDENCE_MARK);
  return at === -1 ? `\n${EVIDENCE_MARK}\n` : `\n${text.slice(at)}`;
}

export function machine() {
  const list = cpus();
  return { cores: list.length, cpu: list[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform} ${process.arch}` };
}

const fmt = (value, unit) => (value === null || value === undefined ? '—' : `${unit === 'ms' ? value.toFixed(1) : value.toFixed(unit === 'MB' ? 1 : 0)} ${unit}`);
const STATUS = { pass: 'met', miss: '**missed**', info: 'no target', 'n/a': 'not measured' };

export function markdownTable(results) {
  const { machine: m, date, mode, seconds, droppedVariables = [] } = results;
  const dropped = droppedVariables.length > 0 ? ` ${droppedVariables.join(' and ')} ${droppedVariables.length > 1 ? 'were' : 'was'} set, and removed for every timed process (bench/lib/timed-env.mjs).` : '';
  const lines = [
    `## Keystash benchmarks — ${date.slice(0, 10)}, ${mode} run`,
    '',
    `${m.cores} cores (${m.cpu}), Node ${m.node}, ${m.platform}; the whole run took ${Math.round(seconds)} s. Every figure is a median; its baseline was measured in the same run, interleaved with it.${dropped}`,
    '',
    '| figure | Keystash (median) | baseline in the same run (median) | ratio | target | |',
    '|---|---|---|---|---|---|',
  ];
  for (const f of results.figures) {
    const baseline = f.baseline ? `${f.baseline.label}: ${fmt(f.baseline.median, f.unit)}` : '—';
    const ratio = f.ratio === null ? '—' : `${f.ratio.toFixed(2)}×`;
    const subject = f.worst !== undefined ? `${fmt(f.median, f.unit)} (worst ${fmt(f.worst, f.unit)})` : fmt(f.median, f.unit);
    lines.push(`| ${f.figure} | ${subject} | ${baseline} | ${ratio} | ${f.target} | ${STATUS[f.status]} |`);
  }
  const notes = results.figures.filter((f) => f.notes.length > 0);
  if (notes.length > 0) {
    lines.push('', 'Notes:');
    for (const f of notes) lines.push(`- ${f.figure}: ${f.notes.join('; ')}`);
  }
  return `${lines.join('\n')}\n`;
}
