import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fakeJwt, fakePem, fakeToken as t } from '../../detect/fake-token';

/**
 * A small project with keys planted for every rule, in the files people really leave them in,
 * next to the look-alikes that must not be reported. Everything is generated: no real key, and
 * no key-shaped literal in the source.
 */

/** A key the scan must report: in this file, by this rule, with exactly this value. */
export interface Planted {
  path: string;
  ruleId: string;
  value: string;
}

/** A key the scan must not report, and why (ignored, binary, too large, vendored...). */
export interface Hidden {
  path: string;
  value: string;
  why: string;
}

export interface PlantedTree {
  planted: Planted[];
  hidden: Hidden[];
  /** Paths of files holding only decoys: nothing in them may be reported. */
  decoyFiles: string[];
}

class TreeBuilder {
  readonly files = new Map<string, string | Buffer>();
  readonly planted: Planted[] = [];
  readonly hidden: Hidden[] = [];
  readonly decoyFiles: string[] = [];

  /** A file whose planted keys `key(ruleId, value)` records as it returns them. */
  file(path: string, build: (key: (ruleId: string, value: string) => string) => string): void {
    this.files.set(path, build((ruleId, value) => {
      this.planted.push({ path, ruleId, value });
      return value;
    }));
  }

  /** A file the scan must not read or must not report, holding `value`. */
  hiddenFile(path: string, why: string, value: string, content: string | Buffer): void {
    this.hidden.push({ path, value, why });
    this.files.set(path, content);
  }

  decoys(path: string, content: string): void {
    this.decoyFiles.push(path);
    this.files.set(path, content);
  }
}

const hex = (seed: string, length = 32) => t('hex', length, `tree-${seed}`);
const alnum = (seed: string, length: number) => t('alnum', length, `tree-${seed}`);
const b64url = (seed: string, length: number) => t('base64url', length, `tree-${seed}`);
const digits = (seed: string, length = 12) => t('digits', length, `tree-${seed}`);

