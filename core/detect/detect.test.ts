import { describe, expect, it } from 'vitest';
import { detectSecrets, identifyValue } from './detect';
import { shannonEntropy } from './entropy';
import { fakeJwt, fakePem, fakeToken as t } from './fake-token';
import { maskSecret } from './mask';

const stripeLive = `sk_live_${t('alnum', 24, 'detect-stripe')}`;
const githubPat = `ghp_${t('alnum', 36, 'detect-github')}`;

/** Shapes that sit in real repositories next to keys and are not keys. None may be reported. */
export const DECOYS: Record<string, string> = {
  uuid: 'request_id = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"\nconst id = "9b2c6a1e-7f3d-4c8b-a2e1-5d6f7a8b9c0d";',
  uuidUnderSecretName: 'auth_session = "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b"',
  gitSha: `commit ${t('hex', 40, 'decoy-sha1')}\n"rev": "${t('hex', 40, 'decoy-sha2')}"`,
  sha256: `FROM node@sha256:${t('hex', 64, 'decoy-sha256')}\nchecksum = "${t('hex', 64, 'decoy-sha256b')}"`,
  dataUri: `.logo { background: url(data:image/png;base64,iVBORw0KGgo${t('base64', 2000, 'decoy-png')}=); }`,
  awsDocs: 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  testMarkers: `const value = 'sk_live_FAKE${t('alnum', 20, 'decoy-fake')}';\nconst other = "ghp_DUMMY${t('alnum', 31, 'decoy-dummy')}";\nconst TOKEN = 'test-token-0123456789';`,
  markedExample: `STRIPE_SECRET_KEY=sk_live_EXAMPLE${t('alnum', 20, 'decoy-ex')}\nGITHUB_TOKEN=ghp_EXAMPLE${t('alnum', 29, 'decoy-ex2')}`,
  packageLockIntegrity: `"integrity": "sha512-${t('base64', 86, 'decoy-integrity')}==",\n"resolved": "https://registry.npmjs.org/ignore/-/ignore-7.0.5.tgz"`,
  goSum: `golang.org/x/oauth2 v0.15.0 h1:${t('base64', 43, 'decoy-gosum')}=`,
  pipHash: `requests==2.32.3 --hash=sha256:${t('hex', 64, 'decoy-pip')}`,
  cspHash: `Content-Security-Policy: script-src 'sha256-${t('base64', 43, 'decoy-csp')}='`,
  sourceMap: `{"version":3,"mappings":"AAAA,SAASA,${t('base64', 200, 'decoy-map').replace(/[+/]/g, ',')}"}`,
  ethereumAddress: `const treasury = "0x${t('hex', 40, 'decoy-eth')}";`,
  slackPlaceholder: 'SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
  templates: 'DB_PASSWORD=${DB_PASSWORD}\napi_key: "{{ .Values.apiKey }}"\ntoken: <your-token-here>\nSECRET_KEY=changeme',
  references: 'STRIPE_SECRET_KEY=keystash://Stripe%20live\nGITHUB_TOKEN=keystash://id/3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  publishableKeys: `STRIPE_PUBLISHABLE_KEY=pk_live_${t('alnum', 24, 'decoy-pk')}\nTWILIO_ACCOUNT_SID=AC${t('hex', 32, 'decoy-ac')}`,
  jwtIoSample: `token: ${fakeJwt({ alg: 'HS256', typ: 'JWT' }, { sub: '1234567890', name: 'John Doe', iat: 1516239022 }, 'decoy-jwt')}`,
  publicPem: `${fakePem('PUBLIC KEY', 'decoy-pub')}\n${fakePem('CERTIFICATE', 'decoy-cert')}`,
  npmrcReference: '//registry.npmjs.org/:_authToken=${NPM_TOKEN}',
  codeThatReadsSecrets: 'const apiKey = process.env.OPENAI_API_KEY;\npassword = os.environ.get("DB_PASSWORD")\nconst token = await getAccessTokenFromStorage();',
};

