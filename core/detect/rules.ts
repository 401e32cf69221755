import { fakeJwt, fakePem, fakeToken as t } from './fake-token';
import { genericSecretRule } from './generic-rule';
import type { DetectionRule } from './rule';
import { token } from './rule';

/**
 * The detector table. Order is priority: where two rules find overlapping text, the earlier one
 * wins (a PEM body or a connection string can contain a run that looks like some other key), and
 * the generic rule always yields. Written for Keystash after studying gitleaks' public rule set;
 * the shapes are the providers' documented token formats.
 *
 * Deliberate omissions, each a false positive we would rather not raise:
 * - Twilio account SIDs (AC + 32 hex) are identifiers, printed in consoles and URLs. Twilio API key
 *   SIDs (SK...) are reported, as gitleaks does: where one is committed, its secret usually sits
 *   next to it. The auth token is reported when the line names Twilio.
 * - Stripe publishable keys (pk_live_, pk_test_) are meant to ship in web pages.
 * - Azurite's development account (devstoreaccount1) has a published, well-known key.
 * - The JWT from jwt.io's debugger (sub 1234567890, John Doe) is in a million READMEs.
 * Any value containing EXAMPLE (AWS's documentation keys) is never reported, by any rule.
 */

const AWS_ID = (seed: string) => t('upperBase32', 16, `aws-${seed}`);
const aws: DetectionRule[] = [
  {
    id: 'aws-access-key-id',
    provider: 'AWS',
    envVar: 'AWS_ACCESS_KEY_ID',
    description: 'AWS access key ID (long-term AKIA, temporary ASIA, and the rarer ABIA/ACCA).',
    keywords: ['akia', 'asia', 'abia', 'acca'],
    pattern: token('(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}', ''),
    minEntropy: 3,
    samples: {
      positives: [`aws_access_key_id = AKIA${AWS_ID('1')}`, `"AccessKeyId": "ASIA${AWS_ID('2')}",`, `export AWS_ACCESS_KEY_ID=AKIA${AWS_ID('3')}`],
      negatives: [
        'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
        `XAKIA${AWS_ID('4')}`,
        `AKIA${AWS_ID('5').slice(0, 15)}`,
        `AKIA${AWS_ID('6')}Q`,
        'AKIA0189ABCDEFGHJKLM',
        `akia${AWS_ID('7').toLowerCase()}`,
      ],
    },
  },
];

const gh = (seed: string, length = 36) => t('alnum', length, `github-${seed}`);
const github: DetectionRule[] = [
  {
    id: 'github-pat',
    provider: 'GitHub',
    envVar: 'GITHUB_TOKEN',
    description: 'GitHub personal access token (classic).',
    keywords: ['ghp_'],
    pattern: token('ghp_[A-Za-z0-9]{36}'),
    minEntropy: 3,
    samples: {
      positives: [`GITHUB_TOKEN=ghp_${gh('classic')}`, `git clone https://ghp_${gh('url')}@github.com/acme/app.git`],
      negatives: [`ghp_${gh('short', 35)}`, `ghp_${gh('long', 37)}`, `xghp_${gh('prefixed')}`, `ghp_${'X'.repeat(36)}`],
    },
  },
  {
    id: 'github-fine-grained-pat',
    provider: 'GitHub',
    envVar: 'GITHUB_TOKEN',
    description: 'GitHub fine-grained personal access token.',
    keywords: ['github_pat_'],
    pattern: token('github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}'),
    minEntropy: 3,
    samples: {
      positives: [`token: github_pat_${gh('fg1', 22)}_${gh('fg2', 59)}`],
      negatives: [`github_pat_${gh('fg3', 22)}_${gh('fg4', 40)}`, 'github_pat_ is the prefix of fine-grained tokens'],
    },
  },
  {
    id: 'github-oauth-token',
    provider: 'GitHub',
    envVar: 'GITHUB_TOKEN',
    description: 'GitHub OAuth app access token.',
    keywords: ['gho_'],
    pattern: token('gho_[A-Za-z0-9]{36}'),
    minEntropy: 3,
    samples: {
      positives: [`{"access_token": "gho_${gh('oauth')}"}`],
      negatives: [`gho_${gh('oauth-short', 20)}`, `gho_${gh('oauth-dash', 18)}-${gh('oauth-dash2', 17)}`],
    },
  },
  {
    id: 'github-app-token',
    provider: 'GitHub',
    envVar: 'GITHUB_TOKEN',
    description: 'GitHub App user-to-server (ghu_), installation (ghs_) and refresh (ghr_) tokens.',
    keywords: ['ghu_', 'ghs_', 'ghr_'],
    pattern: token('gh[usr]_[A-Za-z0-9]{36}'),
    minEntropy: 3,
    samples: {
      positives: [`Authorization: token ghs_${gh('install')}`, `refresh = "ghr_${gh('refresh')}"`, `ghu_${gh('user')}`],
      negatives: [`ghx_${gh('other')}`, `ghs_${gh('install-short', 30)}`],
    },
  },
];

