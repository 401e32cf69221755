import type { Command } from 'commander';
import type { AuthStatus } from '../../core/api/results';
import { resolveKeychainService, resolveVaultHome } from '../../core/paths';
import type { CliContext } from '../context';
import { clockTime } from '../format/time';
import { printable } from '../io/output';
import { renderPairs } from '../io/table';

export function registerStatus(program: Command, ctx: CliContext): void {
  program
    .command('status')
    .description('show whether Keystash is set up and unlocked')
    .option('--json', 'print machine-readable JSON')
    .action(async (options: { json?: boolean }) => {
      const status = await ctx.call('authStatus', {});
      const where = { home: resolveVaultHome(ctx.env), keychainService: resolveKeychainService(ctx.env) };
      if (options.json) ctx.output.json({ ...status, ...where });
      else ctx.output.lines(renderPairs(describe(status, where)));
    });
}

function describe(status: AuthStatus, where: { home: string; keychainService: string }): [string, string][] {
  const rows: [string, string][] = [
    ['Set up:', status.enrolled ? 'yes' : status.enrolmentPending ? 'pending (finish with `keystash init --confirm CODE`)' : 'no (run `keystash init`)'],
    ['Session:', sessionText(status)],
  ];
  if (status.enrolled) rows.push(['Recovery codes left:', String(status.recoveryCodesLeft)]);
  if (status.throttledUntil) rows.push(['Throttled:', `no unlock attempts before ${clockTime(status.throttledUntil)}`]);
  if (status.recoveryCodeRequired) rows.push(['Unlock:', 'only a recovery code unlocks now']);
  if (status.reenrolmentRequired) rows.push(['Authenticator:', 'a recovery code was used; run `keystash init` to set it up again']);
  rows.push(['Vault folder:', printable(where.home)], ['Keychain service:', printable(where.keychainService)]);
  return rows;
}

function sessionText(status: AuthStatus): string {
  if (!status.unlocked) return 'locked';
  return status.sessionExpiresAt ? `unlocked until ${clockTime(status.sessionExpiresAt)} (extended by each use)` : 'unlocked';
}
