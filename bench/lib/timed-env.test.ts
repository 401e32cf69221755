import { describe, expect, it } from 'vitest';
import { runProcess } from './processes.mjs';
import { markdownTable } from './report.mjs';
import { dropStartUpVariables } from './timed-env.mjs';

/** Variables Node acts on at every start would add the same cost to both sides of each ratio. */
describe('the timed processes’ environment', () => {
  it('starts processes without NODE_EXTRA_CA_CERTS or NODE_OPTIONS, and says in the table that they were removed', async () => {
    const env: Record<string, string | undefined> = { PATH: process.env.PATH, NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt', NODE_OPTIONS: '--no-warnings' };
    expect(dropStartUpVariables(env)).toEqual(['NODE_EXTRA_CA_CERTS', 'NODE_OPTIONS']);
    const seen = await runProcess(process.execPath, ['-e', 'process.stdout.write(JSON.stringify([process.env.NODE_EXTRA_CA_CERTS, process.env.NODE_OPTIONS]))'], { env });
    expect(JSON.parse(seen.stdout)).toEqual([null, null]);

    const machine = { cores: 2, cpu: 'x', node: 'v20', platform: 'linux x64' };
    const table = markdownTable({ date: '2026-12-07T00:00:00Z', mode: 'full', seconds: 1, machine, droppedVariables: ['NODE_EXTRA_CA_CERTS'], figures: [] });
    expect(table).toContain('NODE_EXTRA_CA_CERTS was set, and removed for every timed process');
    expect(markdownTable({ date: '2026-12-07T00:00:00Z', mode: 'full', seconds: 1, machine, droppedVariables: [], figures: [] })).not.toContain('removed');
  });

  it('leaves an environment without them as it is', () => {
    const env = { PATH: '/usr/bin' };
    expect(dropStartUpVariables(env)).toEqual([]);
    expect(env).toEqual({ PATH: '/usr/bin' });
  });
});