const gitlab: DetectionRule[] = [
  {
    id: 'gitlab-pat',
    provider: 'GitLab',
    envVar: 'GITLAB_TOKEN',
    description: 'GitLab personal, project or group access token, legacy and routable formats.',
    keywords: ['glpat-'],
    pattern: token(String.raw`glpat-[A-Za-z0-9_-]{20,300}(?:\.[0-9a-z]{2}\.[0-9a-z]{7,9})?`, '-.'),
    minEntropy: 3,
    samples: {
      positives: [`GITLAB_TOKEN=glpat-${t('alnum', 20, 'gitlab-legacy')}`, `private_token: glpat-${t('base64url', 36, 'gitlab-routable')}.01.${t('hex', 9, 'gitlab-r')}`],
      negatives: [`glpat-${t('alnum', 12, 'gitlab-short')}`, 'glpat-xxxxxxxxxxxxxxxxxxxx'],
    },
  },
];

const stripeKey = (seed: string, length = 24) => t('alnum', length, `stripe-${seed}`);
const stripe: DetectionRule[] = (
  [
    ['sk', 'live', 'secret', 'STRIPE_SECRET_KEY'],
    ['sk', 'test', 'secret', 'STRIPE_SECRET_KEY'],
    ['rk', 'live', 'restricted', 'STRIPE_RESTRICTED_KEY'],
    ['rk', 'test', 'restricted', 'STRIPE_RESTRICTED_KEY'],
  ] as const
).map(([prefix, mode, kind, envVar]) => ({
  id: `stripe-${kind}-${mode}`,
  provider: 'Stripe',
  envVar,
  tag: mode,
  description: `Stripe ${kind} key (${mode} mode).`,
  keywords: [`${prefix}_${mode}_`],
  pattern: token(`${prefix}_${mode}_[A-Za-z0-9]{24,247}`),
  minEntropy: 3,
  samples: {
    positives: [`${envVar}=${prefix}_${mode}_${stripeKey(`${prefix}${mode}1`)}`, `Stripe::api_key = "${prefix}_${mode}_${stripeKey(`${prefix}${mode}2`, 99)}"`],
    negatives: [
      `pk_${mode}_${stripeKey(`${prefix}${mode}-pk`)}`,
      `${prefix}_${mode}_${stripeKey(`${prefix}${mode}-short`, 12)}`,
      `${prefix}_${mode}_${'0'.repeat(24)}`,
      `x${prefix}_${mode}_${stripeKey(`${prefix}${mode}3`)}`,
    ],
  },
}));

