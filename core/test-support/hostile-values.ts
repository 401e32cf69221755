import fc from 'fast-check';

/**
 * Values a hostile or buggy caller can hand the dispatcher, for the fuzz tests. JSON callers (the
 * browser host) can send only JSON; in-process callers (Electron main after structured clone, the
 * CLI, tests) can also send NaN, -0, BigInt, Dates, Maps and the like, so those are here too.
 * The big values are built once and shared: generating a megabyte per run would only cost time.
 */

/** Own property names that have caused prototype pollution or confused validators elsewhere. */
export const DANGEROUS_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'then',
  '',
  ' ',
  '\u0000',
  '0',
  'length',
] as const;

function nested(depth: number, wrap: (inner: unknown) => unknown): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = wrap(value);
  return value;
}

/** Strings that are odd as Unicode: lone surrogates, combining marks, invisible and direction marks. */
export const UNICODE_ODDITIES = [
  '\ud800',
  '\udc00',
  'a\ud800b',
  'e\u0301', // é decomposed (NFD)
  '\u00e9', // é composed (NFC)
  '\u0301', // a combining mark alone
  'Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358\u0359', // "zalgo"
  '\u200b', // zero-width space
  'a\u200bb',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u202eexe.txt', // right-to-left override
  '\u2066x\u2069',
  '\u0645\u0641\u062a\u0627\u062d', // Arabic
  '\u05de\u05e4\u05ea\u05d7', // Hebrew
  '\ud83d\udd11', // 🔑
  '\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67', // a family emoji (ZWJ sequence)
  '\ud83c\uddfa\ud83c\uddf8', // a flag (regional indicators)
  '\u0130', // İ: lower-cases to two code points
  '\u00df', // ß
  '\uff11\uff12\uff13\uff14\uff15\uff16', // full-width digits
  '\u0661\u0662\u0663\u0664\u0665\u0666', // Arabic-Indic digits
  '\u001b[31mred\u001b[0m', // an ANSI escape
  'line\nbreak',
  'cr\rhere',
  '\u0085', // NEL
  '\u2028', // line separator
  '\ufffd',
  '\uffff',
] as const;

export const BIG = {
  /** One more than a secret may hold. */
  overSecret: 'x'.repeat(64 * 1024 + 1),
  /** 2-byte characters: within the code-unit limit, over the byte limit. */
  overSecretBytes: '\u00e9'.repeat(40_000),
  megabyte: 'm'.repeat(1024 * 1024),
  longName: 'n'.repeat(101),
  manyRefs: Array.from({ length: 10_001 }, () => ({ name: 'nobody' })),
  manyStrings: Array.from({ length: 100_000 }, () => 't'),
  deepObject: nested(1_000, (inner) => ({ a: inner })),
  deepArray: nested(1_000, (inner) => [inner]),
};

const SPECIAL_CONSTANTS: unknown[] = [
  NaN,
  Infinity,
  -Infinity,
  -0,
  0,
  1,
  -1,
  0.5,
  2 ** 53 + 2,
  -(2 ** 31),
  1e308,
  Number.MIN_VALUE,
  null,
  undefined,
  true,
  false,
  '',
  ' ',
  '\t\n ',
  'null',
  'undefined',
  'NaN',
  '{}',
  '000000',
  '123456',
  ' 123456 ',
  'keystash-chunked:v1:2:000000000000:x',
  'javascript:alert(1)',
  'file:///etc/passwd',
  '../../etc/passwd',
  '%00',
  '2027-02-30',
  '9999-99-99T99:99:99Z',
  ...DANGEROUS_KEYS,
  ...UNICODE_ODDITIES,
  ...Object.values(BIG),
  [],
  {},
  [null],
  [{}],
  // eslint-disable-next-line no-sparse-arrays
  [, , 1],
  Object.create(null),
  new Date(NaN),
  new Date(0),
  10n,
  -(2n ** 70n),
  Symbol('s'),
  () => 'function',
  new Map([['name', 'K']]),
  new Set(['a']),
  new Uint8Array([1, 2, 3]),
  new ArrayBuffer(8),
  /regex/g,
  new Error('an error object'),
  Object.assign(new String('boxed'), { extra: 1 }),
  new Number(5),
  new Boolean(false),
];

/** Numbers at and around the limits in the contract. */
const limitNumbers = fc.constantFrom(0, 1, 4, 5, 6, 20, 240, 241, 300, 301, 3650, 3651, 10_000, 10_001, -5);

/** Any single hostile value: constants above, random strings of every kind, numbers, small structures. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPECIAL_CONSTANTS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-composite', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...UNICODE_ODDITIES), { maxLength: 5 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: limitNumbers },
  { weight: 1, arbitrary: fc.bigInt() },
  {
    weight: 2,
    arbitrary: fc.anything({
      maxDepth: 3,
      maxKeys: 5,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
      withNullPrototype: true,
      withBoxedValues: true,
      withObjectString: true,
      stringUnit: 'binary',
    }),
  },
);

/** A copy of `target` with `key` as an OWN property, the way JSON.parse('{"__proto__": ...}') makes one. */
export function withOwnKey(target: object, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...(target as Record<string, unknown>) };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

/** A short, safe description of a value for a failure message (never a megabyte, never a cycle). */
export function describeValue(value: unknown): string {
  try {
    const text = fc.stringify(value);
    return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
  } catch {
    try {
      return Object.prototype.toString.call(value);
    } catch {
      return '[an object that throws when inspected]';
    }
  }
}

/**
 * Objects whose very inspection throws or misbehaves: getters that throw, proxies, revoked
 * proxies, a throwing toJSON. Structured clone and JSON cannot carry these, but an in-process
 * caller can, and the dispatcher promises never to throw.
 */
export function trickyObjects(): unknown[] {
  const revocable = Proxy.revocable({}, {});
  revocable.revoke();
  const boom = () => {
    throw new Error('hostile getter ran');
  };
  return [
    Object.defineProperty({}, 'name', { get: boom, enumerable: true }),
    Object.defineProperty({ key: { name: 'K' } }, 'key', { get: boom, enumerable: true }),
    { key: Object.defineProperty({}, 'name', { get: boom, enumerable: true }) },
    new Proxy({}, { ownKeys: boom, get: boom, getOwnPropertyDescriptor: boom, has: boom, getPrototypeOf: boom }),
    new Proxy({ code: '123456' }, { get: boom }),
    revocable.proxy,
    { toJSON: boom, code: '123456' },
    { code: { [Symbol.toPrimitive]: boom, toString: boom, valueOf: boom } },
    { keys: new Proxy([], { get: boom }) },
    { entries: [Object.defineProperty({}, 'secret', { get: boom, enumerable: true })] },
  ];
}
