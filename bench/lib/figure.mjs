// One row of the results table: a median next to its same-run baseline, and the target it is held to.
import { median, round } from './stats.mjs';

/**
 * target: { text, ratio?: number, below?: number, strict?: boolean } — `ratio` holds the ratio to
 * the baseline (≤, or < when strict), `below` holds the subject's median in ms (<). A target with
 * none of them is a figure reported for what it shows (how a cost grows), held to nothing: 'info'.
 */
export function figure({ id, title, unit = 'ms', samples, baseline = null, target, notes = [], extra = {} }) {
  const subjectMedian = Array.isArray(samples) ? median(samples) : samples;
  const baselineMedian = baseline ? (Array.isArray(baseline.samples) ? median(baseline.samples) : baseline.samples) : null;
  const ratio = baselineMedian ? subjectMedian / baselineMedian : null;
  const held = target.ratio !== undefined || target.below !== undefined || target.worstBelow !== undefined;
  let met = true;
  if (target.ratio !== undefined) met &&= ratio !== null && (target.strict ? ratio < target.ratio : ratio <= target.ratio);
  if (target.below !== undefined) met &&= subjectMedian < target.below;
  if (target.worstBelow !== undefined) met &&= Math.max(...samples) < target.worstBelow;
  return {
    id,
    figure: title,
    unit,
    median: round(subjectMedian),
    samples: Array.isArray(samples) ? samples.map((x) => round(x)) : [round(samples)],
    baseline: baseline
      ? {
          label: baseline.label,
          median: round(baselineMedian),
          samples: Array.isArray(baseline.samples) ? baseline.samples.map((x) => round(x)) : [round(baseline.samples)],
        }
      : null,
    ratio: ratio === null ? null : round(ratio, 3),
    target: target.text,
    status: !held ? 'info' : met ? 'pass' : 'miss',
    notes,
    ...extra,
  };
}

/** A row that could not be measured here (a peer tool not installed): reported, never a failure. */
export function notMeasured({ id, title, target, why }) {
  return { id, figure: title, unit: 'ms', median: null, samples: [], baseline: null, ratio: null, target: target.text, status: 'n/a', notes: [why] };
}
