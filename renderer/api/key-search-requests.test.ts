import { describe, expect, it } from 'vitest';
import { isAllKeys, KeySearchRequests, type SearchAnswer } from './key-search-requests';
import type { KeyIdList, ListKeysArgs, Result } from './types';

/** A search whose answers the test releases one by one, in any order. */
function controlledSearch() {
  const sent: { args: ListKeysArgs; answer: (ids: string[]) => void }[] = [];
  const search = (args: ListKeysArgs) =>
    new Promise<Result<KeyIdList>>((resolve) => {
      sent.push({ args, answer: (ids) => resolve({ ok: true, value: { ids, total: ids.length } }) });
    });
  return { sent, search };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('KeySearchRequests', () => {
  it('delivers the answer to the latest request with the context it was made against', async () => {
    const { sent, search } = controlledSearch();
    const delivered: SearchAnswer<string>[] = [];
    const requests = new KeySearchRequests<string>(search, (answer) => delivered.push(answer));
    requests.request({ query: 'stripe' }, 'summaries-1');
    sent[0]!.answer(['a', 'b']);
    await settle();
    expect(delivered).toEqual([{ args: { query: 'stripe' }, context: 'summaries-1', result: { ok: true, value: { ids: ['a', 'b'], total: 2 } } }]);
  });

  it('drops an older answer that arrives after a newer request, however late', async () => {
    const { sent, search } = controlledSearch();
    const delivered: string[] = [];
    const requests = new KeySearchRequests<null>(search, ({ args }) => delivered.push(args.query ?? ''));
    requests.request({ query: 's' }, null);
    requests.request({ query: 'st' }, null);
    sent[1]!.answer(['newer']);
    await settle();
    sent[0]!.answer(['older']);
    await settle();
    expect(delivered).toEqual(['st']);
  });

  it('drops an older answer that arrives before the newer one', async () => {
    const { sent, search } = controlledSearch();
    const delivered: string[] = [];
    const requests = new KeySearchRequests<null>(search, ({ args }) => delivered.push(args.query ?? ''));
    requests.request({ query: 's' }, null);
    requests.request({ query: 'st' }, null);
    sent[0]!.answer(['older']);
    await settle();
    expect(delivered).toEqual([]);
    sent[1]!.answer(['newer']);
    await settle();
    expect(delivered).toEqual(['st']);
  });

  it('sends nothing when asked again for the latest request (the keystroke sent it, the render asks again)', () => {
    const { sent, search } = controlledSearch();
    const requests = new KeySearchRequests<string>(search, () => undefined);
    requests.request({ query: 'str', sort: 'name' }, 'summaries');
    requests.request({ query: 'str', sort: 'name' }, 'summaries');
    expect(sent).toHaveLength(1);
  });

  it('asks again for the same arguments when the held summaries changed (a reload)', () => {
    const { sent, search } = controlledSearch();
    const requests = new KeySearchRequests<string>(search, () => undefined);
    requests.request({ query: 'str' }, 'summaries-1');
    requests.request({ query: 'str' }, 'summaries-2');
    expect(sent).toHaveLength(2);
  });

  it('answers "All keys" without a call, and drops the search it replaces', async () => {
    const { sent, search } = controlledSearch();
    const delivered: string[] = [];
    const requests = new KeySearchRequests<null>(search, ({ args }) => delivered.push(args.query ?? ''));
    requests.request({ query: 's' }, null);
    requests.request({}, null);
    expect(sent).toHaveLength(1);
    sent[0]!.answer(['late']);
    await settle();
    expect(delivered).toEqual([]);
  });

  it('after cancel, drops what was on its way and sends the same request again when asked', async () => {
    const { sent, search } = controlledSearch();
    const delivered: string[] = [];
    const requests = new KeySearchRequests<null>(search, ({ args }) => delivered.push(args.query ?? ''));
    requests.request({ query: 'str' }, null);
    requests.cancel();
    sent[0]!.answer(['dropped']);
    await settle();
    expect(delivered).toEqual([]);
    requests.request({ query: 'str' }, null);
    expect(sent).toHaveLength(2);
  });
});

describe('isAllKeys', () => {
  it('is "All keys" only with no query, tag or filter, in name order', () => {
    expect(isAllKeys({})).toBe(true);
    expect(isAllKeys({ sort: 'name' })).toBe(true);
    expect(isAllKeys({ tags: [] })).toBe(true);
    expect(isAllKeys({ query: 'a' })).toBe(false);
    expect(isAllKeys({ tags: ['prod'] })).toBe(false);
    expect(isAllKeys({ filter: 'unused' })).toBe(false);
    expect(isAllKeys({ sort: 'created' })).toBe(false);
  });
});
