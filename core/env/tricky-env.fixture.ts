/**
 * A .env file with the cases real ones have: comments, `export`, blanks around `=`, `#` inside
 * quotes, every quote style, escapes, a multi-line PEM, empty values, a duplicate, a name dotenv
 * accepts but no environment could use. Every value is made up; each ends in a number so tests can
 * look for it in output.
 */
export const TRICKY_ENV = [
  '# a comment line',
  'PLAIN=plain-value-1',
  'export EXPORTED=exported-value-2',
  'SPACED = spaced-value-3   # trailing comment',
  'HASH_IN_DOUBLE="value # with hash 4"',
  "HASH_IN_SINGLE='value # with hash 5'",
  "SINGLE='it is $literal \\n here 6'",
  'DOUBLE_ESCAPES="line-a\\nline-b 7"',
  'BACKTICK=`has \'single\' and "double" 8`',
  'PEM="-----BEGIN TEST KEY-----',
  'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=',
  'MDEyMzQ1Njc4OWFiY2RlZg==',
  '-----END TEST KEY-----"',
  'EMPTY=',
  'EMPTY_QUOTED=""',
  'DUPLICATE=first-value-9',
  'UNICODE="clé 🔑 10"',
  'DUPLICATE=second-value-11',
  '   INDENTED=indented-value-12',
  'DOTTED.NAME=dotted-value-13',
  '',
].join('\n');

