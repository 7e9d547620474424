/**
 * What the supervisor tells the watchdog: each run's process group as it
 * starts, and its release once tfui has seen the whole tree gone, across a
 * natural exit, a restart, a scale-down and the shutdown. A group left
 * watched would be signalled by a watchdog after tfui's death though tfui
 * had stopped it (its number may be someone else's by then); one released
 * too early would go unguarded.
 */
import { afterEach, expect, it } from 'vitest';
import { MARKER_VARIABLE } from '../../src/engine/process-tree.js';
import type { ProcessGuard } from '../../src/engine/watchdog.js';
import { killMatching, uniqueMarker } from '../helpers/processes.js';
import { supervise } from '../helpers/supervised.js';
import { waitFor } from '../helpers/wait-for.js';

const marker = uniqueMarker('tfuiguard');
let running: ReturnType<typeof supervise> | undefined;
afterEach(async () => {
  await running?.cleanup();
  killMatching(marker);
});

interface Told {
  verb: 'watch' | 'release';
  pgid: number;
  marker: string;
  /** Whether anything of the group was still alive when it was told. */
  groupAlive: boolean;
}

function recordingGuard(): { guard: ProcessGuard; told: Told[] } {
  const told: Told[] = [];
  const groupAlive = (pgid: number) => {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const guard: ProcessGuard = {
    watch: (pgid, m) => told.push({ verb: 'watch', pgid, marker: m, groupAlive: groupAlive(pgid) }),
    release: (pgid, m) => told.push({ verb: 'release', pgid, marker: m, groupAlive: groupAlive(pgid) }),
  };
  return { guard, told };
}

it('every group watched at its start is released once, after it is gone, whatever ended it', async () => {
  const { guard, told } = recordingGuard();
  const sleeper = `echo "$${MARKER_VARIABLE}"; exec perl -e 'sleep 1000' -- ${marker}`;
  running = supervise(`web: ${sleeper}\nonce: echo "$${MARKER_VARIABLE}"; exit 3\n`, { formation: 'web=2,once=1', guard, timeout: 1 });
  const s = running;
  s.supervisor.start();
  await s.waitForEvent('exited', 'once.1');
  await s.waitForOutput('web.2', /\.web\.2\.1/);
  await s.supervisor.restart('web.1');
  s.supervisor.scale('web', 1);
  await waitFor(() => s.events.some((e) => e.type === 'removed' && e.id === 'web.2'), { describe: s.describe });
  await s.supervisor.shutdown();

  const spawned = s.events.filter((e) => e.type === 'spawned').map((e) => (e as { pid: number }).pid);
  const watches = told.filter((t) => t.verb === 'watch');
  const releases = told.filter((t) => t.verb === 'release');
  // web.1 twice (the restart), web.2, once.1; each told with the marker its environment carries.
  expect(watches.map((t) => t.pgid).sort()).toEqual([...spawned].sort());
  expect(watches).toHaveLength(4);
  for (const watch of watches) expect(s.output('web.1') + s.output('web.2') + s.output('once.1')).toContain(watch.marker);
  // Each released exactly once, with its own marker, and only when nothing of it was left.
  expect(releases.map((t) => `${t.pgid} ${t.marker}`).sort()).toEqual(watches.map((t) => `${t.pgid} ${t.marker}`).sort());
  expect(releases.filter((t) => t.groupAlive)).toEqual([]);
  for (const watch of watches) expect(told.indexOf(watch)).toBeLessThan(told.findIndex((t) => t.verb === 'release' && t.pgid === watch.pgid));
});
