/**
 * The watchdog script on its own, run by each shell at hand as tfui runs it
 * (`/bin/sh tfui-watchdog.sh TENTHS FINDER…`), against real process groups:
 * what it does when its input ends without "bye" (tfui died), with "bye",
 * and for a released group. tfui itself under kill -9 is test/e2e/kill-nine.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { MARKER_VARIABLE } from '../../src/engine/process-tree.js';
import { WATCHDOG_SCRIPT } from '../../src/engine/watchdog.js';
import { psEnvironmentArgs } from '../../src/platform/ps-output.js';
import { killMatching, processesMatching, uniqueMarker } from '../helpers/processes.js';
import { waitFor } from '../helpers/wait-for.js';

const marker = uniqueMarker('tfuiwatch');
let cases = 0;
afterEach(() => killMatching(marker));

/** Every shell here that can run it: dash is Debian's /bin/sh, bash is macOS's. */
const shells = [...new Set(['/bin/sh', '/bin/dash', '/bin/bash'].filter((shell) => existsSync(shell)).map((shell) => realpathSync(shell)))];
const finders: Array<[string, string[]]> = [
  ['proc', []],
  ['ps', psEnvironmentArgs('linux') ?? []],
];

/**
 * An instance as a pty makes it: its own group (led by `sh`), with a plain
 * process, one that ignores SIGTERM, and an escapee in a session of its own
 * that only the marker in its environment ties to the instance.
 */
function instance(tag: string, instanceMarker: string): { root: number; tag: string } {
  const sleeper = (name: string) => `perl -e 'sleep 1000' -- ${tag}-${name}`;
  const script = [
    `${sleeper('plain')} &`,
    `perl -e '$SIG{TERM}="IGNORE"; sleep 1000' -- ${tag}-stubborn &`,
    `setsid ${sleeper('escaped')} &`,
    'wait',
  ].join('\n');
  // /bin/sh by its path: processesMatching's programsOnly leaves out `/bin/sh -c …`.
  const child = spawn('/bin/sh', ['-c', script], { detached: true, stdio: 'ignore', env: { ...process.env, [MARKER_VARIABLE]: instanceMarker } });
  child.unref();
  return { root: child.pid as number, tag };
}

const living = (tag: string) => processesMatching(`-- ${tag}-`, { programsOnly: true }).length;

function startWatchdog(shell: string, tenths: number, finder: [string, string[]]): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(shell, [WATCHDOG_SCRIPT, String(tenths), finder[0], ...finder[1]], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      // The script says nothing: anything on stderr is a shell that could not run it.
      expect(stderr).toBe('');
      resolve(code);
    }),
  );
  return { child, exited };
}

describe.each(shells)('the watchdog run by %s', (shell) => {
  it.each(finders)('when its input ends without "bye" it stops the watched groups and the escapees carrying their markers (finder: %s)', async (...finder) => {
    const ours = instance(`${marker}c${++cases}x`, `${marker}.web.1.1`);
    // The same instance's eleventh run: its marker starts with ours.
    const stranger = instance(`${marker}c${++cases}x`, `${marker}.web.1.11`);
    await waitFor(() => living(ours.tag) === 3 && living(stranger.tag) === 3);

    const watchdog = startWatchdog(shell, 10, finder);
    watchdog.child.stdin?.end(`watch ${ours.root} ${marker}.web.1.1\n`);
    const began = Date.now();
    await waitFor(() => processesMatching(`-- ${ours.tag}-plain`).length === 0 && processesMatching(`-- ${ours.tag}-escaped`).length === 0);
    const termTook = Date.now() - began;
    await waitFor(() => living(ours.tag) === 0, { timeoutMs: 5000 });
    const killTook = Date.now() - began;
    expect(await watchdog.exited).toBe(0);

    // SIGTERM at once to the group and the escapee; SIGKILL to the one that ignored it, once the second had passed.
    expect(termTook).toBeLessThan(900);
    expect(killTook).toBeGreaterThanOrEqual(950);
    // A process of another instance, even with a marker that starts the same, is not touched.
    expect(living(stranger.tag)).toBe(3);
  });

  it('with "bye" it ends and signals nothing; a released group is not signalled', async () => {
    const kept = instance(`${marker}c${++cases}x`, `run.web.1.${marker}`);
    const released = instance(`${marker}c${++cases}x`, `run.web.2.${marker}`);
    await waitFor(() => living(kept.tag) === 3 && living(released.tag) === 3);

    const byeing = startWatchdog(shell, 10, finders[0] as [string, string[]]);
    byeing.child.stdin?.write(`watch ${kept.root} run.web.1.${marker}\n`);
    byeing.child.stdin?.end('bye\n');
    expect(await byeing.exited).toBe(0);
    expect(living(kept.tag)).toBe(3);

    const releasing = startWatchdog(shell, 10, finders[0] as [string, string[]]);
    releasing.child.stdin?.end(`watch ${released.root} run.web.2.${marker}\nwatch ${kept.root} run.web.1.${marker}\nrelease ${released.root}\n`);
    await waitFor(() => processesMatching(`-- ${kept.tag}-plain`).length === 0);
    expect(await releasing.exited).toBe(0);
    expect(living(released.tag)).toBe(3);
  });
});

it('the shells to run it with exist here, and the script passes `sh -n`', () => {
  expect(shells.length).toBeGreaterThan(0);
  for (const shell of shells) expect(spawnSync(shell, ['-n', WATCHDOG_SCRIPT]).status).toBe(0);
});
