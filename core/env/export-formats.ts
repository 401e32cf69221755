import { VaultError } from '../errors';
import { dotenvAssignment } from './dotenv-format';
import { DEFAULT_K8S_SECRET_NAME, K8S_NAME_PATTERN, type ExportFormat } from './export-options';

/** One environment variable with its value, in the order it is written. */
export interface EnvVariable {
  name: string;
  value: string;
}

/**
 * The text of an export: what `keystash export` prints or writes, and what the app's Export… will
 * write from main. Every format reads back to exactly the given values.
 */
export function renderExport(format: ExportFormat, variables: readonly EnvVariable[], options: { secretName?: string } = {}): string {
  switch (format) {
    case 'dotenv':
      return lines(variables.map(({ name, value }) => dotenvAssignment(name, value) ?? unrepresentable(name)));
    case 'shell':
      return lines(variables.map(({ name, value }) => `export ${name}=${shellQuote(value)}`));
    case 'json':
      return `${JSON.stringify(Object.fromEntries(variables.map(({ name, value }) => [name, value])), null, 2)}\n`;
    case 'k8s':
      return kubernetesSecret(options.secretName ?? DEFAULT_K8S_SECRET_NAME, variables);
  }
}

const lines = (items: string[]) => items.map((l) => `${l}\n`).join('');

/** POSIX single quotes keep everything literal (newlines too); a quote is closed, escaped and reopened. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * A Secret manifest. Every scalar is a JSON string, which YAML reads as the same string: no key
 * or name (`on`, `yes`, `1e3`) can turn into a boolean or number under YAML 1.1 rules.
 */
function kubernetesSecret(name: string, variables: readonly EnvVariable[]): string {
  if (!K8S_NAME_PATTERN.test(name)) {
    throw new VaultError('INVALID_ARGUMENT', 'A Kubernetes Secret name uses lower-case letters, digits, "-" and "." (at most 253).', { field: 'name' });
  }
  const data = variables.map(({ name: key, value }) => `  ${JSON.stringify(key)}: ${JSON.stringify(Buffer.from(value, 'utf8').toString('base64'))}`);
  return lines([
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    `  name: ${JSON.stringify(name)}`,
    'type: Opaque',
    variables.length === 0 ? 'data: {}' : 'data:',
    ...data,
  ]);
}

function unrepresentable(name: string): never {
  throw new VaultError(
    'INVALID_ARGUMENT',
    `The value of ${name} cannot be written to a .env file so that dotenv reads it back unchanged (it mixes quotes with "#" or backslash sequences). Use --format json or shell for it.`,
  );
}
