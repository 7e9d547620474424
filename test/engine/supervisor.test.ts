import { afterEach, describe, expect, it } from 'vitest';
import { killMatching, processesMatching, uniqueMarker } from '../helpers/processes.js';
import { supervise } from '../helpers/supervised.js';
import { waitFor } from '../helpers/wait-for.js';

let marker = '';
let running: ReturnType<typeof supervise> | undefined;

function start(procfile: string, options?: Parameters<typeof supervise>[1]) {
  running = supervise(procfile, options);
  running.supervisor.start();
  return running;
}

/** A process that shows `marker` in its command line, so the test can find it (and only it). */
const sleeper = (seconds = 1000) => `perl -e 'sleep ${seconds}' -- ${marker}`;
// Ignores SIGHUP too: the kernel hangs up the pty's foreground group when the shell leading it dies.
// Says "ready" once it ignores them: before that, a SIGTERM would still end it.
const stubborn = () => `perl -e '$SIG{TERM}=$SIG{HUP}="IGNORE"; $|=1; print "ready\\n"; sleep 1000' -- ${marker}`;
const programs = () => processesMatching(marker, { programsOnly: true });

afterEach(async () => {
  await running?.cleanup();
  running = undefined;
  killMatching(marker);
});

describe('supervisor on real ptys', () => {
  marker = uniqueMarker('tfuieng');

  it('runs each instance in its own pty with foreman\'s PORT and PS', async () => {
    const s = start('web: tty; echo "ps=$PS port=$PORT"; sleep 30\nworker: echo "ps=$PS port=$PORT"; sleep 30\n', { formation: 'web=2,worker=1' });
    await s.waitForOutput('web.1', /ps=web\.1 port=5000/);
    await s.waitForOutput('web.2', /ps=web\.2 port=5001/);
    await s.waitForOutput('worker.1', /ps=worker\.1 port=5100/);
    expect(s.output('web.1')).toMatch(/^\/dev\/pts\/\d+/);
  });

  it('reports a non-zero exit as a crash with its code, and exit 0 as a clean exit', async () => {
    const s = start('bad: echo failing; exit 7\ngood: exit 0\n');
    const bad = await s.waitForEvent('exited', 'bad.1');
    const good = await s.waitForEvent('exited', 'good.1');
    expect(bad).toMatchObject({ code: 7, signal: null, state: 'crashed' });
    expect(good).toMatchObject({ code: 0, signal: null, state: 'exited' });
    expect(s.instance('bad.1')?.lastExit).toMatchObject({ code: 7 });
  });

  it('names the signal that killed a process', async () => {
    const s = start('victim: kill -KILL $$\n');
    const exited = await s.waitForEvent('exited', 'victim.1');
    expect(exited).toMatchObject({ code: null, signal: 'SIGKILL', state: 'crashed' });
  });

  it('announces the exit only after the last output reached the sink', async () => {
    const s = start('last: i=0; while [ $i -lt 2000 ]; do echo "line $i"; i=$((i+1)); done; printf "no newline at the end"\n');
    await s.waitForEvent('exited', 'last.1');
    const output = s.output('last.1');
    expect(output).toContain('line 1999');
    expect(output.endsWith('no newline at the end')).toBe(true);
    expect(s.flushes()).toBeGreaterThanOrEqual(1);
  });

  it('keeps every byte a process printed just before it exited, even with the machine busy', async () => {
    const s = start(`burst: node -e 'let s = ""; for (let i = 0; i < 20000; i++) s += "burst line " + i + "\\n"; process.stdout.write(s)'\nbusy: node -e 'const end = Date.now() + 3000; while (Date.now() < end) {}'\n`);
    await s.waitForEvent('exited', 'burst.1', 20_000);
    expect(s.output('burst.1')).toContain('burst line 19999');
  });

  it('gives the current snapshot to a late subscriber first', async () => {
    const s = start(`web: ${sleeper()}\n`);
    await s.waitForEvent('spawned', 'web.1');
    const seen: Array<string | null> = [];
    s.supervisor.subscribe((event, snapshot) => seen.push(event ? event.type : `snapshot:${snapshot.instances.map((i) => `${i.id}=${i.state}`).join(',')}`));
    expect(seen).toEqual(['snapshot:web.1=running']);
  });

  it('a user stop ends the instance as stopped, never as a crash', async () => {
    const s = start(`web: ${sleeper()}\n`);
    await s.waitForEvent('spawned', 'web.1');
    await s.supervisor.stopInstance('web.1');
    const exited = await s.waitForEvent('exited', 'web.1');
    expect(exited.state).toBe('stopped');
    expect(exited.signal).toBe('SIGTERM');
    expect(s.instance('web.1')?.state).toBe('stopped');
    expect(processesMatching(marker)).toEqual([]);
  });

  it('SIGKILLs a process that ignores SIGTERM once the timeout has passed', async () => {
    const s = start(`stubborn: ${stubborn()}\n`, { timeout: 0.5 });
    await s.waitForOutput('stubborn.1', /ready/);
    expect(s.instance('stubborn.1')?.killAt).toBeNull();
    const begun = Date.now();
    const stopped = s.supervisor.stopInstance('stubborn.1');
    // The screen counts down to the SIGKILL from this.
    expect(s.instance('stubborn.1')).toMatchObject({ state: 'stopping', killAt: expect.any(Number) });
    expect(Math.abs((s.instance('stubborn.1')?.killAt ?? 0) - (begun + 500))).toBeLessThan(100);
    await stopped;
    const took = Date.now() - begun;
    expect(s.instance('stubborn.1')?.killAt).toBeNull();
    expect(s.events.some((e) => e.type === 'killedAfterTimeout' && e.id === 'stubborn.1')).toBe(true);
    expect(took).toBeGreaterThanOrEqual(500);
    expect(took).toBeLessThan(500 + 1000);
    expect(processesMatching(marker)).toEqual([]);
  });

  it('stops a setsid grandchild and a double-forked daemon along with the instance', async () => {
    const daemon = `perl -MPOSIX -e 'fork and exit; setsid(); fork and exit; sleep 1000' -- ${marker}`;
    const s = start(`escapers: setsid ${sleeper()} & ${daemon}; ${sleeper()}\n`);
    await waitFor(() => programs().length === 3, { describe: s.describe });
    await s.supervisor.shutdown();
    expect(processesMatching(marker)).toEqual([]);
  });

  it('cleans up what a process left behind when it exits by itself', async () => {
    const s = start(`leaver: ${sleeper()} & setsid ${sleeper()} & sleep 0.3; exit 0\n`);
    await waitFor(() => programs().length === 2, { describe: s.describe });
    await s.waitForEvent('exited', 'leaver.1');
    expect(processesMatching(marker)).toEqual([]);
  });

  it('scaling web from 1 to 3 starts web.2 and web.3 on ports 5001 and 5002, and back to 1 stops them', async () => {
    const s = start(`web: echo "port=$PORT"; ${sleeper()}\n`);
    await s.waitForOutput('web.1', /port=5000/);
    s.supervisor.scale('web', 3);
    expect(s.events.find((e) => e.type === 'scaled')).toMatchObject({ processType: 'web', from: 1, to: 3 });
    await s.waitForOutput('web.2', /port=5001/);
    await s.waitForOutput('web.3', /port=5002/);
    s.supervisor.scale('web', 1);
    await s.waitForEvent('removed', 'web.3');
    await s.waitForEvent('removed', 'web.2');
    expect(s.snapshot().instances.map((i) => i.id)).toEqual(['web.1']);
    expect(s.snapshot().formation).toEqual([{ processType: 'web', count: 1 }]);
    await waitFor(() => programs().length === 1);
  });

  it('scaleBy counts from the wanted count, presses in a row included, and stops at 0', async () => {
    const s = start(`web: echo "port=$PORT"; ${sleeper()}\n`);
    await s.waitForOutput('web.1', /port=5000/);
    s.supervisor.scaleBy('web', 1);
    s.supervisor.scaleBy('web', 1);
    expect(s.snapshot().formation).toEqual([{ processType: 'web', count: 3 }]);
    await s.waitForOutput('web.3', /port=5002/);
    for (let i = 0; i < 5; i++) s.supervisor.scaleBy('web', -1);
    expect(s.snapshot().formation).toEqual([{ processType: 'web', count: 0 }]);
    expect(s.events.filter((e) => e.type === 'scaled').map((e) => (e.type === 'scaled' ? `${e.from}→${e.to}` : ''))).toEqual(['1→2', '2→3', '3→2', '2→1', '1→0']);
    await waitFor(() => programs().length === 0, { describe: s.describe });
  });

  it('scaling a type to 0 keeps it in the formation with a count of 0', async () => {
    const s = start(`web: ${sleeper()}\nworker: ${sleeper()}\n`);
    await s.waitForEvent('spawned', 'worker.1');
    s.supervisor.scale('worker', 0);
    await s.waitForEvent('removed', 'worker.1');
    expect(s.snapshot().formation).toEqual([
      { processType: 'web', count: 1 },
      { processType: 'worker', count: 0 },
    ]);
  });

  it('restarting an instance gives it a new pid and counts the restart', async () => {
    const s = start(`web: echo "pid=$$"; ${sleeper()}\n`);
    const first = await s.waitForEvent('spawned', 'web.1');
    await s.supervisor.restart('web.1');
    await waitFor(() => s.events.filter((e) => e.type === 'spawned').length === 2, { describe: s.describe });
    const second = s.events.filter((e) => e.type === 'spawned')[1];
    expect(second).toMatchObject({ id: 'web.1' });
    expect(second && 'pid' in second ? second.pid : first.pid).not.toBe(first.pid);
    expect(s.instance('web.1')).toMatchObject({ state: 'running', restarts: 1 });
    await waitFor(() => programs().length === 1);
  });

  it('restarting a type restarts each of its instances', async () => {
    const s = start(`web: ${sleeper()}\n`, { formation: 'web=2' });
    await s.waitForEvent('spawned', 'web.2');
    await s.supervisor.restartType('web');
    expect(s.events.filter((e) => e.type === 'restartRequested').map((e) => ('id' in e ? e.id : ''))).toEqual(['web.1', 'web.2']);
    await waitFor(() => s.snapshot().instances.every((i) => i.state === 'running' && i.restarts === 1), { describe: s.describe });
  });

  it('stopping a type stops each of its instances, and starting it brings them back', async () => {
    const s = start(`web: ${sleeper()}\nworker: ${sleeper()}\n`, { formation: 'web=2,worker=1' });
    await s.waitForEvent('spawned', 'web.2');
    await s.supervisor.stopType('web');
    expect(s.snapshot().instances.map((i) => `${i.id}=${i.state}`)).toEqual(['web.1=stopped', 'web.2=stopped', 'worker.1=running']);
    await s.supervisor.startType('web');
    expect(s.snapshot().instances.map((i) => `${i.id}=${i.state}`)).toEqual(['web.1=running', 'web.2=running', 'worker.1=running']);
  });

  it('stop then start brings an instance back', async () => {
    const s = start(`web: ${sleeper()}\n`);
    await s.waitForEvent('spawned', 'web.1');
    await s.supervisor.stopInstance('web.1');
    expect(s.instance('web.1')?.state).toBe('stopped');
    await s.supervisor.startInstance('web.1');
    expect(s.instance('web.1')?.state).toBe('running');
  });

  it('force kill skips the grace period', async () => {
    const s = start(`stubborn: ${stubborn()}\n`, { timeout: 20 });
    await s.waitForOutput('stubborn.1', /ready/);
    const shutdown = s.supervisor.shutdown();
    const killAt = () => s.supervisor.snapshot().instances.find((i) => i.id === 'stubborn.1')?.killAt ?? NaN;
    expect(killAt() - Date.now()).toBeGreaterThan(19_000);
    const begun = Date.now();
    const forced = s.supervisor.forceKill();
    expect(killAt() - Date.now()).toBeLessThanOrEqual(0);
    await forced;
    await shutdown;
    expect(Date.now() - begun).toBeLessThan(3000);
    expect(processesMatching(marker)).toEqual([]);
  });
});
