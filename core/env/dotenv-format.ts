import { parse } from 'dotenv';

/**
 * Writes a value so that dotenv reads back exactly that value. Candidates go from the most
 * portable to the least (bare, single quotes, double quotes with \n escapes, backticks), and the
 * first one dotenv's own parser reads back unchanged wins, so the choice is checked, not assumed.
 * Returns null when no spelling survives (e.g. a value with every quote character, a `#` and a
 * literal backslash-n): the caller reports the variable and suggests another format.
 */
export function dotenvAssignment(name: string, value: string): string | null {
  for (const spelling of candidates(value)) {
    const line = `${name}=${spelling}`;
    if (parse(line)[name] === value) return line;
  }
  return null;
}

/** Bare only for characters no .env reader treats specially (no blanks, quotes, #, $ or backslash). */
const BARE_SAFE = /^[A-Za-z0-9_./:@%+,=~-]*$/;

function* candidates(value: string): Generator<string> {
  if (BARE_SAFE.test(value)) yield value;
  if (!/[\r\n]/.test(value)) yield `'${value}'`;
  // One line per variable: newlines as \n, which dotenv, Node's --env-file and docker compose all expand.
  yield `"${value.replace(/\r/g, '\\r').replace(/\n/g, '\\n')}"`;
  yield `'${value}'`;
  yield `\`${value}\``;
}
