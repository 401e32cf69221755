import { shannonEntropy } from './entropy';
import { fakeToken } from './fake-token';
import { isPlaceholder } from './placeholders';
import type { DetectionRule, MatchContext } from './rule';

/**
 * The catch-all: a value of 16+ characters assigned to a name that says it is secret
 * (DB_PASSWORD=..., "client_secret": "...", apiKey: '...', token = "..."), in .env, JSON, YAML,
 * TOML and most languages' source. Precision comes from the filters below, in this order: the
 * name must have a secret word as a whole word, must not end in a word that makes it metadata
 * (TOKEN_URL, password_hash), and the value must look random and not like a placeholder, a
 * reference or code.
 */

/** Where the pattern starts looking; the name filter below decides. */
const KEYWORD = String.raw`(?:secret|token|api[_.-]?key|apikey|passw(?:or)?d|pwd|auth(?!or(?!iz))|credential|private[_.-]?key|access[_.-]?key|signing[_.-]?key)`;
/** `: string` in `const apiKey: string = "..."`. */
const TYPE_ANNOTATION = String.raw`(?:\s{0,3}:\s{0,3}[A-Za-z][\w<>\[\]|. ]{0,30}?(?=\s{0,3}=))?`;
const SEPARATOR = String.raw`\s{0,5}(?::=|=>|={1,3}|:)\s{0,5}`;
const SCHEME = String.raw`(?:(?:bearer|basic|token)\s+)?`;
/**
 * No whitespace: a sentence has the entropy of a key, a key has no spaces. The value is taken whole
 * (a lookahead capture, then a backreference: JavaScript's spelling of an atomic group), so a long
 * run that is not followed by a delimiter fails at once instead of being retried at every shorter
 * length, which kept a megabyte of `token===x` at 0.8 s.
 */
const VALUE = String.raw`(?<q>["'\x60]?)${SCHEME}(?=(?<run>[^\s"'\x60,;(){}<>\[\]\\]{16,200}))(?<secret>\k<run>)\k<q>(?:(?<=["'\x60])|(?=[\s,;)}\]#]|$))`;

const PATTERN = new RegExp(
  String.raw`(?<name>${KEYWORD}[A-Za-z0-9_.-]{0,40})["'\]]?${TYPE_ANNOTATION}${SEPARATOR}${VALUE}`,
  'gim',
);

/** A secret word, whole: token, authToken, client_secret, SECRET_KEY, apiKey, passwd; not tokenizer. */
const SECRET_WORD =
  /(?:^|_)(?:[a-z]*(?:secret|token|passwd|password|pwd|credential)s?|auth|authorization|(?:api|access|private|secret|signing|master|encryption|app)_?key)(?:_?(?:key|token|secret))?(?:_|$)/;

/** A last word that makes the name metadata about a secret rather than the secret itself. */
const METADATA_WORDS = new Set(
  (
    'url uri endpoint host hostname domain type path file filename dir name id len length size count ' +
    'expiry expires expiration ttl timeout header field prefix suffix method mode format version hash ' +
    'kind label pattern regex policy provider scope scopes store cache env var variable param hint ' +
    'message error text title required enabled validator validation rules strategy issuer audience'
  ).split(' '),
);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Words and separators without a digit: names, keychain accounts, kebab-case ids. */
const WORDS_ONLY = /^[A-Za-z_.:/-]+$/;
/** Code that reads the value from elsewhere: config.auth.token, user?.session.secret, env['X']. */
const CODE_REFERENCE = /^[!+~-]*[A-Za-z_$][\w$]*(?:[?!]?\.[\w$]+|\[[^\]]*\])+[?!]?$/;
/** A constant's or variable's name: YOUR_BASE32_SECRET, AWS_SECRET_ACCESS_KEY. */
const SCREAMING_SNAKE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
const URL_WITHOUT_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/(?![^/@\s]+:[^/@\s]+@)/i;
const FILE_PATH = /^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)/;
const HEX_ONLY = /^[0-9a-f]+$/i;

/** The whole name, e.g. `DB_PASSWORD` when the pattern matched from `PASSWORD`. */
function fullName({ match, text }: MatchContext): string {
  let start = match.index;
  while (start > 0 && start > match.index - 60 && /[A-Za-z0-9_.-]/.test(text[start - 1] ?? '')) start--;
  return text.slice(start, match.index) + (match.groups?.name ?? '');
}

