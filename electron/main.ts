// Placeholder so the build has an entry; the Electron engineer replaces this file.
import { app } from 'electron';

void app.whenReady().then(() => {
  app.quit();
});