const slackDigits = (seed: string, length = 12) => t('digits', length, `slack-${seed}`);
const slack: DetectionRule[] = [
  {
    id: 'slack-bot-token',
    provider: 'Slack',
    envVar: 'SLACK_BOT_TOKEN',
    description: 'Slack bot token.',
    keywords: ['xoxb-'],
    pattern: token('xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24,34}'),
    minEntropy: 3,
    samples: {
      positives: [`SLACK_BOT_TOKEN=xoxb-${slackDigits('b1')}-${slackDigits('b2', 13)}-${t('alnum', 24, 'slack-b3')}`],
      negatives: [`xoxb-${slackDigits('b4')}-${t('alnum', 24, 'slack-b5')}`, 'xoxb-0000000000-0000000000-XXXXXXXXXXXXXXXXXXXXXXXX'],
    },
  },
  {
    id: 'slack-user-token',
    provider: 'Slack',
    envVar: 'SLACK_USER_TOKEN',
    description: 'Slack user token.',
    keywords: ['xoxp-'],
    pattern: token('xoxp-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[a-f0-9]{32}'),
    minEntropy: 3,
    samples: {
      positives: [`slack_token: xoxp-${slackDigits('u1')}-${slackDigits('u2')}-${slackDigits('u3')}-${t('hex', 32, 'slack-u4')}`],
      negatives: [`xoxp-${slackDigits('u5')}-${slackDigits('u6')}-${t('hex', 32, 'slack-u7')}`],
    },
  },
  {
    id: 'slack-webhook-url',
    provider: 'Slack',
    envVar: 'SLACK_WEBHOOK_URL',
    description: 'Slack incoming-webhook URL (anyone holding it can post to the channel).',
    keywords: ['hooks.slack.com'],
    pattern: /(?<secret>https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{8,12}\/B[A-Z0-9]{8,12}\/[A-Za-z0-9]{24})(?![A-Za-z0-9])/g,
    samples: {
      positives: [
        `webhook: https://hooks.slack.com/services/T${t('upperAlnum', 10, 'slack-w1')}/B${t('upperAlnum', 10, 'slack-w2')}/${t('alnum', 24, 'slack-w3')}`,
      ],
      negatives: [
        'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
        `https://hooks.slack.com/services/T${t('upperAlnum', 10, 'slack-w4')}/B${t('upperAlnum', 10, 'slack-w5')}`,
      ],
    },
  },
];

const googleKey = (seed: string, length = 35) => t('base64url', length, `google-${seed}`);
const google: DetectionRule[] = [
  {
    id: 'google-api-key',
    provider: 'Google',
    envVar: 'GOOGLE_API_KEY',
    description: 'Google Cloud / Maps / Firebase API key.',
    keywords: ['aiza'],
    pattern: token('AIza[A-Za-z0-9_-]{35}'),
    minEntropy: 3.5,
    samples: {
      positives: [`const firebaseConfig = { apiKey: "AIza${googleKey('1')}" };`, `GOOGLE_API_KEY=AIza${googleKey('2')}`],
      negatives: [`AIza${googleKey('3', 34)}`, `AIza${googleKey('4', 36)}`, `aiza${googleKey('5')}`],
    },
  },
];

