import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { socketPathFor } from '../../src/control/socket-path.js';
import { runTfui, startTfui, type Running } from '../helpers/cli.js';
import { killMatching, processesMatching, uniqueMarker } from '../helpers/processes.js';
import { useProjects } from '../helpers/project.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * The verbs from another shell against a tfui in line mode: a real tfui
 * process, a real socket, and each verb run as its own `tfui` process.
 */

const project = useProjects();
const marker = uniqueMarker('tfuiverb');
const started: Running[] = [];

const sleeper = `exec perl -e '$SIG{TERM}=sub{exit 0}; print "ready on $ENV{PORT}\\n"; sleep 1000' -- ${marker}`;
const ticker = `exec perl -e '$|=1; $SIG{TERM}=sub{exit 0}; for ($i=1;;$i++) { print "tick $i\\n"; select(undef,undef,undef,0.05) }' -- ${marker}`;
const PROCFILE = `web: ${sleeper}\nworker: ${sleeper}\nticker: ${ticker}\n`;

interface StatusJson {
  pid: number;
  formation: Array<{ processType: string; count: number }>;
  instances: Array<{ id: string; state: string; pid: number | null; port: number; restarts: number }>;
}

async function runningTfui(files: Record<string, string> = { Procfile: PROCFILE }, args: string[] = []) {
  const dir = project(files);
  const tfui = startTfui(['start', '-t', '2', ...args], { cwd: dir });
  started.push(tfui);
  await waitFor(() => (tfui.stdout().match(/ready on|tick 1/g) ?? []).length >= 2, { describe: () => tfui.stdout() + tfui.stderr() });
  const verb = (...words: string[]) => runTfui(words, { cwd: dir });
  const status = async () => JSON.parse((await verb('status', '--json')).stdout) as StatusJson;
  return { dir, tfui, verb, status };
}

afterEach(async () => {
  for (const tfui of started.splice(0)) {
    tfui.child.kill('SIGKILL');
    await tfui.exited;
  }
  killMatching(marker);
});