export async function writePlantedTree(root: string): Promise<PlantedTree> {
  const tree = new TreeBuilder();

  tree.file('.env', (k) =>
    [
      '# Local development settings',
      `STRIPE_SECRET_KEY=${k('stripe-secret-live', `sk_live_${alnum('stripe-live', 24)}`)}`,
      `STRIPE_PUBLISHABLE_KEY=pk_live_${alnum('stripe-pk', 24)}`,
      `STRIPE_RESTRICTED_KEY=${k('stripe-restricted-live', `rk_live_${alnum('stripe-rk-live', 99)}`)}`,
      `OPENAI_API_KEY=${k('openai-api-key', `sk-proj-${b64url('openai-a', 74)}T3BlbkFJ${b64url('openai-b', 74)}`)}`,
      `ANTHROPIC_API_KEY="${k('anthropic-api-key', `sk-ant-api03-${b64url('anthropic', 93)}AA`)}"`,
      `SENDGRID_API_KEY=${k('sendgrid-api-key', `SG.${b64url('sg-a', 22)}.${b64url('sg-b', 43)}`)}`,
      `HF_TOKEN=${k('huggingface-token', `hf_${t('letters', 34, 'tree-hf')}`)}`,
      `DATABASE_PASSWORD=${k('generic-secret', `${alnum('db-password', 22)}!7`)}`,
      `TWILIO_ACCOUNT_SID=AC${hex('twilio-sid')}`,
      `TWILIO_AUTH_TOKEN=${k('twilio-auth-token', hex('twilio-token'))}`,
      `TWILIO_API_KEY=${k('twilio-api-key', `SK${hex('twilio-key')}`)}`,
      `MAILGUN_API_KEY=${k('mailgun-api-key-v2', `${hex('mailgun-v2')}-${hex('mailgun-v2b', 8)}-${hex('mailgun-v2c', 8)}`)}`,
      'REDIS_URL=redis://localhost:6379/0',
      'LOG_LEVEL=debug',
      '',
    ].join('\n'),
  );

  tree.file('src/config.ts', (k) =>
    [
      "import { z } from 'zod';",
      '',
      'export const config = {',
      `  aws: { accessKeyId: '${k('aws-access-key-id', `AKIA${t('upperBase32', 16, 'tree-aws')}`)}', region: 'eu-west-1' },`,
      `  awsSecretAccessKey: '${k('aws-secret-access-key', t('base64', 40, 'tree-aws-secret'))}',`,
      `  github: { token: '${k('github-pat', `ghp_${alnum('ghp', 36)}`)}' },`,
      `  githubFineGrained: '${k('github-fine-grained-pat', `github_pat_${alnum('fg-a', 22)}_${alnum('fg-b', 59)}`)}',`,
      `  maps: { apiKey: '${k('google-api-key', `AIza${b64url('google', 35)}`)}' },`,
      `  alerts: '${k('slack-webhook-url', `https://hooks.slack.com/services/T${t('upperAlnum', 10, 'tree-sw1')}/B${t('upperAlnum', 10, 'tree-sw2')}/${alnum('sw3', 24)}`)}',`,
      `  stripeTest: '${k('stripe-secret-test', `sk_test_${alnum('stripe-test', 30)}`)}',`,
      `  stripeReportsTest: "${k('stripe-restricted-test', `rk_test_${alnum('stripe-rk-test', 24)}`)}",`,
      `  serviceToken: '${k('jwt', fakeJwt({ alg: 'HS256', typ: 'JWT' }, { sub: 'svc-reports', iat: 1767225600 }, 'tree-jwt'))}',`,
      '  // Decoys: ids, hashes and documentation keys.',
      "  requestId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',",
      "  docsExampleKey: 'AKIAIOSFODNN7EXAMPLE',",
      `  buildSha: '${hex('build-sha', 40)}',`,
      '  apiKeyFromEnv: process.env.INTERNAL_API_KEY,',
      '};',
      '',
    ].join('\n'),
  );

  tree.file('backend/settings.py', (k) =>
    [
      'import os',
      '',
      `SECRET_KEY = "${k('generic-secret', `django-insecure-${alnum('django', 40)}`)}"`,
      'DEBUG = False',
      `MAILGUN_KEY = "${k('mailgun-api-key', `key-${hex('mailgun')}`)}"`,
      `PYPI_PASSWORD = "${k('pypi-upload-token', `pypi-AgEIcHlwaS5vcmc${b64url('pypi', 120)}`)}"`,
      'DATABASES = {"default": {"PASSWORD": os.environ["DB_PASSWORD"]}}',
      `ALLOWED_HOSTS = ["api.internal", "${hex('host-hash', 12)}.example.net"]`,
      '',
    ].join('\n'),
  );

  tree.file('deploy/k8s/secrets.yaml', (k) =>
    [
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: app-secrets',
      'stringData:',
      `  AZURE_STORAGE_CONNECTION_STRING: "${k('azure-storage-connection-string', `DefaultEndpointsProtocol=https;AccountName=keystashfixture;AccountKey=${t('base64', 86, 'tree-azure')}==;EndpointSuffix=core.windows.net`)}"`,
      `  DIGITALOCEAN_ACCESS_TOKEN: ${k('digitalocean-personal-access-token', `dop_v1_${hex('dop', 64)}`)}`,
      `  SLACK_BOT_TOKEN: ${k('slack-bot-token', `xoxb-${digits('xoxb-a')}-${digits('xoxb-b', 13)}-${alnum('xoxb-c', 24)}`)}`,
      `  GITLAB_TOKEN: ${k('gitlab-pat', `glpat-${b64url('glpat', 20).replace(/[-_]/g, 'x')}`)}`,
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      `        - image: registry.example.com/app@sha256:${hex('image-digest', 64)}`,
      '',
    ].join('\n'),
  );

  tree.file('keys/deploy.pem', (k) => `${k('private-key', fakePem('RSA PRIVATE KEY', 'tree-rsa'))}\n`);
  tree.file('keys/id_ed25519', (k) => `${k('private-key', fakePem('OPENSSH PRIVATE KEY', 'tree-ssh', 400))}\n`);

  tree.file('service-account.json', (k) => {
    const pem = k('private-key', fakePem('PRIVATE KEY', 'tree-gcp'));
    return `${JSON.stringify(
      {
        type: 'service_account',
        project_id: 'keystash-fixture',
        private_key_id: hex('gcp-key-id', 40),
        private_key: `${pem}\n`,
        client_email: 'ci@keystash-fixture.iam.gserviceaccount.com',
        client_id: digits('gcp-client', 21),
      },
      null,
      2,
    )}\n`;
  });

  tree.file('.npmrc', (k) => `//registry.npmjs.org/:_authToken=${k('npm-access-token', `npm_${alnum('npm', 36)}`)}\n`);

  tree.file('app/integrations.rb', (k) =>
    [
      'class Integrations',
      `  SLACK_USER = "${k('slack-user-token', `xoxp-${digits('xoxp-a')}-${digits('xoxp-b')}-${digits('xoxp-c')}-${hex('xoxp-d')}`)}"`,
      `  GITHUB_OAUTH = "${k('github-oauth-token', `gho_${alnum('gho', 36)}`)}"`,
      `  GITHUB_APP = "${k('github-app-token', `ghs_${alnum('ghs', 36)}`)}"`,
      '  OPENAI_DOCS = "sk-..." # see https://platform.openai.com/api-keys',
      'end',
      '',
    ].join('\n'),
  );

  tree.file('config/shopify.toml', (k) =>
    [
      '[shopify]',
      `access_token = "${k('shopify-access-token', `shpat_${hex('shpat')}`)}"`,
      `shared_secret = "${k('shopify-shared-secret', `shpss_${hex('shpss')}`)}"`,
      `custom_app = "${k('shopify-custom-app-access-token', `shpca_${hex('shpca')}`)}"`,
      `private_app = "${k('shopify-private-app-access-token', `shppa_${hex('shppa')}`)}"`,
      '',
    ].join('\n'),
  );

  tree.file('infra/digitalocean.tf', (k) =>
    [
      'provider "digitalocean" {',
      `  token = "${k('digitalocean-oauth-access-token', `doo_v1_${hex('doo', 64)}`)}"`,
      '}',
      `# refresh: ${k('digitalocean-oauth-refresh-token', `dor_v1_${hex('dor', 64)}`)}`,
      '',
    ].join('\n'),
  );

  tree.file('README.md', (k) =>
    [
      '# Fixture app',
      '',
      'Configure AWS with the documentation keys, e.g. `AKIAIOSFODNN7EXAMPLE` and',
      '`wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`. Post to Slack with',
      '`https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX`.',
      '',
      '```sh',
      'export API_KEY=your_api_key_here',
      `export SHOPIFY_TOKEN=${k('shopify-access-token', `shpat_${hex('readme-shpat')}`)}   # oops, a real one`,
      '```',
      '',
      `Try the debugger: ${fakeJwt({ alg: 'HS256', typ: 'JWT' }, { sub: '1234567890', name: 'John Doe', iat: 1516239022 }, 'tree-jwtio')}`,
      '',
    ].join('\n'),
  );

  tree.decoys(
    'assets/theme.css',
    `.logo { background: url(data:image/png;base64,iVBORw0KGgo${t('base64', 3000, 'tree-png')}=); }\n` +
      `.icon { background: url("data:image/svg+xml;base64,PHN2Zy${t('base64', 400, 'tree-svg')}"); }\n`,
  );
  tree.decoys(
    'vendor-manifest.json',
    `${JSON.stringify(
      {
        name: 'fixture',
        packages: {
          'node_modules/ignore': { version: '7.0.5', integrity: `sha512-${t('base64', 86, 'tree-integrity')}==` },
          'node_modules/zod': { version: '4.0.0', integrity: `sha512-${t('base64', 86, 'tree-integrity2')}==` },
        },
        commit: hex('manifest-commit', 40),
        checksum: hex('manifest-sum', 64),
        id: '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b',
      },
      null,
      2,
    )}\n`,
  );
  tree.decoys(
    'docs/examples.md',
    [
      '```yaml',
      'password: changeme',
      'token: ${GITHUB_TOKEN}',
      'api_key: "<your-api-key>"',
      `stripe_publishable: pk_test_${alnum('docs-pk', 24)}`,
      'aws_access_key_id: AKIAIOSFODNN7EXAMPLE',
      '```',
      `Public key:\n${fakePem('PUBLIC KEY', 'tree-public')}`,
      '',
    ].join('\n'),
  );

  // What the scan must not read: ignored, vendored, lock files, binary, too large.
  tree.files.set('.gitignore', ['secrets.local.ts', 'build/', '.env.local', '*.log', ''].join('\n'));
  tree.files.set('.keystashignore', 'fixtures/\n');
  tree.files.set('sub/.gitignore', 'local-*.json\n!keep.log\n');
  tree.hiddenFile('secrets.local.ts', 'in .gitignore', `ghp_${alnum('ignored-ts', 36)}`, `export const token = 'ghp_${alnum('ignored-ts', 36)}';\n`);
  tree.hiddenFile('.env.local', 'in .gitignore', `sk_live_${alnum('ignored-env', 24)}`, `STRIPE_SECRET_KEY=sk_live_${alnum('ignored-env', 24)}\n`);
  tree.hiddenFile('build/bundle.js', 'in an ignored folder', `AIza${b64url('ignored-build', 35)}`, `var k="AIza${b64url('ignored-build', 35)}";\n`);
  tree.hiddenFile('debug.log', 'matched by *.log', `npm_${alnum('ignored-log', 36)}`, `token npm_${alnum('ignored-log', 36)}\n`);
  tree.hiddenFile('sub/local-dev.json', 'in a nested .gitignore', `ghp_${alnum('ignored-nested', 36)}`, `{"token": "ghp_${alnum('ignored-nested', 36)}"}\n`);
  tree.file('sub/keep.log', (k) => `re-included by !keep.log: ${k('github-pat', `ghp_${alnum('reincluded', 36)}`)}\n`);
  tree.hiddenFile('fixtures/sample.env', 'in .keystashignore', `sk_live_${alnum('keystashignore', 24)}`, `STRIPE_SECRET_KEY=sk_live_${alnum('keystashignore', 24)}\n`);
  tree.hiddenFile('scratch.txt', 'in .git/info/exclude', `ghp_${alnum('excluded', 36)}`, `ghp_${alnum('excluded', 36)}\n`);
  tree.files.set('.git/info/exclude', 'scratch.txt\n');
  tree.hiddenFile('.git/config', 'inside .git', `ghp_${alnum('dotgit', 36)}`, `[remote "origin"]\n\turl = https://ghp_${alnum('dotgit', 36)}@github.com/a/b\n`);
  tree.hiddenFile('node_modules/some-sdk/index.js', 'inside node_modules', `sk_live_${alnum('node-modules', 24)}`, `module.exports = "sk_live_${alnum('node-modules', 24)}";\n`);
  tree.hiddenFile(
    'package-lock.json',
    'a lock file',
    `npm_${alnum('lockfile', 36)}`,
    `{"packages": {"": {"name": "fixture"}}, "_authToken": "npm_${alnum('lockfile', 36)}"}\n`,
  );
  const binaryKey = `ghp_${alnum('binary', 36)}`;
  tree.hiddenFile('assets/font.woff2', 'a binary format', binaryKey, Buffer.concat([Buffer.from([0x77, 0x4f, 0x46, 0x32, 0]), Buffer.from(binaryKey)]));
  const blobKey = `sk_live_${alnum('blob', 24)}`;
  tree.hiddenFile('data/cache.blob', 'binary content (a NUL byte)', blobKey, Buffer.concat([Buffer.from([1, 2, 0, 3]), Buffer.from(`\n${blobKey}\n`)]));
  const bigKey = `AKIA${t('upperBase32', 16, 'tree-big')}`;
  const line = `INSERT INTO events VALUES (${digits('big-row', 8)}, 'page_view', '{"path": "/"}');\n`;
  tree.hiddenFile('dump/big.sql', 'over 1 MiB', bigKey, `-- aws ${bigKey}\n${line.repeat(Math.ceil((2 * 1024 * 1024) / line.length))}`);

  for (const [path, content] of tree.files) {
    const absolute = join(root, path);
    await mkdir(dirname(absolute), { recursive: true });
    await writeFile(absolute, content);
  }
  return { planted: tree.planted, hidden: tree.hidden, decoyFiles: tree.decoyFiles };
}
