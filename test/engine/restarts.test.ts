import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { InstanceSnapshot, SupervisorEvent } from '../../src/engine/index.js';
import { killMatching, processesMatching, uniqueMarker } from '../helpers/processes.js';
import { supervise, type SuperviseOptions } from '../helpers/supervised.js';
import { waitFor } from '../helpers/wait-for.js';

let marker = '';
let running: ReturnType<typeof supervise> | undefined;

/** A supervisor that also keeps, for each event, the instance's snapshot right after it. */
function start(procfile: string, options: SuperviseOptions) {
  const s = supervise(procfile, { lastLines: true, ...options });
  running = s;
  const after: Array<{ event: SupervisorEvent; instance: InstanceSnapshot | undefined }> = [];
  s.supervisor.subscribe((event, snapshot) => {
    if (event && 'id' in event) after.push({ event, instance: snapshot.instances.find((i) => i.id === event.id) });
  });
  s.supervisor.start();
  const of = <T extends SupervisorEvent['type']>(type: T, id: string) =>
    s.events.filter((e): e is Extract<SupervisorEvent, { type: T }> => e.type === type && 'id' in e && e.id === id);
  return { ...s, after, of };
}

/** A long sleep that shows `marker` in its command line. */
const sleeper = () => `perl -e 'sleep 1000' -- ${marker}`;

afterEach(async () => {
  await running?.cleanup();
  running = undefined;
  killMatching(marker);
});

