import { VaultError } from '../errors';
import type { AuditLog } from '../audit/audit-log';
import type { AuthStore, AuthState } from './auth-store';
import { findRecoveryCode, hashRecoveryCode, newRecoveryCodes } from './recovery-codes';
import { formatWait, recoveryCodeRequired, waitAfterFailures } from './throttle-policy';
import { newTotpSecret, totpUri, verifyTotp } from './totp';

/**
 * Enrolment and the checks behind unlock: TOTP with replay protection, recovery codes, and
 * throttling. State is re-read from the keychain before every attempt so that restarting the app,
 * or trying from the CLI instead, neither resets the failure count nor reopens the replay window.
 * Opening the session is the caller's job once a check here has passed.
 */
export class AuthService {
  constructor(
    private readonly store: AuthStore,
    private readonly audit: AuditLog,
    private readonly now: () => number,
    private readonly accountLabel: string,
  ) {}

  async isEnrolled(): Promise<boolean> {
    return (await this.store.totpSecret()) !== null;
  }

  /** Starts (or restarts) an enrolment; the caller checks that re-enrolment happens unlocked. */
  async beginEnrolment(): Promise<{ otpauthUri: string; secret: string }> {
    const secret = newTotpSecret();
    await this.store.setPendingTotpSecret(secret);
    return { otpauthUri: totpUri(secret, this.accountLabel), secret };
  }

  /** Checks the first code from the new authenticator, activates it, and issues recovery codes. */
  async confirmEnrolment(code: string): Promise<string[]> {
    const pending = await this.store.pendingTotpSecret();
    if (!pending) {
      throw new VaultError('NOT_ENROLLED', 'No enrolment is in progress. Start one first (keystash init).');
    }
    const step = await verifyTotp(pending, code, this.now());
    if (step === null) {
      throw new VaultError(
        'WRONG_CODE',
        'That code does not match the new secret. Check that the authenticator shows "Keystash" and that this device’s clock is right, then enter the current code.',
      );
    }
    const codes = newRecoveryCodes();
    const hashed = await Promise.all(codes.map(hashRecoveryCode));
    await this.store.setRecoveryCodes(hashed);
    await this.store.promotePendingSecret(pending);
    await this.store.setState({ lastStep: step, failures: 0, backoffUntil: null, reenrolmentRequired: false });
    await this.audit.append({ event: 'enrol' });
    return codes;
  }

  async checkUnlockCode(code: string): Promise<void> {
    const secret = await this.store.totpSecret();
    if (!secret) throw notEnrolled();
    const state = await this.admit('totp');
    const step = await verifyTotp(secret, code, this.now());
    if (step === null) return this.fail(state, 'wrong code', wrongCode());
    if (state.lastStep !== null && step <= state.lastStep) {
      return this.fail(
        state,
        'code reused',
        new VaultError('CODE_REUSED', 'This code was already used; wait for the next one.'),
      );
    }
    await this.store.setState({ ...state, lastStep: step, failures: 0, backoffUntil: null });
    await this.audit.append({ event: 'unlock', detail: { method: 'totp' } });
  }

  async checkRecoveryCode(code: string): Promise<number> {
    if (!(await this.isEnrolled())) throw notEnrolled();
    const state = await this.admit('recovery');
    const stored = await this.store.recoveryCodes();
    const index = await findRecoveryCode(stored, code);
    if (index === -1) {
      return this.fail(
        state,
        'wrong recovery code',
        new VaultError('WRONG_CODE', 'That recovery code is not valid or was already used.'),
      );
    }
    stored[index] = { ...stored[index]!, usedAt: new Date(this.now()).toISOString() };
    await this.store.setRecoveryCodes(stored);
    await this.store.setState({ ...state, failures: 0, backoffUntil: null, reenrolmentRequired: true });
    const left = stored.filter((c) => !c.usedAt).length;
    await this.audit.append({ event: 'recovery_used', detail: { codesLeft: left } });
    await this.audit.append({ event: 'unlock', detail: { method: 'recovery' } });
    return left;
  }

  async recoveryCodesLeft(): Promise<number> {
    return (await this.store.recoveryCodes()).filter((c) => !c.usedAt).length;
  }

  state(): Promise<AuthState> {
    return this.store.state();
  }

  /** Refuses an attempt while a backoff runs, or a TOTP attempt once only recovery codes may unlock. */
  private async admit(method: 'totp' | 'recovery'): Promise<AuthState> {
    const state = await this.store.state();
    const now = this.now();
    if (state.backoffUntil !== null && state.backoffUntil > now) {
      const waitMs = state.backoffUntil - now;
      await this.audit.append({ event: 'throttled', detail: { method, waitSeconds: Math.ceil(waitMs / 1000) } });
      throw throttled(waitMs, 'Too many wrong codes.');
    }
    if (method === 'totp' && recoveryCodeRequired(state.failures)) {
      // Refused without a check, but still an attempt: every attempt is audited, whatever its outcome.
      await this.audit.append({ event: 'throttled', detail: { method, recoveryCodeRequired: true } });
      throw new VaultError(
        'RECOVERY_REQUIRED',
        'After 100 wrong codes in a row, only a recovery code can unlock Keystash. Use one of your recovery codes.',
      );
    }
    return state;
  }

  private async fail(state: AuthState, reason: string, error: VaultError): Promise<never> {
    const failures = state.failures + 1;
    const waitMs = waitAfterFailures(failures);
    const backoffUntil = waitMs > 0 ? this.now() + waitMs : null;
    await this.store.setState({ ...state, failures, backoffUntil });
    await this.audit.append({ event: 'unlock_failed', detail: { reason, failures } });
    if (waitMs > 0) {
      await this.audit.append({ event: 'throttled', detail: { waitSeconds: Math.ceil(waitMs / 1000), failures } });
      throw throttled(waitMs, error.message);
    }
    throw error;
  }
}

function throttled(waitMs: number, lead: string): VaultError {
  return new VaultError('THROTTLED', `${lead} Try again in ${formatWait(waitMs)}.`, {
    retryAfterSeconds: Math.ceil(waitMs / 1000),
  });
}

const notEnrolled = () =>
  new VaultError('NOT_ENROLLED', 'Keystash is not set up yet. Run `keystash init` or open the app to enrol an authenticator.');

const wrongCode = () =>
  new VaultError('WRONG_CODE', 'That code is not right. Check that this device’s clock is correct and enter the current code.');
