import { shannonEntropy } from './entropy';
import { hasFillerRun, isDocumentationExample } from './placeholders';
import type { DetectionRule } from './rule';
import { RULES } from './rules';

/** A secret found in a text. Offsets are in UTF-16 code units; line and column count from 1. */
export interface Finding {
  ruleId: string;
  provider: string;
  envVar: string;
  tag: string | null;
  /** The span of the secret in the text: [start, end). */
  start: number;
  end: number;
  line: number;
  column: number;
  /** The value to store: the matched text, unescaped where the text held it escaped (a PEM in JSON). */
  secret: string;
}

/** What detection on entry suggests for a value someone is adding or importing. */
export interface Identification {
  ruleId: string;
  provider: string;
  envVar: string;
  tag: string | null;
}

interface Candidate {
  rule: DetectionRule;
  priority: number;
  start: number;
  end: number;
  secret: string;
  envVar: string;
}

/** Each rule's pattern with the `d` flag, for the exact span of the secret group. */
const compiled = new WeakMap<DetectionRule, RegExp>();
function patternOf(rule: DetectionRule): RegExp {
  let pattern = compiled.get(rule);
  if (!pattern) {
    const flags = new Set(`${rule.pattern.flags}gd`);
    pattern = new RegExp(rule.pattern.source, [...flags].join(''));
    compiled.set(rule, pattern);
  }
  return pattern;
}

/**
 * Every secret in `text`, in order of position. Where rules find overlapping text, the one
 * earlier in the table wins and the generic rule yields to any provider rule.
 */
export function detectSecrets(text: string, rules: readonly DetectionRule[] = RULES): Finding[] {
  const candidates = findCandidates(text, rules, { inText: true });
  if (candidates.length === 0) return [];
  const kept = resolveOverlaps(candidates);
  const lines = lineStarts(text);
  return kept
    .sort((a, b) => a.start - b.start)
    .map((c) => {
      const { line, column } = position(lines, c.start);
      return {
        ruleId: c.rule.id,
        provider: c.rule.provider,
        envVar: c.envVar,
        tag: c.rule.tag ?? null,
        start: c.start,
        end: c.end,
        line,
        column,
        secret: c.secret,
      };
    });
}

/**
 * The provider, envVar and tag a value's shape suggests, for `keystash add` and .env import; null
 * when no provider rule recognises the whole value. The generic rule needs a name, so never applies.
 */
export function identifyValue(value: string, rules: readonly DetectionRule[] = RULES): Identification | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const usable = rules.filter((r) => !r.generic && (!r.lineContext || r.identifyAlone));
  const whole = findCandidates(trimmed, usable, { inText: false }).find(
    (c) => c.start === 0 && c.end === trimmed.length,
  );
  if (!whole) return null;
  return { ruleId: whole.rule.id, provider: whole.rule.provider, envVar: whole.envVar, tag: whole.rule.tag ?? null };
}

/**
 * `inText`: the keyword pre-filter and line context apply to text from a file; a lone value (on
 * entry) has no line to give context, and is too short for the pre-filter to save anything.
 */
interface Mode {
  inText: boolean;
}

/**
 * The keywords of every rule that occur in the text, found in one pass: checking each rule's
 * keywords with includes() would read the text once per keyword, some 60 times.
 */
interface KeywordIndex {
  pattern: RegExp;
  /** For each keyword, the keywords it contains ('sk_live_' contains 'sk'): a match counts for all. */
  implied: Map<string, string[]>;
}

const keywordIndexes = new WeakMap<readonly DetectionRule[], KeywordIndex>();
function keywordsIn(text: string, rules: readonly DetectionRule[]): Set<string> {
  let index = keywordIndexes.get(rules);
  if (!index) {
    const keywords = [...new Set(rules.flatMap((r) => r.keywords))].sort((a, b) => b.length - a.length);
    index = {
      pattern: new RegExp(keywords.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi'),
      implied: new Map(keywords.map((k) => [k, keywords.filter((other) => k.includes(other))])),
    };
    keywordIndexes.set(rules, index);
  }
  const present = new Set<string>();
  const { pattern, implied } = index;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    for (const keyword of implied.get(match[0].toLowerCase()) ?? []) present.add(keyword);
  }
  return present;
}

function findCandidates(text: string, rules: readonly DetectionRule[], mode: Mode): Candidate[] {
  const present = mode.inText ? keywordsIn(text, rules) : null;
  const found: Candidate[] = [];
  rules.forEach((rule, priority) => {
    if (present && !rule.keywords.some((keyword) => present.has(keyword))) return;
    const pattern = patternOf(rule);
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      if (match[0].length === 0) pattern.lastIndex++;
      const span = match.indices?.groups?.secret ?? match.indices?.[0];
      if (!span) continue;
      const [start, end] = span;
      const raw = text.slice(start, end);
      const secret = rule.normalize ? rule.normalize(raw) : raw;
      if (!passes(rule, secret, { match, text }, start, mode)) continue;
      const envVar = rule.envVarFor?.({ match, text }) ?? rule.envVar;
      found.push({ rule, priority, start, end, secret, envVar });
    }
  });
  return found;
}

function passes(
  rule: DetectionRule,
  secret: string,
  context: { match: RegExpExecArray; text: string },
  start: number,
  mode: Mode,
): boolean {
  if (isDocumentationExample(secret)) return false;
  if (!rule.allowRuns && hasFillerRun(secret)) return false;
  if (rule.minEntropy !== undefined && shannonEntropy(secret) < rule.minEntropy) return false;
  if (mode.inText && rule.lineContext && !rule.lineContext.test(lineAround(context.text, start))) return false;
  return rule.accept ? rule.accept(secret, context) : true;
}

/** How far either side of a match a line's context is read: minified files have megabyte lines. */
const CONTEXT_CHARS = 200;

/** The line a match starts on, cut to CONTEXT_CHARS either side of it. */
function lineAround(text: string, offset: number): string {
  const from = Math.max(0, offset - CONTEXT_CHARS);
  const window = text.slice(from, offset + CONTEXT_CHARS);
  const at = offset - from;
  const newlineAfter = window.indexOf('\n', at);
  return window.slice(window.lastIndexOf('\n', at - 1) + 1, newlineAfter === -1 ? window.length : newlineAfter);
}

function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  const byPriority = [...candidates].sort(
    (a, b) => Number(a.rule.generic ?? false) - Number(b.rule.generic ?? false) || a.priority - b.priority || a.start - b.start,
  );
  const kept: Candidate[] = [];
  for (const candidate of byPriority) {
    if (!kept.some((k) => candidate.start < k.end && k.start < candidate.end)) kept.push(candidate);
  }
  return kept;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function position(starts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
}
