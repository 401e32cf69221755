import { describe, expect, it } from 'vitest';
import { AGENT_PROTOCOL_VERSION, encodeResponse, successValueJson } from './agent-protocol';

describe('the value of a successful answer, read from its bytes unparsed', () => {
  const value = { keys: [{ name: 'Stripe "live"', tags: ['a}}', '\n'] }], total: 1 };

  it('is exactly the JSON the CLI itself would print, and the whole answer is one line of JSON', () => {
    const answer = encodeResponse({ v: AGENT_PROTOCOL_VERSION, result: { ok: true, value } });
    expect(answer.indexOf('\n')).toBe(answer.length - 1);
    expect(JSON.parse(answer)).toEqual({ v: AGENT_PROTOCOL_VERSION, result: { ok: true, value } });
    expect(successValueJson(Buffer.from(answer))?.toString()).toBe(JSON.stringify(value));
  });

  it('is null for a failure, a refusal, another version, and an answer cut short', () => {
    const failed = encodeResponse({ v: AGENT_PROTOCOL_VERSION, result: { ok: false, error: { code: 'LOCKED', message: 'Keystash is locked.' } } });
    const refused = encodeResponse({ v: AGENT_PROTOCOL_VERSION, refused: 'The request is not JSON.' });
    const otherVersion = JSON.stringify({ v: AGENT_PROTOCOL_VERSION + 1, result: { ok: true, value } }) + '\n';
    const whole = encodeResponse({ v: AGENT_PROTOCOL_VERSION, result: { ok: true, value } });
    for (const answer of [failed, refused, otherVersion, whole.slice(0, -1), whole.slice(0, 40), '']) {
      expect(successValueJson(Buffer.from(answer))).toBeNull();
    }
  });
});
