import { expect, test } from '../fixtures';
import { keychainOutside } from '../support/keychain-outside';

test.use({ vaultState: 'enrolled' });

const ORPHAN_VALUE = 'orphan_e2e_5a4b3c2d1e0f99887766';

test('after unlock, drift shows as a banner; the review adopts and forgets only what the user picks', async ({ app }) => {
  await app.createKeyViaApi({ name: 'Stripe live', secret: app.secrets.add('sk_live_e2e_drift_0a1b2c3d4e5f') });
  const gone = await app.createKeyViaApi({ name: 'Old Mailgun', secret: app.secrets.add('key-e2e-drift-9f8e7d6c5b4a') });
  await app.keychainListingsDone();
  // Beside Keystash: one value deleted in "Seahorse", one left behind without a key.
  await keychainOutside.removeValue(app.location, gone.id);
  const orphan = await keychainOutside.plantOrphan(app.location, app.secrets.add(ORPHAN_VALUE));

  // The check runs in the background after an unlock, so the user meets it by unlocking.
  await app.lock();
  await app.unlockWithNextCode();
  await expect(app.drift.banner).toHaveText(/1 key has no value in the keychain · 1 value in the keychain has no key/);
  await app.screenshot('drift', 'banner');
  // The key's own panel says why Copy and Reveal cannot work, and what to do.
  await app.main.select('Old Mailgun');
  await expect(app.detail.panel('Old Mailgun')).toContainText('The keychain has no value for this key (removed outside Keystash). Rotate it to store a new one.');
  await app.main.select('Stripe live');
  await expect(app.detail.panel('Stripe live')).toContainText('Stored in the system keychain.');

  await app.drift.reviewButton.click();
  await expect(app.drift.dialog).toBeVisible();
  await expect(app.drift.item('Old Mailgun')).toContainText(gone.id);
  await expect(app.drift.item(orphan)).toBeVisible();
  await app.screenshot('drift', 'review');

  // Forgetting asks first, and "Keep" takes it back without a change.
  await app.drift.button('Old Mailgun', 'Forget Old Mailgun…').click();
  await expect(app.drift.item('Old Mailgun')).toContainText('Remove “Old Mailgun” from the list?');
  await app.screenshot('drift', 'review-confirm-forget');
  await app.drift.button('Old Mailgun', 'Keep').click();
  await expect(app.drift.button('Old Mailgun', 'Forget Old Mailgun…')).toBeFocused();
  expect(await app.keyNames()).toContain('Old Mailgun');

  await app.drift.button('Old Mailgun', 'Forget Old Mailgun…').click();
  await app.drift.button('Old Mailgun', 'Forget key').click();
  await expect(app.drift.item('Old Mailgun')).toContainText('Forgotten');
  expect(await app.keyNames()).not.toContain('Old Mailgun');

  // The window checks the keychain again after each repair; the review keeps its rows, so the
  // adopted value's row and its Rename… stay where the user is looking.
  await app.afterWindowKeychainCheck(async () => {
    await app.drift.button(orphan, `Adopt ${orphan}`).click();
    await expect(app.drift.item(orphan)).toContainText(/Adopted as “Recovered key .+”/);
  });
  await expect(app.drift.item(orphan)).toContainText(/Adopted as “Recovered key .+”/);
  await expect(app.drift.item('Old Mailgun')).toContainText('Forgotten');
  await app.screenshot('drift', 'review-repaired');
  // Adopting lists the value; it stays in the keychain, under the same entry.
  expect(await keychainOutside.read(app.location, orphan)).toBe(ORPHAN_VALUE);

  // The adopted key opens in the edit form to be named.
  await app.drift.button(orphan, 'Rename…').click();
  await expect(app.keyForm.name).toHaveValue(/^Recovered key /);
  await app.keyForm.name.fill('Recovered Stripe');
  await app.keyForm.submit();
  await expect(app.main.copyButton('Recovered Stripe')).toBeVisible();
  await expect(app.drift.banner).toBeHidden();
  expect(await app.keyNames()).toEqual(['Recovered Stripe', 'Stripe live']);
  await app.expectNoSecretInPage();
});

test('closing the review without choosing anything changes nothing', async ({ app }) => {
  const gone = await app.createKeyViaApi({ name: 'Twilio', secret: app.secrets.add('twilio_e2e_drift_1122334455') });
  await app.keychainListingsDone();
  await keychainOutside.removeValue(app.location, gone.id);
  await app.lock();
  await app.unlockWithNextCode();
  await app.drift.reviewButton.click();
  await app.page.keyboard.press('Escape');
  await expect(app.drift.dialog).toBeHidden();
  await expect(app.drift.banner).toHaveText(/1 key has no value in the keychain/);
  expect(await app.keyNames()).toEqual(['Twilio']);
});
