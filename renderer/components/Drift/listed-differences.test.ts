import { describe, expect, it } from 'vitest';
import { listedDifferences } from './listed-differences';

const opened = {
  missingValues: [{ id: 'a', name: 'Old Mailgun' }],
  orphanedValues: [{ account: 'key:x' }],
  checkedAt: 1,
};

describe('the differences an open review lists', () => {
  it('keeps every row it opened with when a later check no longer reports them (just repaired)', () => {
    const afterRepairs = { missingValues: [], orphanedValues: [], checkedAt: 2 };
    expect(listedDifferences(opened, afterRepairs)).toBe(opened);
  });

  it('appends a difference a later check found, after the rows already shown', () => {
    const later = { missingValues: [{ id: 'b', name: 'Twilio' }], orphanedValues: [{ account: 'key:x' }, { account: 'key:y' }], checkedAt: 2 };
    expect(listedDifferences(opened, later)).toEqual({
      missingValues: [
        { id: 'a', name: 'Old Mailgun' },
        { id: 'b', name: 'Twilio' },
      ],
      orphanedValues: [{ account: 'key:x' }, { account: 'key:y' }],
      checkedAt: 2,
    });
  });
});