const ai: DetectionRule[] = [
  {
    id: 'openai-api-key',
    provider: 'OpenAI',
    envVar: 'OPENAI_API_KEY',
    description: 'OpenAI project, service-account, admin and legacy user API keys.',
    keywords: ['sk-proj-', 'sk-svcacct-', 'sk-admin-', 't3blbkfj'],
    pattern: token(String.raw`sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,250}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}`),
    minEntropy: 4,
    samples: {
      positives: [
        `OPENAI_API_KEY=sk-proj-${t('base64url', 74, 'openai-1')}T3BlbkFJ${t('base64url', 74, 'openai-2')}`,
        `openai.api_key = "sk-${t('alnum', 20, 'openai-3')}T3BlbkFJ${t('alnum', 20, 'openai-4')}"`,
        `sk-svcacct-${t('base64url', 120, 'openai-5')}`,
      ],
      negatives: [`sk-proj-${t('alnum', 24, 'openai-6')}`, `sk-${t('alnum', 48, 'openai-7')}`, `sk-ant-api03-${t('base64url', 93, 'openai-8')}AA`],
    },
  },
  {
    id: 'anthropic-api-key',
    provider: 'Anthropic',
    envVar: 'ANTHROPIC_API_KEY',
    description: 'Anthropic API and admin keys.',
    keywords: ['sk-ant-'],
    pattern: token('sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA'),
    minEntropy: 4,
    samples: {
      positives: [`ANTHROPIC_API_KEY="sk-ant-api03-${t('base64url', 93, 'anthropic-1')}AA"`, `sk-ant-admin01-${t('base64url', 93, 'anthropic-2')}AA`],
      negatives: [`sk-ant-api03-${t('base64url', 60, 'anthropic-3')}AA`, `sk-ant-api03-${t('base64url', 93, 'anthropic-4')}ZZ`],
    },
  },
  {
    id: 'huggingface-token',
    provider: 'Hugging Face',
    envVar: 'HF_TOKEN',
    description: 'Hugging Face user access token.',
    keywords: ['hf_'],
    pattern: token('hf_[A-Za-z]{34}'),
    minEntropy: 3.5,
    samples: {
      positives: [`HF_TOKEN=hf_${t('letters', 34, 'hf-1')}`, `login(token="hf_${t('letters', 34, 'hf-2')}")`],
      negatives: [`hf_${t('alnum', 34, 'hf-digits').replace(/^[A-Za-z]/, '7')}`, `hf_${t('letters', 33, 'hf-3')}`, 'hf_hub_download_cached_snapshot_revision'],
    },
  },
];

const hex = (seed: string, length = 32) => t('hex', length, seed);
const messaging: DetectionRule[] = [
  {
    id: 'twilio-api-key',
    provider: 'Twilio',
    envVar: 'TWILIO_API_KEY',
    description: 'Twilio API key SID (SK...), reported because its secret is usually committed beside it.',
    keywords: ['sk'],
    pattern: token('SK[0-9a-fA-F]{32}', ''),
    minEntropy: 3,
    samples: {
      positives: [`TWILIO_API_KEY=SK${hex('twilio-1')}`, `client = Client("SK${hex('twilio-2')}", api_secret, account_sid)`],
      negatives: [`TWILIO_ACCOUNT_SID=AC${hex('twilio-3')}`, `SK${hex('twilio-4', 31)}`, `TASK${hex('twilio-5')}`, `SK${'0'.repeat(32)}`],
    },
  },
  {
    id: 'twilio-auth-token',
    provider: 'Twilio',
    envVar: 'TWILIO_AUTH_TOKEN',
    description: 'Twilio auth token, on a line that names Twilio and a token or secret.',
    keywords: ['twilio'],
    pattern: token('[0-9a-f]{32}', ''),
    lineContext: /twilio.{0,40}(?:auth|token|secret)|(?:auth|token|secret).{0,40}twilio/i,
    minEntropy: 3,
    samples: {
      positives: [`TWILIO_AUTH_TOKEN=${hex('twilio-6')}`, `twilio_auth_token: "${hex('twilio-7')}"`],
      negatives: [`TWILIO_ACCOUNT_SID=AC${hex('twilio-8')}`, `build_hash = "${hex('twilio-9')}"  # not twilio`],
    },
  },
  {
    id: 'sendgrid-api-key',
    provider: 'SendGrid',
    envVar: 'SENDGRID_API_KEY',
    description: 'SendGrid API key.',
    keywords: ['sg.'],
    pattern: token(String.raw`SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}`),
    minEntropy: 4,
    samples: {
      positives: [`SENDGRID_API_KEY=SG.${t('base64url', 22, 'sendgrid-1')}.${t('base64url', 43, 'sendgrid-2')}`],
      negatives: [`SG.${t('base64url', 22, 'sendgrid-3')}.${t('base64url', 20, 'sendgrid-4')}`, 'import SG.utils.helpers.formatting'],
    },
  },
  {
    id: 'mailgun-api-key',
    provider: 'Mailgun',
    envVar: 'MAILGUN_API_KEY',
    description: 'Mailgun private API key, legacy key-... format.',
    keywords: ['key-'],
    pattern: token('key-[0-9a-f]{32}'),
    minEntropy: 3,
    samples: {
      positives: [`MAILGUN_API_KEY=key-${hex('mailgun-1')}`, `auth=("api", "key-${hex('mailgun-2')}")`],
      negatives: [`pubkey-${hex('mailgun-3')}`, `key-${hex('mailgun-4', 31)}`, `api-key-${hex('mailgun-5')}`],
    },
  },
  {
    id: 'mailgun-api-key-v2',
    provider: 'Mailgun',
    envVar: 'MAILGUN_API_KEY',
    description: 'Mailgun private API key, current format, on a line that names Mailgun.',
    keywords: ['mailgun'],
    pattern: token('[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}'),
    lineContext: /mailgun/i,
    identifyAlone: true,
    minEntropy: 3,
    samples: {
      positives: [`MAILGUN_API_KEY=${hex('mailgun-6')}-${hex('mailgun-7', 8)}-${hex('mailgun-8', 8)}`],
      negatives: [`cache_key = "${hex('mailgun-9')}-${hex('mailgun-10', 8)}-${hex('mailgun-11', 8)}"`],
    },
  },
];

