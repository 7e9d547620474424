import { afterEach, describe, expect, it } from 'vitest';
import { killMatching, processesMatching, uniqueMarker } from '../helpers/processes.js';
import { supervise } from '../helpers/supervised.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * Commands that arrive while an instance is stopping: none may start a
 * process that no row shows, or one that outlives tfui. Each of these
 * started such a process before the engine had one owner.
 */

let marker = '';
let running: ReturnType<typeof supervise> | undefined;

// Ignores SIGTERM and SIGHUP, so its stop lasts the whole timeout: the window the races need.
const stubborn = () => `perl -e '$SIG{TERM}=$SIG{HUP}="IGNORE"; print "ready\\n"; sleep 1000' -- ${marker}`;
const programs = () => processesMatching(marker, { programsOnly: true });

function start(formation: string) {
  running = supervise(`web: ${stubborn()}\n`, { formation, timeout: 1 });
  running.supervisor.start();
  return running;
}

afterEach(async () => {
  await running?.cleanup();
  running = undefined;
  killMatching(marker);
});

describe('commands while an instance is stopping', () => {
  marker = uniqueMarker('tfuirace');

  it('a restart of an instance being scaled away is refused, and no hidden process starts', async () => {
    const s = start('web=2');
    await s.waitForOutput('web.2', /ready/);
    s.supervisor.scale('web', 1, 'screen');
    expect(s.instance('web.2')?.state).toBe('stopping');
    expect(() => s.supervisor.restart('web.2', 'screen')).toThrow(/web\.2 is being scaled away/);
    await s.waitForEvent('removed', 'web.2');
    // The only process left is web.1's, and nothing started in web.2 after the scale-down.
    await waitFor(() => programs().length === 1, { describe: s.describe });
    const scaledAt = s.events.findIndex((e) => e.type === 'scaled');
    expect(s.events.slice(scaledAt).filter((e) => e.type === 'spawned')).toEqual([]);
    expect(s.snapshot().instances.map((i) => i.id)).toEqual(['web.1']);
  });

  it('restarting the type while its highest instance is scaled away restarts only the instances it keeps', async () => {
    const s = start('web=2');
    await s.waitForOutput('web.2', /ready/);
    s.supervisor.scale('web', 1, 'screen');
    const restarted = s.supervisor.restartType('web', 'screen');
    await s.waitForEvent('removed', 'web.2');
    await restarted;
    expect(s.events.filter((e) => e.type === 'restartRequested').map((e) => 'id' in e && e.id)).toEqual(['web.1']);
    expect(s.snapshot().instances.map((i) => [i.id, i.state])).toEqual([['web.1', 'running']]);
    await waitFor(() => programs().length === 1, { describe: s.describe });
  });

  it('a restart asked for during the stop countdown of a quit starts nothing, and nothing outlives the stop', async () => {
    const s = start('web=2');
    await s.waitForOutput('web.2', /ready/);
    const stopped = s.supervisor.shutdown('screen');
    await s.supervisor.restartType('web', 'screen');
    await s.supervisor.restart('web.1', 'screen');
    await stopped;
    expect(programs()).toEqual([]);
    const shutdownAt = s.events.findIndex((e) => e.type === 'shutdown');
    expect(s.events.slice(shutdownAt).filter((e) => e.type === 'spawned')).toEqual([]);
  });

  it('a restart already waiting on an instance\'s stop when the quit comes does not start it again', async () => {
    const s = start('web=1');
    await s.waitForOutput('web.1', /ready/);
    // The restart waits out the stubborn process's timeout; the quit comes meanwhile.
    const restart = s.supervisor.restart('web.1', 'screen');
    await s.waitForEvent('stopRequested', 'web.1');
    const stopped = s.supervisor.shutdown('screen');
    await Promise.all([restart, stopped]);
    expect(programs()).toEqual([]);
    expect(s.events.filter((e) => e.type === 'spawned')).toHaveLength(1);
  });

  it('a restart then a stop of one instance apply in that order: it ends stopped', async () => {
    const s = start('web=1');
    await s.waitForOutput('web.1', /ready/);
    const restart = s.supervisor.restart('web.1', 'screen');
    const stop = s.supervisor.stopInstance('web.1', 'screen');
    await Promise.all([restart, stop]);
    expect(s.instance('web.1')?.state).toBe('stopped');
    expect(programs()).toEqual([]);
    // The restart did start a new process before the stop ended it: both commands took effect, in order.
    expect(s.events.filter((e) => e.type === 'spawned')).toHaveLength(2);
  });

  it('scaling back up while the highest instance is being scaled away brings it back once its stop is done', async () => {
    const s = start('web=2');
    await s.waitForOutput('web.2', /ready/);
    s.supervisor.scale('web', 1, 'screen');
    s.supervisor.scale('web', 2, 'screen');
    await waitFor(() => s.events.filter((e) => e.type === 'spawned' && e.id === 'web.2').length === 2, { describe: s.describe });
    expect(s.events.some((e) => e.type === 'removed')).toBe(false);
    expect(s.snapshot().instances.map((i) => [i.id, i.state])).toEqual([
      ['web.1', 'running'],
      ['web.2', 'running'],
    ]);
    await waitFor(() => programs().length === 2, { describe: s.describe });
  });

  it('scaling up starts only the new instances: one the user stopped stays stopped', async () => {
    const s = start('web=1');
    await s.waitForOutput('web.1', /ready/);
    await s.supervisor.stopInstance('web.1', 'screen');
    s.supervisor.scale('web', 2, 'screen');
    await s.waitForOutput('web.2', /ready/);
    expect(s.snapshot().instances.map((i) => [i.id, i.state])).toEqual([
      ['web.1', 'stopped'],
      ['web.2', 'running'],
    ]);
  });
});
