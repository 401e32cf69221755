import type { Command } from 'commander';
import type { Enrolment } from '../../core/api/results';
import type { CliContext } from '../context';
import { fromApiError, usageError } from '../errors';
import { canPrompt } from '../io/cli-io';
import { promptLine } from '../io/prompt';

interface InitOptions {
  json?: boolean;
  confirm?: string;
}

const CONFIRM_ATTEMPTS = 3;

export function registerInit(program: Command, ctx: CliContext): void {
  program
    .command('init')
    .description('set up Keystash with an authenticator app: shows a QR code, asks for a code, prints recovery codes')
    .option('--json', 'print {"otpauthUri","secret"} and leave the set-up pending (finish it with --confirm)')
    .option('--confirm <code>', 'finish a pending set-up with the current code from the authenticator app')
    .action((options: InitOptions) => runInit(ctx, options));
}

async function runInit(ctx: CliContext, options: InitOptions): Promise<void> {
  if (options.confirm !== undefined) {
    const { recoveryCodes } = await ctx.call('confirmEnrolment', { code: options.confirm });
    showRecoveryCodes(ctx, recoveryCodes, options.json ?? false);
    return;
  }
  if (options.json) {
    const { otpauthUri, secret } = await ctx.call('beginEnrolment', {});
    ctx.output.json({ otpauthUri, secret });
    return;
  }
  if (!canPrompt(ctx.io)) {
    throw usageError('`keystash init` asks for a code, so it needs a terminal. In a script run `keystash init --json`, then `keystash init --confirm CODE`.');
  }
  const status = await ctx.call('authStatus', {});
  if (status.enrolled && status.unlocked) {
    ctx.output.note('Keystash is already set up. Confirming below replaces the current authenticator.\n');
  }
  await showEnrolment(ctx, await ctx.call('beginEnrolment', {}));
  showRecoveryCodes(ctx, await confirmInteractively(ctx), false);
}

async function showEnrolment(ctx: CliContext, enrolment: Enrolment): Promise<void> {
  // qrcode is needed only here; loading it lazily keeps every other command's start-up fast.
  // qrcode is CommonJS: in the split bundle its functions arrive on `default`.
  type QrCode = typeof import('qrcode');
  const imported = (await import('qrcode')) as QrCode & { default?: QrCode };
  const { toString: renderQr } = imported.default ?? imported;
  const qr = await renderQr(enrolment.otpauthUri, { type: 'terminal', small: true });
  ctx.output.lines(
    'Scan this QR code with your authenticator app (Google Authenticator, Authy, 1Password, ...):',
    '',
    qr.trimEnd(),
    '',
    'Or enter the secret by hand (time-based, 6 digits, every 30 s):',
    '',
    `  ${groupsOfFour(enrolment.secret)}`,
    '',
    `otpauth URI: ${enrolment.otpauthUri}`,
    '',
  );
  await ctx.output.flush(); // the QR code must be on screen before the prompt
}

async function confirmInteractively(ctx: CliContext): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    const code = await promptLine(ctx.io, 'Enter the code the app shows for Keystash: ');
    const result = await ctx.attempt('confirmEnrolment', { code });
    if (result.ok) return result.value.recoveryCodes;
    const retryable = result.error.code === 'WRONG_CODE' || result.error.code === 'INVALID_ARGUMENT';
    if (!retryable || attempt >= CONFIRM_ATTEMPTS) throw fromApiError(result.error);
    ctx.output.note(fromApiError(result.error).message);
  }
}

function showRecoveryCodes(ctx: CliContext, codes: readonly string[], json: boolean): void {
  if (json) {
    ctx.output.json({ recoveryCodes: codes });
    return;
  }
  ctx.output.note('Keystash is set up and unlocked.\n');
  ctx.output.lines('Recovery codes (each unlocks Keystash once if you lose your authenticator):', '', ...codes.map((c) => `  ${c}`), '');
  ctx.output.note(
    'These codes are shown only now. Store them somewhere safe outside this computer, such as a password manager or on paper.',
  );
}

export function groupsOfFour(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(' ');
}
