/**
 * Lists a keychain service's accounts on Linux by asking the Secret Service over D-Bus for each
 * item's attributes, and nothing else.
 *
 * keytar can enumerate only through findCredentials, which loads every value as well: it decrypts
 * each secret into this process just for it to be dropped, takes about 1 s per 500 entries on
 * gnome-keyring (this way: about 0.2 s), and an entry deleted outside (Seahorse, another Keystash
 * process) between its search and its reads makes it reject ("No such secret item") or crash the
 * whole process (libsecret hands it a NULL value). Here an item that vanishes mid-listing is gone,
 * which is what it is.
 *
 * Returns null when this way cannot answer: not Linux, no session bus, no Secret Service, a locked
 * item (only libsecret can prompt to unlock), or any reply it does not expect. The caller then
 * lists through keytar, whose errors say what to do.
 */

const SECRETS = 'org.freedesktop.secrets';
/** keytar's libsecret schema; libsecret adds it to every search, so this finds what keytar finds. */
const KEYTAR_SCHEMA = 'org.freedesktop.Secret.Generic';
/** libsecret's own D-Bus timeout: a Secret Service slower than this is not answering. */
const LISTING_TIMEOUT_MS = 25_000;
/** The errors a Secret Service answers for an item deleted since the search found it. */
const ITEM_GONE = new Set([
  'org.freedesktop.DBus.Error.UnknownMethod', // gnome-keyring: "Object does not exist at path …"
  'org.freedesktop.DBus.Error.UnknownObject',
  'org.freedesktop.Secret.Error.NoSuchObject',
]);

export interface DbusCall {
  path: string;
  interface: string;
  member: string;
  signature: string;
  body: unknown[];
}

/** A D-Bus call failed with this error name (the bus's own words are kept out of it). */
export class DbusCallError extends Error {
  constructor(readonly dbusName: string) {
    super(`D-Bus error ${dbusName}`);
  }
}

/** One connection to the Secret Service. Tests pass their own only to inject a failure. */
export interface SecretServiceConnection {
  /** The method's out-arguments; rejects with DbusCallError when the service answers an error. */
  call(message: DbusCall): Promise<unknown[]>;
  close(): void;
}

export type ConnectSecretService = () => Promise<SecretServiceConnection | null>;

export async function listAccountsOverSecretService(
  service: string,
  connect: ConnectSecretService = connectSessionBus,
): Promise<string[] | null> {
  const connection = await connect().catch(() => null);
  if (!connection) return null;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), LISTING_TIMEOUT_MS);
  });
  try {
    return await Promise.race([accountsOf(connection, service).catch(() => null), timedOut]);
  } finally {
    clearTimeout(timer);
    connection.close();
  }
}

async function accountsOf(connection: SecretServiceConnection, service: string): Promise<string[] | null> {
  const [unlocked, locked] = await connection.call({
    path: '/org/freedesktop/secrets',
    interface: 'org.freedesktop.Secret.Service',
    member: 'SearchItems',
    signature: 'a{ss}',
    body: [
      [
        ['service', service],
        ['xdg:schema', KEYTAR_SCHEMA],
      ],
    ],
  });
  if (!isStringArray(unlocked) || !isStringArray(locked) || locked.length > 0) return null;
  // All at once: the service answers them in order over the one connection.
  const accounts = await Promise.all(unlocked.map((path) => accountOf(connection, path, service)));
  if (accounts.includes(undefined)) return null;
  return accounts.filter((account) => typeof account === 'string');
}

/** The item's account; null when the item is gone; undefined when the reply is not understood. */
async function accountOf(connection: SecretServiceConnection, path: string, service: string): Promise<string | null | undefined> {
  let reply: unknown[];
  try {
    reply = await connection.call({
      path,
      interface: 'org.freedesktop.DBus.Properties',
      member: 'Get',
      signature: 'ss',
      body: ['org.freedesktop.Secret.Item', 'Attributes'],
    });
  } catch (error) {
    if (error instanceof DbusCallError && ITEM_GONE.has(error.dbusName)) return null;
    throw error;
  }
  // A variant arrives as [signature, [value]]; an a{ss} value as [key, value] pairs.
  const variant = reply[0];
  const pairs = Array.isArray(variant) && Array.isArray(variant[1]) ? variant[1][0] : undefined;
  if (!Array.isArray(pairs)) return undefined;
  const attributes = new Map<unknown, unknown>(pairs.filter((pair): pair is [unknown, unknown] => Array.isArray(pair) && pair.length === 2));
  const account = attributes.get('account');
  if (attributes.get('service') !== service || typeof account !== 'string') return undefined;
  return account;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

interface NativeBus {
  connection: { on(event: 'error', listener: (error: unknown) => void): void; end(): void };
  invoke(message: DbusCall & { destination: string }, callback: (error: unknown, ...out: unknown[]) => void): void;
}
type DbusNative = { sessionBus(): NativeBus };

/** The session bus from DBUS_SESSION_BUS_ADDRESS, as libsecret finds it; null off Linux or without one. */
async function connectSessionBus(): Promise<SecretServiceConnection | null> {
  if (process.platform !== 'linux' || !process.env.DBUS_SESSION_BUS_ADDRESS) return null;
  // Loaded here, on the first listing, so no other command pays for it.
  const imported = (await import('@homebridge/dbus-native')) as unknown as DbusNative & { default?: DbusNative };
  const bus = (imported.default ?? imported).sessionBus();
  let broken: ((error: unknown) => void) | undefined;
  const failed = new Promise<never>((_, reject) => {
    broken = reject;
  });
  failed.catch(() => undefined);
  // A dead socket or a refused handshake: every call pending or to come fails with it.
  bus.connection.on('error', (error) => broken?.(error));
  return {
    call: (message) =>
      Promise.race([
        failed,
        new Promise<unknown[]>((resolve, reject) => {
          bus.invoke({ destination: SECRETS, ...message }, (error, ...out) => {
            if (!error) resolve(out);
            else reject(new DbusCallError(String((error as { name?: unknown }).name ?? 'unknown')));
          });
        }),
      ]),
    close: () => bus.connection.end(),
  };
}
