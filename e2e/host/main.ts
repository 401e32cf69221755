// The browser host: the built renderer and the real core over loopback, so the whole UI can be
// tested in a real browser where the Electron binary cannot be installed. `npm run e2e:host`.
// stdout carries exactly one line, KEYSTASH_HOST_URL=<url>; everything else goes to stderr, and
// nothing printed ever holds a secret (requests are logged as method, path and status only).
import { randomBytes } from 'node:crypto';
import { startAgent } from '../../core/agent/agent-server';
import { createDispatcher } from '../../core/api/dispatcher';
import { createPlatformClipboard } from '../../core/clipboard/platform-clipboard';
import { isVaultError } from '../../core/errors';
import { openVault } from '../../core/open-vault';
import { readHostConfig } from './host-config';
import { createHostServer } from './host-server';
import { typedPathChooser } from './typed-path-chooser';

const log = (line: string) => process.stderr.write(`keystash-host: ${line}\n`);
/** Names the kind of failure only: a raw error's message could quote anything. */
const describe = (error: unknown) =>
  isVaultError(error) ? error.code : error instanceof Error ? error.name : typeof error;

async function main(): Promise<void> {
  const config = readHostConfig(process.env, import.meta.url);
  const vault = openVault({
    clipboard: createPlatformClipboard(),
    fileChooser: typedPathChooser,
    ...(config.idleMsOverride !== undefined ? { idleMsOverride: config.idleMsOverride } : {}),
  });
  // Fails here, before the URL is printed, when the keychain cannot be reached.
  await vault.status();
  vault.on('backgroundError', (error) => log(`background error: ${describe(error)}`));
  vault.watch();
  // The app's agent, so the CLI's reads against this vault go through it as they would with the app.
  const agent = await startAgent(vault, process.env, log).catch((error: unknown) => {
    log(`no agent: ${isVaultError(error) ? error.message : describe(error)}`);
    return null;
  });

  const token = randomBytes(32).toString('base64url');
  const dispatch = createDispatcher(vault, 'window', (operation, error) =>
    log(`internal error in ${operation}: ${describe(error)}`),
  );
  const server = createHostServer({ dispatch, events: vault, token, ...config, log });

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1); // a second signal: the user does not want to wait
    stopping = true;
    log(`${signal}: shutting down`);
    server.close();
    server.closeAllConnections();
    await agent?.close().catch((error: unknown) => log(`agent: ${describe(error)}`));
    await vault.shutdown().catch((error: unknown) => log(`shutdown: ${describe(error)}`));
    process.exit(0);
  };
  process.on('SIGTERM', (signal) => void stop(signal));
  process.on('SIGINT', (signal) => void stop(signal));

  server.listen(config.port, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    // The token rides in the fragment, which a browser never sends, so no request line carries it.
    process.stdout.write(`KEYSTASH_HOST_URL=http://127.0.0.1:${port}/#token=${token}\n`);
    log(`serving ${config.rendererDir}${config.idleMsOverride ? `; test idle timeout ${config.idleMsOverride} ms` : ''}`);
  });
}

main().catch((error: unknown) => {
  log(`could not start: ${error instanceof Error && !isVaultError(error) ? error.message : describe(error)}`);
  if (isVaultError(error)) log(error.message);
  process.exit(1);
});
