import { VaultError } from '../errors';

export interface KeyWithEnvVar {
  id: string;
  name: string;
  envVar: string | null;
}

/**
 * The environment variable each selected key goes under, for `run` and `export`. Every problem is
 * reported at once: keys without an envVar (named), and envVars that two keys would both set
 * (both named), since silently letting one win would hand a program the wrong key.
 */
export function environmentNames<K extends KeyWithEnvVar>(keys: readonly K[]): Map<string, K> {
  const byVar = new Map<string, K[]>();
  const missing: K[] = [];
  for (const key of keys) {
    if (!key.envVar) missing.push(key);
    else byVar.set(key.envVar, [...(byVar.get(key.envVar) ?? []), key]);
  }
  const problems: string[] = [];
  if (missing.length > 0) {
    problems.push(
      `${listNames(missing)} ${missing.length === 1 ? 'has' : 'have'} no environment variable; set one with \`keystash edit NAME --env-var VAR\``,
    );
  }
  for (const [envVar, holders] of byVar) {
    if (holders.length > 1) problems.push(`${listNames(holders)} ${holders.length === 2 ? 'both' : 'all'} use $${envVar}; select one of them, or give the others another --env-var`);
  }
  if (problems.length > 0) {
    throw new VaultError('INVALID_ARGUMENT', `${problems.join('. ')}.`, { field: 'keys' });
  }
  return new Map([...byVar].map(([envVar, [key]]) => [envVar, key!]));
}

const listNames = (keys: readonly KeyWithEnvVar[]) => keys.map((k) => `"${k.name}"`).join(', ');
