import { describe, expect, it } from 'vitest';
import { planImport } from './import-plan';
import type { ScanFinding } from './scan-tree';

const finding = (overrides: Partial<ScanFinding>): ScanFinding => ({
  path: 'src/config.ts',
  line: 1,
  column: 1,
  ruleId: 'stripe-secret-live',
  provider: 'Stripe',
  envVar: 'STRIPE_SECRET_KEY',
  tag: 'live',
  masked: 'sk_l*** (32 chars)',
  fingerprint: 'aaaaaaaaaaaaaaaa',
  ...overrides,
});

describe('planImport', () => {
  it('makes one key per distinct value, named after the provider and the first file', () => {
    const plan = planImport(
      [
        finding({ line: 3 }),
        finding({ path: 'deploy/.env', line: 7 }),
        finding({ fingerprint: 'bbbbbbbbbbbbbbbb', line: 9, tag: 'test', ruleId: 'stripe-secret-test' }),
      ],
      { takenNames: [], tags: ['from-scan'] },
    );
    expect(plan.map(({ name, envVar, provider, tags }) => ({ name, envVar, provider, tags }))).toEqual([
      { name: 'Stripe (src/config.ts)', envVar: 'STRIPE_SECRET_KEY', provider: 'Stripe', tags: ['from-scan', 'live'] },
      { name: 'Stripe (src/config.ts) 2', envVar: 'STRIPE_SECRET_KEY', provider: 'Stripe', tags: ['from-scan', 'test'] },
    ]);
    expect(plan[0]!.notes).toBe('Imported by keystash scan (rule stripe-secret-live): found in src/config.ts:3, deploy/.env:7.');
    expect(plan[0]!.locations).toHaveLength(2);
  });

  it('steps around names already in the vault, whatever their case', () => {
    const plan = planImport([finding({})], { takenNames: ['stripe (SRC/config.ts)', 'Stripe (src/config.ts) 2'] });
    expect(plan[0]!.name).toBe('Stripe (src/config.ts) 3');
  });

  it('names a generic finding after its variable and leaves its provider empty', () => {
    const [planned] = planImport([finding({ ruleId: 'generic-secret', provider: 'Generic', envVar: 'DB_PASSWORD', tag: null })], {
      takenNames: [],
    });
    expect(planned).toMatchObject({ name: 'DB_PASSWORD (src/config.ts)', provider: null, tags: [] });
  });

  it('keeps names within the limit by shortening the path from the left', () => {
    const path = `${'deeply/nested/'.repeat(12)}settings.py`;
    const [planned] = planImport([finding({ path })], { takenNames: [] });
    expect(planned!.name.length).toBeLessThanOrEqual(100);
    expect(planned!.name).toMatch(/^Stripe \(….*settings\.py\)$/);
  });

  it('does not repeat a tag the rule also gives, and lists at most ten places in the notes', () => {
    const many = Array.from({ length: 14 }, (_, i) => finding({ line: i + 1 }));
    const [planned] = planImport(many, { takenNames: [], tags: ['LIVE'] });
    expect(planned!.tags).toEqual(['LIVE']);
    expect(planned!.notes).toMatch(/src\/config\.ts:10 and 4 more places\.$/);
  });
});
