import { expect, test } from '../fixtures';
import { wrongCode } from '../support/totp-codes';

test.use({ vaultState: 'enrolled' });

test('the audit view shows the events just made, and the chain verifies', async ({ app }) => {
  const name = 'SendGrid mail';
  await app.main.expectShown();
  await app.addKeyThroughForm({ name, secret: 'SG.audit_e2e_value_ab12cd34', provider: 'SendGrid' });
  await app.main.copyButton(name).click();
  await expect(app.main.toast).toContainText(`Copied ${name}`);
  await app.detail.reveal(name);
  await app.detail.button(name, 'Hide').click();
  await app.lock();
  await app.unlock.enterCode(await wrongCode(app.requireSecret()));
  await expect(app.unlock.message).toHaveText(/not right/);
  await app.unlockWithNextCode();

  await app.openAudit();
  const audit = app.audit;
  for (const label of ['Authenticator set up', 'Added', 'Copied', 'Revealed', 'Locked', 'Unlock failed', 'Unlocked']) {
    await expect(audit.rowsFor(label).first(), label).toBeVisible();
  }
  // Failed unlocks are shown prominently, above the log.
  await expect(audit.failureSummary).toContainText('1 failed unlock attempt');
  await expect(audit.rowsFor('Added')).toContainText(name);
  await app.screenshot('audit', 'audit-log');

  await audit.eventFilter.selectOption({ label: 'Copied' });
  await expect(audit.rows).toHaveCount(1);
  await expect(audit.rows).toContainText(name);
  await audit.eventFilter.selectOption({ label: 'All events' });
  await audit.keyFilter.selectOption({ label: name });
  await expect(audit.rowsFor('Added')).toHaveCount(1);
  await expect(audit.rowsFor('Unlocked')).toHaveCount(0);

  await audit.verify.click();
  await expect(audit.verifyResult).toContainText('Intact');
  await app.screenshot('audit', 'audit-verified');

  await audit.back.click();
  await app.main.expectShown();
});