describe('detectSecrets', () => {
  it.each(Object.entries(DECOYS))('reports nothing in the %s decoy', (_name, text) => {
    expect(detectSecrets(text).map((f) => `${f.ruleId}: ${maskSecret(f.secret)}`)).toEqual([]);
  });

  it('gives the line, column and exact span of each secret', () => {
    const text = `# settings\nconst stripe = "${stripeLive}";\n\n  token: ${githubPat}\n`;
    const findings = detectSecrets(text);
    expect(findings.map(({ ruleId, line, column, tag }) => ({ ruleId, line, column, tag }))).toEqual([
      { ruleId: 'stripe-secret-live', line: 2, column: 17, tag: 'live' },
      { ruleId: 'github-pat', line: 4, column: 10, tag: null },
    ]);
    for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.secret);
  });

  it('lets a provider rule win over the generic rule on the same value', () => {
    const findings = detectSecrets(`STRIPE_SECRET_KEY="${stripeLive}"\nDB_PASSWORD="${t('alnum', 24, 'detect-db')}"`);
    expect(findings.map((f) => [f.ruleId, f.envVar])).toEqual([
      ['stripe-secret-live', 'STRIPE_SECRET_KEY'],
      ['generic-secret', 'DB_PASSWORD'],
    ]);
  });

  it('names the generic finding after its variable', () => {
    const envVars = detectSecrets(
      [`"client_secret": "${t('hex', 40, 'n1')}"`, `apiKey: '${t('alnum', 30, 'n2')}'`, `db.password = "${t('alnum', 20, 'n3')}9"`].join('\n'),
    ).map((f) => f.envVar);
    expect(envVars).toEqual(['CLIENT_SECRET', 'API_KEY', 'DB_PASSWORD']);
  });

  it('reports a PEM key held in a JSON string with real newlines, spanning the escaped text', () => {
    const pem = fakePem('PRIVATE KEY', 'detect-pem');
    const text = `{\n  "type": "service_account",\n  "private_key": "${pem.replace(/\n/g, '\\n')}\\n"\n}`;
    const [finding, ...rest] = detectSecrets(text);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ ruleId: 'private-key', line: 3, column: 19, secret: pem });
    expect(text.slice(finding!.start, finding!.end)).toBe(pem.replace(/\n/g, '\\n'));
  });

  it('reports a multi-line PEM block once, at its first line, with an SSH envVar for OpenSSH keys', () => {
    const pem = fakePem('OPENSSH PRIVATE KEY', 'detect-ssh');
    expect(detectSecrets(`deploy:\n${pem}\n`)).toEqual([expect.objectContaining({ ruleId: 'private-key', line: 2, column: 1, envVar: 'SSH_PRIVATE_KEY', secret: pem })]);
  });

  it('finds the same value twice when it appears twice', () => {
    expect(detectSecrets(`a=${githubPat}\nb=${githubPat}`).map((f) => f.line)).toEqual([1, 2]);
  });
});

describe('identifyValue', () => {
  // Labelled by shape, so no key-shaped value lands in a test name (and so in a report).
  const cases: [string, string, string, string, string | null][] = [
    ['sk_live_', stripeLive, 'Stripe', 'STRIPE_SECRET_KEY', 'live'],
    ['rk_test_', `rk_test_${t('alnum', 24, 'id-rk')}`, 'Stripe', 'STRIPE_RESTRICTED_KEY', 'test'],
    ['ghp_', githubPat, 'GitHub', 'GITHUB_TOKEN', null],
    ['AKIA', `AKIA${t('upperBase32', 16, 'id-aws')}`, 'AWS', 'AWS_ACCESS_KEY_ID', null],
    ['sk-ant-api03-', `sk-ant-api03-${t('base64url', 93, 'id-ant')}AA`, 'Anthropic', 'ANTHROPIC_API_KEY', null],
    ['sk-proj-', `sk-proj-${t('base64url', 150, 'id-openai')}`, 'OpenAI', 'OPENAI_API_KEY', null],
    ['Mailgun hex-hex-hex', `${t('hex', 32, 'id-mg')}-${t('hex', 8, 'id-mg2')}-${t('hex', 8, 'id-mg3')}`, 'Mailgun', 'MAILGUN_API_KEY', null],
    ['EC PEM', fakePem('EC PRIVATE KEY', 'id-pem'), 'Private key', 'PRIVATE_KEY', null],
    ['xoxb-', `xoxb-${t('digits', 12, 'id-s1')}-${t('digits', 12, 'id-s2')}-${t('alnum', 24, 'id-s3')}`, 'Slack', 'SLACK_BOT_TOKEN', null],
  ];

  it.each(cases)('recognises %s', (_label, value, provider, envVar, tag) => {
    expect(identifyValue(`  ${value}\n`)).toMatchObject({ provider, envVar, tag });
  });

  it('recognises only a whole value, never a documentation example, and never by the generic rule', () => {
    expect(identifyValue(`prefix ${githubPat}`)).toBeNull();
    expect(identifyValue('AKIAIOSFODNN7EXAMPLE')).toBeNull();
    expect(identifyValue(t('alnum', 30, 'id-generic'))).toBeNull();
    expect(identifyValue(t('hex', 32, 'id-twilio-token'))).toBeNull();
    expect(identifyValue('')).toBeNull();
    expect(identifyValue('correct horse battery staple')).toBeNull();
  });
});

describe('maskSecret', () => {
  it('shows the first 4 characters and the length, never more', () => {
    expect(maskSecret(stripeLive)).toBe('sk_l*** (32 chars)');
    expect(maskSecret('abcdefgh')).toBe('ab*** (8 chars)');
    expect(maskSecret('\u001b[2Jabcdefghijkl')).toBe('?[2J*** (16 chars)');
  });
});

describe('shannonEntropy', () => {
  it('is 0 for one repeated symbol, log2(n) for n equally likely symbols', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBeCloseTo(2);
    expect(shannonEntropy('0123456789abcdef')).toBeCloseTo(4);
  });

  it('scores random tokens well above words', () => {
    expect(shannonEntropy(t('base64', 40, 'entropy'))).toBeGreaterThan(4.5);
    expect(shannonEntropy('passwordpassword')).toBeLessThan(3);
  });
});