const registries: DetectionRule[] = [
  {
    id: 'npm-access-token',
    provider: 'npm',
    envVar: 'NPM_TOKEN',
    description: 'npm access token (granular or classic).',
    keywords: ['npm_'],
    pattern: token('npm_[A-Za-z0-9]{36}'),
    minEntropy: 3,
    samples: {
      positives: [`//registry.npmjs.org/:_authToken=npm_${t('alnum', 36, 'npm-1')}`],
      negatives: [`npm_${t('alnum', 30, 'npm-2')}`, 'npm_config_registry_url_for_the_project_x'],
    },
  },
  {
    id: 'pypi-upload-token',
    provider: 'PyPI',
    envVar: 'PYPI_API_TOKEN',
    description: 'PyPI API token (a macaroon for pypi.org).',
    keywords: ['pypi-ageichlwas5vcmc'],
    pattern: token('pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}'),
    minEntropy: 4,
    samples: {
      positives: [`password = pypi-AgEIcHlwaS5vcmc${t('base64url', 150, 'pypi-1')}`],
      negatives: [`pypi-AgEIcHlwaS5vcmc${t('base64url', 20, 'pypi-2')}`, `pypi-AgEIcHlwaS5vcmd${t('base64url', 150, 'pypi-3')}`],
    },
  },
];

const shopify: DetectionRule[] = (
  [
    ['shpat', 'access token', 'SHOPIFY_ACCESS_TOKEN'],
    ['shpss', 'shared secret', 'SHOPIFY_API_SECRET'],
    ['shpca', 'custom app access token', 'SHOPIFY_ACCESS_TOKEN'],
    ['shppa', 'private app access token', 'SHOPIFY_ACCESS_TOKEN'],
  ] as const
).map(([prefix, kind, envVar]) => ({
  id: `shopify-${kind.replace(/ /g, '-')}`,
  provider: 'Shopify',
  envVar,
  description: `Shopify ${kind}.`,
  keywords: [`${prefix}_`],
  pattern: token(`${prefix}_[a-fA-F0-9]{32}`),
  minEntropy: 3,
  samples: {
    positives: [`${envVar}=${prefix}_${hex(`shopify-${prefix}-1`)}`],
    negatives: [`${prefix}_${hex(`shopify-${prefix}-2`, 28)}`, `${prefix}_${t('alnum', 32, `shopify-${prefix}-3`).replace(/^./, 'z')}`],
  },
}));

