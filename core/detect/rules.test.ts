import { describe, expect, it } from 'vitest';
import { ENV_VAR_PATTERN } from '../keys/key-record';
import { detectSecrets } from './detect';
import { RULES } from './rules';

describe('the rule table', () => {
  it('has unique ids, a valid envVar and samples of both kinds for every rule', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) {
      expect(rule.id, rule.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(rule.envVar, rule.id).toMatch(ENV_VAR_PATTERN);
      expect(rule.pattern.flags, rule.id).toContain('g');
      expect(rule.samples.positives.length, rule.id).toBeGreaterThan(0);
      expect(rule.samples.negatives.length, rule.id).toBeGreaterThan(0);
      for (const keyword of rule.keywords) expect(keyword, rule.id).toBe(keyword.toLowerCase());
    }
  });

  it('covers every provider the issue lists', () => {
    const providers = new Set(RULES.map((r) => r.provider));
    for (const provider of [
      'AWS', 'GitHub', 'GitLab', 'Stripe', 'Slack', 'Google', 'OpenAI', 'Anthropic', 'Twilio', 'SendGrid', 'Mailgun',
      'npm', 'PyPI', 'Hugging Face', 'Shopify', 'DigitalOcean', 'Azure Storage', 'JWT', 'Private key', 'Generic',
    ]) {
      expect(providers, provider).toContain(provider);
    }
  });

  describe.each(RULES.map((rule) => [rule.id, rule] as const))('%s', (_id, rule) => {
    it.each(rule.samples.positives.map((s, i) => [i, s] as const))('finds positive sample %i', (_i, sample) => {
      const found = detectSecrets(sample).filter((f) => f.ruleId === rule.id);
      expect(found, sample.slice(0, 60)).toHaveLength(1);
    });

    it.each(rule.samples.negatives.map((s, i) => [i, s] as const))('ignores negative sample %i', (_i, sample) => {
      expect(detectSecrets(sample).filter((f) => f.ruleId === rule.id)).toEqual([]);
    });
  });
});
