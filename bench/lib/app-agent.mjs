// "The app is running": its agent (core/agent), here in the bench's own process, which is idle while
// the CLI it answers runs. `during(measure)` runs one timed CLI call with the agent up; the agent is
// started before it and closed after it, untimed, so the figures without the app stay without it.
import { loadCoreHelpers } from './core-helpers.mjs';

export async function openAppAgent(vault, log) {
  const core = await loadCoreHelpers();
  const app = core.openVault({ env: vault.env });
  return {
    during: (measure) => async () => {
      const agent = await core.startAgent(app, vault.env, log);
      if (!agent) throw new Error('the agent did not start: another process answers on its socket');
      try {
        return await measure();
      } finally {
        await agent.close();
      }
    },
    close: () => app.shutdown(),
  };
}