describe('restart policies on real crashing processes', () => {
  marker = uniqueMarker('tfuirst');

  it('on-failure restarts a crash after 1 s, then 2 s, then gives up on the crash loop naming exit code 7', async () => {
    // 2/60: two automatic restarts are allowed, the third crash in the window gives up.
    const s = start(`crasher: echo "dying words"; exit 7 # ${marker}\n`, { restart: [['crasher', 'on-failure']], crashLoop: '2/60' });
    const gaveUp = await s.waitForEvent('gaveUp', 'crasher.1', 15_000);

    const scheduled = s.of('restartScheduled', 'crasher.1');
    expect(scheduled.map((e) => [e.delayMs, e.attempt, e.policy])).toEqual([
      [1000, 1, 'on-failure'],
      [2000, 2, 'on-failure'],
    ]);
    expect(gaveUp.reason).toBe('gave up after 2 restarts in 60s (last: exit code 7)');

    const spawns = s.of('spawned', 'crasher.1');
    const exits = s.of('exited', 'crasher.1');
    expect(spawns).toHaveLength(3);
    expect(exits.map((e) => [e.code, e.signal, e.state])).toEqual([
      [7, null, 'crashed'],
      [7, null, 'crashed'],
      [7, null, 'crashed'],
    ]);
    for (const exit of exits) expect(exit.lastLines.at(-1)).toBe('dying words');
    // Each respawn waited out its backoff (timers may round down by a millisecond).
    scheduled.forEach((e, n) => expect((spawns[n + 1]?.at ?? 0) - e.at).toBeGreaterThanOrEqual(e.delayMs - 2));

    const backoff = s.after.find((a) => a.event === scheduled[0])?.instance;
    expect(backoff).toMatchObject({ state: 'backoff', restartAt: (scheduled[0]?.at ?? 0) + 1000, gaveUp: null });
    expect(s.instance('crasher.1')).toMatchObject({ state: 'crashed', gaveUp: gaveUp.reason, restartAt: null, restarts: 2, lastExit: { code: 7, signal: null } });
    // Giving up is the end: the event after the last exit, and nothing after it.
    expect(s.events.at(-1)).toBe(gaveUp);
  });

  it('names a process killed by SIGKILL by the signal, not its number, and restarts it under on-failure', async () => {
    const s = start(`victim: kill -KILL $$ # ${marker}\n`, { restart: [['victim', 'on-failure']] });
    await waitFor(() => s.of('spawned', 'victim.1').length >= 2, { describe: s.describe, timeoutMs: 10_000 });
    const [first] = s.of('exited', 'victim.1');
    expect(first).toMatchObject({ code: null, signal: 'SIGKILL', state: 'crashed' });
    expect(s.of('restartScheduled', 'victim.1')[0]).toMatchObject({ delayMs: 1000, attempt: 1, policy: 'on-failure' });
  });

  it('restarts a clean exit under always, but not under on-failure or no', async () => {
    const s = start(`once: exit 0 # ${marker}\nagain: exit 0 # ${marker}\nnever: exit 3 # ${marker}\n`, {
      restart: [
        ['once', 'on-failure'],
        ['again', 'always'],
      ],
    });
    // `again` comes back after its 1 s backoff; by then the others long had their turn.
    await waitFor(() => s.of('spawned', 'again.1').length >= 2, { describe: s.describe, timeoutMs: 10_000 });
    expect(s.of('restartScheduled', 'again.1')[0]).toMatchObject({ delayMs: 1000, policy: 'always' });
    expect(s.of('exited', 'again.1')[0]).toMatchObject({ code: 0, state: 'exited' });

    expect(s.of('exited', 'once.1').map((e) => [e.code, e.state])).toEqual([[0, 'exited']]);
    expect(s.of('exited', 'never.1').map((e) => [e.code, e.state])).toEqual([[3, 'crashed']]);
    for (const id of ['once.1', 'never.1']) {
      expect(s.of('spawned', id), id).toHaveLength(1);
      expect(s.of('restartScheduled', id), id).toEqual([]);
      expect(s.instance(id), id).toMatchObject({ restartAt: null, gaveUp: null, restarts: 0 });
    }
    expect(s.instance('once.1')?.state).toBe('exited');
    expect(s.instance('never.1')?.state).toBe('crashed');
  });

  it('a user stop during the backoff leaves the instance stopped, and it does not come back', async () => {
    const s = start(`crasher: exit 3 # ${marker}\n`, { restart: [['crasher', 'on-failure']] });
    const scheduled = await s.waitForEvent('restartScheduled', 'crasher.1');
    const restartAt = s.after.find((a) => a.event === scheduled)?.instance?.restartAt;
    expect(restartAt).toBe(scheduled.at + 1000);
    expect(Date.now(), 'the test must stop the instance while it is still waiting out its backoff').toBeLessThan(restartAt ?? 0);

    await s.supervisor.stopInstance('crasher.1');
    expect(s.of('stopRequested', 'crasher.1').map((e) => e.reason)).toEqual(['user']);
    expect(s.instance('crasher.1')).toMatchObject({ state: 'stopped', restartAt: null });

    // Well past the moment the restart was due: still one spawn, still stopped.
    await waitFor(() => Date.now() > (restartAt ?? 0) + 500);
    expect(s.of('spawned', 'crasher.1')).toHaveLength(1);
    expect(s.instance('crasher.1')).toMatchObject({ state: 'stopped', restartAt: null, restarts: 0 });
    expect(s.events.at(-1)).toMatchObject({ type: 'stopRequested', id: 'crasher.1' });
  });

  it('a restart by hand counts as a restart and clears a give-up', async () => {
    const script = `if [ -e ok ]; then echo steady; ${sleeper()}; else echo "dying words"; exit 7; fi`;
    const s = start(`crasher: ${script}\n`, { restart: [['crasher', 'on-failure']], crashLoop: '1/60' });
    const gaveUp = await s.waitForEvent('gaveUp', 'crasher.1');
    expect(s.instance('crasher.1')).toMatchObject({ state: 'crashed', gaveUp: gaveUp.reason, restarts: 1 });

    writeFileSync(join(s.app.root, 'ok'), '');
    await s.supervisor.restart('crasher.1');
    expect(s.of('restartRequested', 'crasher.1')).toHaveLength(1);
    expect(s.instance('crasher.1')).toMatchObject({ state: 'running', gaveUp: null, restarts: 2 });
    await s.waitForOutput('crasher.1', /steady/);
    await waitFor(() => processesMatching(marker, { programsOnly: true }).length === 1, { describe: s.describe });
  });

  it('after a restart by hand clears a give-up, the next crash is restarted automatically again', async () => {
    // The give-up was for the automatic restarts before the user stepped in; the user's restart is a fresh start.
    const s = start(`crasher: echo "dying words"; exit 7 # ${marker}\n`, { restart: [['crasher', 'on-failure']], crashLoop: '1/60' });
    await s.waitForEvent('gaveUp', 'crasher.1');
    expect(s.of('restartScheduled', 'crasher.1')).toHaveLength(1);

    await s.supervisor.restart('crasher.1');
    await waitFor(() => s.of('exited', 'crasher.1').length === 3, { describe: s.describe });
    // The decision follows the exit at once, so it is in the log by now.
    const afterManual = s.events.slice(s.events.indexOf(s.of('restartRequested', 'crasher.1')[0] as SupervisorEvent));
    expect(afterManual.map((e) => e.type)).toEqual(['restartRequested', 'spawned', 'exited', 'restartScheduled']);
    expect(s.instance('crasher.1')).toMatchObject({ state: 'backoff', gaveUp: null });
  });
});