/** `apiKey`, `x-api-key`, `db.password` → ['api', 'key'], ['x', 'api', 'key'], ['db', 'password']. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_.-]+/)
    .filter(Boolean);
}

function acceptName(name: string): boolean {
  const words = nameWords(name);
  const last = words.at(-1);
  return SECRET_WORD.test(words.join('_')) && (last === undefined || !METADATA_WORDS.has(last));
}

/**
 * Made of words: OpeningParenToken$1, ?InterpolationInTemplate. At least 85% of the letters sit in
 * lower-case runs of 3 or more (Paren, Token), against under 1% of random base62 values of 16
 * characters and 0.05% of 32 (measured). Hex is left out: its letters are too few to tell.
 */
function isMadeOfWords(value: string): boolean {
  if (HEX_ONLY.test(value)) return false;
  const letters = value.replace(/[^A-Za-z]/g, '').length;
  if (letters < value.length / 2) return false;
  const inWords = (value.match(/[A-Z]?[a-z]+/g) ?? []).filter((w) => w.length >= 3).join('').length;
  return inWords >= 0.85 * letters;
}

function acceptValue(value: string): boolean {
  if (isPlaceholder(value)) return false;
  if (WORDS_ONLY.test(value) || CODE_REFERENCE.test(value) || SCREAMING_SNAKE.test(value) || UUID.test(value)) return false;
  if (isMadeOfWords(value)) return false;
  if (URL_WITHOUT_CREDENTIALS.test(value) || FILE_PATH.test(value)) return false;
  // Hex has 16 symbols, so a random hex value scores lower than a random base62 one of the same length.
  return shannonEntropy(value) >= (HEX_ONLY.test(value) ? 3.0 : 3.5);
}

const g = (seed: string, length = 28) => fakeToken('alnum', length, `generic-${seed}`);

export const genericSecretRule: DetectionRule = {
  id: 'generic-secret',
  provider: 'Generic',
  envVar: 'SECRET',
  description: 'A random-looking value assigned to a name like password, secret, token or api_key.',
  keywords: ['secret', 'token', 'key', 'passw', 'pwd', 'auth', 'credential'],
  pattern: PATTERN,
  generic: true,
  accept: (secret, context) => acceptName(fullName(context)) && acceptValue(secret),
  envVarFor: (context) => {
    const envVar = nameWords(fullName(context)).join('_').toUpperCase();
    return /^[A-Z_][A-Z0-9_]*$/.test(envVar) ? envVar : null;
  },
  samples: {
    positives: [
      `DB_PASSWORD=${g('env')}`,
      `"client_secret": "${fakeToken('hex', 64, 'generic-json')}",`,
      `const apiKey: string = '${g('ts')}';`,
      `  password: "${g('yaml', 20)}!"`,
      `AUTH_TOKEN = '${g('py')}'`,
      `headers = { "Authorization": "Bearer ${g('bearer', 40)}" }`,
      `if (token === "${g('compare', 32)}") {`,
      `secret_key_base: ${fakeToken('hex', 128, 'generic-rails')}`,
      `config.signingKey = "${fakeToken('base64', 44, 'generic-b64')}"`,
    ],
    negatives: [
      'API_KEY=your_api_key_here',
      'password: changeme-changeme',
      'token: ${GITHUB_TOKEN_FROM_ACTIONS}',
      'apiKey: process.env.OPENAI_API_KEY_PROD,',
      'password = "<your-database-password>"',
      'token_url: https://auth.example.org/oauth/token',
      'auth_request_id = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"',
      'author = "Jane Developer-Smith"',
      'secret = os.environ["DJANGO_SECRET_KEY"]',
      'TOKEN_TYPE=BearerAuthenticationScheme',
      'password = "aaaaaaaaaaaaaaaaaaaaaaaa"',
      'tokenizer: "sentencepiece-unigram-v2"',
      'password_hash: "$2b$12$abcdefghijklmnopqrstuv"',
      'const token = await getAccessTokenFromStorage(user);',
      'secret: config.auth.providers.github.clientSecretValue',
      `GITHUB_TOKEN=keystash://GitHub%20deploy`,
      'token: "Please provide a valid token here"',
      "pendingTotpSecret: 'auth:pending-totp-secret',",
      'app.totpSecret = launched.enrolment?.secret ?? null;',
      "const TOKEN = 'test-token-0123456789';",
      'type OpeningParenToken = OpeningParenToken$1;',
      'const hasExclamationToken = !!node.exclamationToken;',
      'nextLastSignificantToken = "?InterpolationInTemplate";',
      "provide via { secret: 'YOUR_BASE32_SECRET' }",
    ],
  },
};