const digitalOcean: DetectionRule[] = (
  [
    ['dop', 'personal access token', 'DIGITALOCEAN_ACCESS_TOKEN'],
    ['doo', 'OAuth access token', 'DIGITALOCEAN_ACCESS_TOKEN'],
    ['dor', 'OAuth refresh token', 'DIGITALOCEAN_REFRESH_TOKEN'],
  ] as const
).map(([prefix, kind, envVar]) => ({
  id: `digitalocean-${kind.toLowerCase().replace(/ /g, '-')}`,
  provider: 'DigitalOcean',
  envVar,
  description: `DigitalOcean ${kind}.`,
  keywords: [`${prefix}_v1_`],
  pattern: token(`${prefix}_v1_[a-f0-9]{64}`),
  minEntropy: 3,
  samples: {
    positives: [`${envVar}=${prefix}_v1_${hex(`do-${prefix}-1`, 64)}`],
    negatives: [`${prefix}_v1_${hex(`do-${prefix}-2`, 40)}`, `${prefix}_v2_${hex(`do-${prefix}-3`, 64)}`],
  },
}));

const azureKey = (seed: string, length = 86) => t('base64', length, `azure-${seed}`);
const azure: DetectionRule[] = [
  {
    id: 'azure-storage-connection-string',
    provider: 'Azure Storage',
    envVar: 'AZURE_STORAGE_CONNECTION_STRING',
    description: 'Azure Storage connection string with an account key.',
    keywords: ['accountkey='],
    pattern: /(?<secret>DefaultEndpointsProtocol=https?;(?:[A-Za-z]+=[^;\s"'`]*;){0,6}?AccountKey=[A-Za-z0-9+/]{86}==(?:;[A-Za-z]+=[^;\s"'`]*){0,6};?)/g,
    // Azurite's development account has a published key; it unlocks nothing.
    accept: (secret) => /;AccountName=[a-z0-9]{3,24};/.test(secret) && !/AccountName=devstoreaccount1;/.test(secret),
    samples: {
      positives: [
        `AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=keystashdemo;AccountKey=${azureKey('1')}==;EndpointSuffix=core.windows.net"`,
      ],
      negatives: [
        `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${azureKey('2')}==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;`,
        `DefaultEndpointsProtocol=https;AccountName=keystashdemo;AccountKey=${azureKey('3', 40)}==`,
      ],
    },
  },
];

const jwtSample = (payload: object, seed: string, header: object = { alg: 'HS256', typ: 'JWT' }) => fakeJwt(header, payload, `jwt-${seed}`);
const jwt: DetectionRule[] = [
  {
    id: 'jwt',
    provider: 'JWT',
    envVar: 'JWT',
    description: 'A signed JSON Web Token (header decodes to JSON with an "alg" other than none).',
    keywords: ['eyj'],
    pattern: token(String.raw`eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,}`),
    allowRuns: true,
    accept: isSignedJwt,
    samples: {
      positives: [
        `Authorization: Bearer ${jwtSample({ sub: 'svc-billing', iat: 1767225600, role: 'service_role' }, '1')}`,
        `SUPABASE_SERVICE_KEY=${jwtSample({ iss: 'supabase', ref: 'abcdefghij', role: 'service_role' }, '2', { alg: 'RS256', typ: 'JWT', kid: 'k1' })}`,
      ],
      negatives: [
        jwtSample({ sub: '1234567890', name: 'John Doe', iat: 1516239022 }, '3'),
        jwtSample({ sub: 'anyone' }, '4', { alg: 'none', typ: 'JWT' }),
        `eyJub3RqdW5rIjp0cnVlfQ.eyJzdWIiOiJ4In0.${t('base64url', 43, 'jwt-5')}`,
      ],
    },
  },
];

const privateKeys: DetectionRule[] = [
  {
    id: 'private-key',
    provider: 'Private key',
    envVar: 'PRIVATE_KEY',
    description: 'A PEM private key block (RSA, EC, DSA, OpenSSH, PKCS#8, encrypted, PGP), also inside a JSON string.',
    keywords: ['private key'],
    pattern:
      /(?<secret>-----BEGIN (?<kind>(?:[A-Z0-9]+ ){0,3})PRIVATE KEY(?<block> BLOCK)?-----(?:\r?\n|(?:\\r)?\\n|\s)[A-Za-z0-9+/=\s\\:,.-]{64,65536}?-----END \k<kind>PRIVATE KEY\k<block>-----)/g,
    allowRuns: true,
    accept: (secret) => pemBodyLength(secret) >= 64,
    normalize: (secret) => (/\r?\n/.test(secret) ? secret : secret.replace(/(?:\\r)?\\n/g, '\n')),
    envVarFor: ({ match }) =>
      match.groups?.kind === 'OPENSSH ' ? 'SSH_PRIVATE_KEY' : match.groups?.block ? 'PGP_PRIVATE_KEY' : null,
    samples: {
      positives: [
        fakePem('RSA PRIVATE KEY', 'pem-1'),
        fakePem('PRIVATE KEY', 'pem-2'),
        fakePem('OPENSSH PRIVATE KEY', 'pem-3'),
        `{"type": "service_account", "private_key": "${fakePem('PRIVATE KEY', 'pem-4').replace(/\n/g, '\\n')}\\n"}`,
        fakePem('ENCRYPTED PRIVATE KEY', 'pem-5'),
      ],
      negatives: [
        '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----',
        fakePem('PUBLIC KEY', 'pem-6'),
        fakePem('CERTIFICATE', 'pem-7'),
        `${fakePem('RSA PRIVATE KEY', 'pem-8').split('\n-----END')[0]}\n-----END EC PRIVATE KEY-----`,
      ],
    },
  },
];

/** The rules, highest priority first. */
export const RULES: readonly DetectionRule[] = [
  ...privateKeys,
  ...azure,
  ...jwt,
  ...aws,
  ...github,
  ...gitlab,
  ...stripe,
  ...slack,
  ...google,
  ...ai,
  ...messaging,
  ...registries,
  ...shopify,
  ...digitalOcean,
  {
    id: 'aws-secret-access-key',
    provider: 'AWS',
    envVar: 'AWS_SECRET_ACCESS_KEY',
    description: 'AWS secret access key, on a line that names it.',
    keywords: ['secret'],
    pattern: token('[A-Za-z0-9/+]{40}', '/+='),
    lineContext: /aws.{0,30}secret|secret.{0,30}aws|secret_?access_?key/i,
    minEntropy: 4.3,
    samples: {
      positives: [`aws_secret_access_key = ${t('base64', 40, 'aws-secret-1')}`, `"SecretAccessKey": "${t('base64', 40, 'aws-secret-2')}"`],
      negatives: [
        'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        `secret_sha = ${hex('aws-secret-3', 40)}`,
        `other = ${t('base64', 40, 'aws-secret-4')}`,
      ],
    },
  },
  genericSecretRule,
];

function decodeJsonPart(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}

function isSignedJwt(secret: string): boolean {
  const [headerPart = '', payloadPart = ''] = secret.split('.');
  const header = decodeJsonPart(headerPart);
  const payload = decodeJsonPart(payloadPart);
  if (!isObject(header) || !isObject(payload)) return false;
  if (typeof header.alg !== 'string' || header.alg.toLowerCase() === 'none') return false;
  const isJwtIoSample = payload.sub === '1234567890' && payload.name === 'John Doe';
  return !isJwtIoSample;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Base64 characters between the armour lines, ignoring headers like Proc-Type and escaped newlines. */
function pemBodyLength(secret: string): number {
  const body = secret
    .replace(/^-----BEGIN[^\n\\]*-----/, '')
    .replace(/-----END[^\n\\]*-----$/, '')
    .replace(/(?:\\r)?\\n/g, '\n')
    .split('\n')
    .filter((line) => !line.includes(':'))
    .join('');
  return body.replace(/[^A-Za-z0-9+/=]/g, '').length;
}
