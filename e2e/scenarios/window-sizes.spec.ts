import { expect, test } from '../fixtures';

test.use({ vaultState: 'enrolled' });

// The app opens at 1120 × 760 and may be narrowed to 760 (electron/window.ts).
for (const [width, height] of [[1120, 760], [760, 600]] as const) {
  test(`at ${width} × ${height} every top-bar button is inside the window and named`, async ({ app, page }) => {
    await page.setViewportSize({ width, height });
    await app.createKeyViaApi({ name: 'Stripe live', secret: app.secrets.add('sk_live_window_size_5e6f'), provider: 'Stripe' });
    await app.reload();
    await app.main.expectShown();
    await app.main.select('Stripe live');
    await app.screenshot(`window-${width}`, 'main');
    const bar = page.getByRole('banner');
    const names = ['Add key', 'Import .env…', 'Export…', 'Scan a folder…', 'Audit log', 'Settings', 'Lock'];
    for (const name of names) {
      const button = bar.getByRole('button', { name, exact: true });
      await expect(button).toBeVisible();
      const box = await button.boundingBox();
      expect(box, name).not.toBeNull();
      expect(box!.x + box!.width, `${name} ends inside the window`).toBeLessThanOrEqual(width);
    }
    // Icon-only buttons keep a tooltip with their name.
    await expect(bar.getByRole('button', { name: 'Export…' })).toHaveAttribute('title', 'Export…');
  });
}
