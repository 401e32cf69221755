import type { Keychain } from '../keychain/keychain';
import type { StoredRecoveryCode } from './recovery-codes';

/**
 * Everything the unlock model keeps, persisted in the keychain so that a restart (or a second
 * process, such as the CLI next to the app) sees the same replay window, failure count and backoff.
 */
export const AUTH_ACCOUNTS = {
  totpSecret: 'auth:totp-secret',
  pendingTotpSecret: 'auth:pending-totp-secret',
  state: 'auth:state',
  recoveryCodes: 'auth:recovery-codes',
  session: 'session',
} as const;

export interface AuthState {
  /** The last accepted TOTP time step; a code at or before it is a replay. */
  lastStep: number | null;
  failures: number;
  backoffUntil: number | null;
  reenrolmentRequired: boolean;
}

export interface SessionRecord {
  expiresAt: number;
  idleMs: number;
}

const INITIAL_STATE: AuthState = { lastStep: null, failures: 0, backoffUntil: null, reenrolmentRequired: false };

export class AuthStore {
  constructor(private readonly keychain: Keychain) {}

  totpSecret = () => this.keychain.get(AUTH_ACCOUNTS.totpSecret);
  pendingTotpSecret = () => this.keychain.get(AUTH_ACCOUNTS.pendingTotpSecret);
  setPendingTotpSecret = (secret: string) => this.keychain.set(AUTH_ACCOUNTS.pendingTotpSecret, secret);

  /** Makes the pending secret the active one. The active one is written first so a crash keeps one. */
  async promotePendingSecret(secret: string): Promise<void> {
    await this.keychain.set(AUTH_ACCOUNTS.totpSecret, secret);
    await this.keychain.delete(AUTH_ACCOUNTS.pendingTotpSecret);
  }

  async state(): Promise<AuthState> {
    return { ...INITIAL_STATE, ...(await this.readJson<Partial<AuthState>>(AUTH_ACCOUNTS.state)) };
  }

  setState = (state: AuthState) => this.keychain.set(AUTH_ACCOUNTS.state, JSON.stringify(state));

  async recoveryCodes(): Promise<StoredRecoveryCode[]> {
    return (await this.readJson<StoredRecoveryCode[]>(AUTH_ACCOUNTS.recoveryCodes)) ?? [];
  }

  setRecoveryCodes = (codes: StoredRecoveryCode[]) =>
    this.keychain.set(AUTH_ACCOUNTS.recoveryCodes, JSON.stringify(codes));

  session = () => this.readJson<SessionRecord>(AUTH_ACCOUNTS.session);
  setSession = (session: SessionRecord) => this.keychain.set(AUTH_ACCOUNTS.session, JSON.stringify(session));
  endSession = () => this.keychain.delete(AUTH_ACCOUNTS.session);

  private async readJson<T>(account: string): Promise<T | null> {
    const text = await this.keychain.get(account);
    if (!text) return null;
    try {
      return JSON.parse(text) as T;
    } catch {
      // A damaged auth entry must not unlock anything; treat it as absent (the safe default).
      return null;
    }
  }
}
