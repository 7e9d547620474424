/**
 * `tfui mcp` as a coding agent meets it: an MCP client from the official SDK
 * spawns the REAL built CLI (`node bin/tfui.js mcp`) over stdio, in a temp
 * project whose tfui runs in line mode in another process; every answer is
 * read as the agent reads it (the tool's text).
 *
 * Every Procfile line carries a unique marker; afterEach closes the client
 * (the `tfui mcp` process must be gone), stops tfui with SIGTERM and checks
 * that nothing with the marker survives. Nothing sleeps for a fixed time.
 */
import { describe, expect, it } from 'vitest';
import { type InstanceRow, SLEEP, call, connectAgent, isAlive, listProcesses, ok, project, startLineMode, useMcpCleanup, waitUntilRunning } from '../helpers/mcp-agent.js';
import { runTfui } from '../helpers/cli.js';
import { processesMatching } from '../helpers/processes.js';
import { waitFor } from '../helpers/wait-for.js';

useMcpCleanup();

describe('driving a running tfui with --allow-control', () => {
  it('restart of a type starts new processes for each of its instances', async () => {
    const { dir, marker } = project(`web: ${SLEEP}\nworker: ${SLEEP}\n`);
    const tfui = startLineMode(dir, ['-m', 'web=2,worker=1']);
    const agent = await connectAgent(dir, { allowControl: true });
    const before = await waitUntilRunning(agent, ['web.1', 'web.2', 'worker.1'], tfui);
    const pidOf = (rows: InstanceRow[], id: string) => rows.find((r) => r.id === id)?.pid;

    const text = await ok(agent, 'restart', { targets: ['web'] });
    const answered = [...text.matchAll(/^(web\.\d) running pid (\d+) PORT (\d+)$/gm)].map((m) => ({ id: m[1], pid: Number(m[2]), port: Number(m[3]) }));
    expect(answered.map((a) => `${a.id} :${a.port}`), text).toEqual(['web.1 :5000', 'web.2 :5001']);

    // tfui status --json from another shell agrees: new pids for web, the same for worker, and the old ones gone.
    const status = JSON.parse((await runTfui(['status', '--json'], { cwd: dir })).stdout) as { instances: InstanceRow[] };
    for (const id of ['web.1', 'web.2']) {
      expect(pidOf(status.instances, id), id).not.toBe(pidOf(before, id));
      expect(pidOf(status.instances, id), id).toBe(answered.find((a) => a.id === id)?.pid);
      expect(isAlive(pidOf(before, id) as number), `the old ${id}`).toBe(false);
    }
    expect(pidOf(status.instances, 'worker.1')).toBe(pidOf(before, 'worker.1'));
    await waitFor(() => processesMatching(`${marker} web.`, { programsOnly: true }).length === 2);
    expect(processesMatching(`${marker} web.`, { programsOnly: true }).sort()).toEqual(answered.map((a) => a.pid).sort());

    // The timeline says who asked.
    const timeline = await ok(agent, 'get_timeline', { target: 'web' });
    expect(timeline).toMatch(/web\.1 restart requested \(by agent\)/);
    expect(timeline).toMatch(/web\.2 restart requested \(by agent\)/);

    // An unknown name changes nothing and says why.
    const unknown = await call(agent, 'restart', { targets: ['nope'] });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toMatch(/nope/);
  });

  it('scale and stop change the formation; without --allow-control the same calls are refused and change nothing', async () => {
    const { dir } = project(`web: ${SLEEP}\n`);
    const tfui = startLineMode(dir);
    const reader = await connectAgent(dir);
    const before = await waitUntilRunning(reader, ['web.1'], tfui);

    for (const [name, args] of [['scale', { counts: { web: 2 } }], ['restart', { targets: ['web'] }], ['stop', { targets: ['web.1'] }]] as const) {
      const refused = await reader.client.callTool({ name, arguments: args }).then(
        (result) => ({ isError: result.isError === true, text: JSON.stringify(result.content) }),
        (error: unknown) => ({ isError: true, text: String(error) }),
      );
      expect(refused.isError, `${name} without --allow-control`).toBe(true);
      expect(refused.text).toMatch(new RegExp(`${name}.*not found`));
    }
    expect((await listProcesses(reader)).map((r) => `${r.id} ${r.pid}`)).toEqual(before.map((r) => `${r.id} ${r.pid}`));

    const controller = await connectAgent(dir, { allowControl: true });
    expect(await ok(controller, 'scale', { counts: { web: 2 } })).toMatch(/^web\.1 running pid \d+ PORT 5000\nweb\.2 running pid \d+ PORT 5001$/);
    expect(await ok(controller, 'stop', { targets: ['web.2'] })).toBe('web.2 stopped PORT 5001');
    expect((await listProcesses(reader)).map((r) => `${r.id} ${r.state}`)).toEqual(['web.1 running', 'web.2 stopped']);
  });
});