describe('verbs from another shell, against line mode', () => {
  it('status shows each instance with its state, pid and PORT, as a table and as JSON', async () => {
    const { verb, status } = await runningTfui();
    const table = await verb('status');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^INSTANCE\s+STATE\s+PID\s+PORT\s+UPTIME\s+RESTARTS\s+LAST EXIT$/m);
    expect(table.stdout).toMatch(/^web\.1\s+● running\s+\d+\s+5000\s/m);
    expect(table.stdout).toMatch(/^worker\.1\s+● running\s+\d+\s+5100\s/m);
    const json = await status();
    expect(json.instances.map((i) => [i.id, i.state, i.port])).toEqual([
      ['web.1', 'running', 5000],
      ['worker.1', 'running', 5100],
      ['ticker.1', 'running', 5200],
    ]);
    expect(json.instances.every((i) => typeof i.pid === 'number' && processesMatching(marker).includes(i.pid))).toBe(true);
  });

  it('restart, stop and scale act on the running tfui and say what they did; line mode goes on', async () => {
    const { verb, status, tfui } = await runningTfui();
    const before = await status();
    const restarted = await verb('restart', 'web');
    expect(restarted).toMatchObject({ code: 0, stdout: expect.stringMatching(/^web\.1 restarted \(pid \d+\)$/m) });
    const afterRestart = await status();
    const web = (s: StatusJson) => s.instances.find((i) => i.id === 'web.1');
    expect(web(afterRestart)?.pid).not.toBe(web(before)?.pid);
    expect(web(afterRestart)?.restarts).toBe(1);

    expect(await verb('stop', 'worker.1')).toMatchObject({ code: 0, stdout: 'worker.1 stopped\n' });
    expect((await status()).instances.find((i) => i.id === 'worker.1')?.state).toBe('stopped');
    // A stopped instance starts again with restart.
    expect(await verb('restart', 'worker.1')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^worker\.1 restarted \(pid \d+\)$/m) });

    expect(await verb('scale', 'worker=2')).toMatchObject({ code: 0, stdout: 'worker: 2 instances\n' });
    await waitFor(async () => (await status()).instances.find((i) => i.id === 'worker.2')?.state === 'running');
    expect((await status()).instances.find((i) => i.id === 'worker.2')?.port).toBe(5101);
    await waitFor(() => /worker\.2\s+\| ready on 5101/.test(tfui.stdout()));
    expect(tfui.child.exitCode).toBeNull();
    // Line mode says on stderr what another shell did; stdout stays foreman's lines.
    expect(tfui.stderr()).toBe('tfui: web.1 restarted from another shell\ntfui: worker.1 stopped from another shell\ntfui: worker.1 restarted from another shell\ntfui: worker scaled 1 → 2 from another shell\n');
  });

  it('a bad name or count changes nothing and says why in one line', async () => {
    const { verb, status } = await runningTfui();
    const before = (await status()).instances.map((i) => i.pid);
    const unknown = await verb('restart', 'nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^tfui: restart nope: no such process type or instance \(types: web, worker, ticker\)\n$/);
    const beyond = await verb('stop', 'web.3');
    expect(beyond).toMatchObject({ code: 1, stderr: 'tfui: stop web.3: web has 1 instance now\n' });
    const badScale = await verb('scale', 'web=lots');
    expect(badScale.code).toBe(2);
    expect(badScale.stderr.split('\n')).toHaveLength(2);
    const tooMany = await verb('scale', 'web=101');
    expect(tooMany).toMatchObject({ code: 1, stderr: 'tfui: cannot scale web to 101: use 0 to 100\n' });
    expect((await status()).instances.map((i) => i.pid)).toEqual(before);
  });

  it('logs prints the kept output: one instance plain, several with prefixes, -n, --grep and -f', async () => {
    const { verb, tfui, dir } = await runningTfui();
    await waitFor(() => /tick 5\n/.test(tfui.stdout()));
    const web = await verb('logs', 'web');
    expect(web).toMatchObject({ code: 0, stdout: 'ready on 5000\n' });
    const lastTwo = (await verb('logs', 'ticker', '-n', '2')).stdout.split('\n');
    expect(lastTwo).toHaveLength(3);
    expect(lastTwo[0]).toMatch(/^tick \d+$/);
    const several = await verb('logs', 'web', 'worker');
    expect(several.stdout).toMatch(/^\d\d:\d\d:\d\d web\.1    \| ready on 5000\n\d\d:\d\d:\d\d worker\.1 \| ready on 5100\n$/);
    const grep = await verb('logs', '--grep', 'tick [1-3]$', 'ticker');
    expect(grep.stdout).toBe('tick 1\ntick 2\ntick 3\n');
    const badGrep = await verb('logs', '--grep', '(', 'ticker');
    expect(badGrep.code).toBe(1);
    expect(badGrep.stderr).toMatch(/^tfui: bad pattern "\(": /);

    // -f prints what comes next, from where the tail ended, without a gap or a repeat, until tfui stops.
    const follow = startTfui(['logs', '-f', '-n', '1', 'ticker'], { cwd: dir });
    started.push(follow);
    await waitFor(() => follow.stdout().split('\n').length > 6, { describe: () => follow.stdout() + follow.stderr() });
    const ticks = follow.stdout().split('\n').filter(Boolean).map((line) => Number(/^tick (\d+)$/.exec(line)?.[1]));
    expect(ticks.every((n, i) => i === 0 || n === (ticks[i - 1] as number) + 1)).toBe(true);
    expect((await verb('quit')).code).toBe(0);
    expect(await follow.exited).toEqual({ code: 0, signal: null });
  });

  it('quit stops every process and lets tfui exit 0; the socket goes with it', async () => {
    const { verb, tfui, dir } = await runningTfui();
    const path = socketPathFor({ procfilePath: `${dir}/Procfile`, root: dir });
    expect(existsSync(path)).toBe(true);
    const quit = await verb('quit');
    expect(quit.code).toBe(0);
    expect(quit.stdout).toMatch(/^tfui \(pid \d+\): stopping every process\ntfui \(pid \d+\) has stopped\n$/);
    expect(await tfui.exited).toEqual({ code: 0, signal: null });
    expect(tfui.stdout()).toMatch(/system\s+\| sending SIGTERM to all processes/);
    expect(processesMatching(marker)).toEqual([]);
    expect(existsSync(path)).toBe(false);
  });
});
