// The tools a user might pick instead of Keystash, each on a throwaway store in a temp folder:
// `pass` (gpg, with a passphrase-less key in its own GNUPGHOME) and `keepassxc-cli` (a .kdbx
// whose password is fed on stdin). Nothing touches the user's own stores.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onPath, runProcess } from './processes.mjs';

const ENTRY = 'bench/api-key';
/** keepassxc-cli adds only to groups that exist; the root group has none. */
const KDBX_ENTRY = 'bench-api-key';

export async function createPassStore(value) {
  if (!onPath('pass') || !onPath('gpg')) return null;
  const dir = await mkdtemp(join(tmpdir(), 'keystash-bench-pass-'));
  const env = { ...process.env, GNUPGHOME: join(dir, 'gnupg'), PASSWORD_STORE_DIR: join(dir, 'store') };
  const close = async () => {
    await runProcess('gpgconf', ['--kill', 'all'], { env, expectCode: null }).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await runProcess('mkdir', ['-m', '700', env.GNUPGHOME]);
    await runProcess('gpg', ['--batch', '--passphrase', '', '--quick-gen-key', 'Keystash Bench <bench@example.invalid>', 'default', 'default', 'never'], { env });
    const listed = await runProcess('gpg', ['--list-keys', '--with-colons'], { env });
    const fingerprint = listed.stdout.split('\n').find((l) => l.startsWith('fpr:'))?.split(':')[9];
    if (!fingerprint) throw new Error('gpg made no key');
    await runProcess('pass', ['init', fingerprint], { env });
    await runProcess('pass', ['insert', '--multiline', ENTRY], { env, input: value });
  } catch (error) {
    await close();
    throw error;
  }
  return {
    label: '`pass show`',
    get: async () => {
      const { ms, stdout } = await runProcess('pass', ['show', ENTRY], { env });
      if (stdout.trimEnd() !== value) throw new Error('pass printed another value than the one stored');
      return ms;
    },
    close,
  };
}

export async function createKeepassStore(value) {
  if (!onPath('keepassxc-cli')) return null;
  const dir = await mkdtemp(join(tmpdir(), 'keystash-bench-kdbx-'));
  const db = join(dir, 'bench.kdbx');
  const password = 'bench-throwaway-password';
  const close = () => rm(dir, { recursive: true, force: true });
  try {
    // Its default key derivation, as `db-create` sets it for a user.
    await runProcess('keepassxc-cli', ['db-create', '-q', '-p', db], { input: `${password}\n${password}\n` });
    await runProcess('keepassxc-cli', ['add', '-q', '-p', db, KDBX_ENTRY], { input: `${password}\n${value}\n` });
  } catch (error) {
    await close();
    throw error;
  }
  return {
    label: '`keepassxc-cli show -s -a Password`',
    get: async () => {
      const { ms, stdout } = await runProcess('keepassxc-cli', ['show', '-q', '-s', '-a', 'Password', db, KDBX_ENTRY], { input: `${password}\n` });
      if (stdout.trimEnd() !== value) throw new Error('keepassxc-cli printed another value than the one stored');
      return ms;
    },
    close,
  };
}
