/** Provider detection: the rule table, detection in text, and detection on entry. */
export { detectSecrets, identifyValue, type Finding, type Identification } from './detect';
export { shannonEntropy } from './entropy';
export { maskSecret } from './mask';
export type { DetectionRule } from './rule';
export { RULES } from './rules';
