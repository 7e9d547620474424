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

/** Every shell here that can run it, as argv: dash is Debian's /bin/sh; macOS's /bin/sh is bash in POSIX mode. */
const shells: string[][] = [...new Set(['/bin/sh', '/bin/dash', '/bin/bash'].filter((shell) => existsSync(shell)).map((shell) => realpathSync(shell)))].flatMap((shell) =>
  shell.endsWith('bash') ? [[shell], [shell, '--posix']] : [[shell]],
);
/** Where a mistake could signal "every process" (`kill -- -1`), the test runs in a pid namespace: only as root. */
const pidNamespaces = spawnSync('unshare', ['--pid', '--fork', 'true']).status === 0;
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

/** The script as tfui runs it (MILLISECONDS FINDER TFUI-PID [PS ARGUMENT…]); `exited` has its status and what it said (nothing, when all is well). */
/** The watchdog's fd 3, where tfui tells it what to watch. */
const tell = (child: ChildProcess) => child.stdio[3] as NodeJS.WritableStream;

function startWatchdog(shell: string[], timeoutMs: number, finder: [string, string[]]): { child: ChildProcess; exited: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(shell[0] as string, [...shell.slice(1), WATCHDOG_SCRIPT, String(timeoutMs), finder[0], String(process.pid), ...finder[1]], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stderr })));
  return { child, exited };
}

describe.each(shells.map((argv) => ({ shell: argv, name: argv.join(' ') })))('the watchdog run by $name', ({ shell }) => {
  it.each(finders)('when its input ends without "bye" it stops the watched groups and the escapees carrying their markers (finder: %s)', async (...finder) => {
    const ours = instance(`${marker}c${++cases}x`, `${marker}.web.1.1`);
    // The same instance's eleventh run: its marker starts with ours.
    const stranger = instance(`${marker}c${++cases}x`, `${marker}.web.1.11`);
    await waitFor(() => living(ours.tag) === 3 && living(stranger.tag) === 3);

    const watchdog = startWatchdog(shell, 1000, finder);
    tell(watchdog.child).end(`watch ${ours.root} ${marker}.web.1.1\n`);
    const began = Date.now();
    await waitFor(() => processesMatching(`-- ${ours.tag}-plain`).length === 0 && processesMatching(`-- ${ours.tag}-escaped`).length === 0);
    const termTook = Date.now() - began;
    await waitFor(() => living(ours.tag) === 0, { timeoutMs: 5000 });
    const killTook = Date.now() - began;
    expect(await watchdog.exited).toEqual({ code: 0, stderr: '' });

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

    const byeing = startWatchdog(shell, 1000, finders[0] as [string, string[]]);
    tell(byeing.child).write(`watch ${kept.root} run.web.1.${marker}\n`);
    tell(byeing.child).end('bye\n');
    expect(await byeing.exited).toEqual({ code: 0, stderr: '' });
    expect(living(kept.tag)).toBe(3);

    const releasing = startWatchdog(shell, 1000, finders[0] as [string, string[]]);
    // A release names the run too: the same number released for another marker (a reused pid) keeps the group watched.
    tell(releasing.child).end(`watch ${released.root} run.web.2.${marker}\nwatch ${kept.root} run.web.1.${marker}\nrelease ${released.root} run.web.2.${marker}\nrelease ${kept.root} run.web.1.${marker}x\n`);
    await waitFor(() => processesMatching(`-- ${kept.tag}-plain`).length === 0);
    expect(await releasing.exited).toEqual({ code: 0, stderr: '' });
    expect(living(released.tag)).toBe(3);
  });
  it.skipIf(!pidNamespaces)('a malformed line is skipped: no group 0 (its own) or 1 (everyone), no marker that is not one', () => {
    const tag = `${marker}c${++cases}x`;
    const malformed = ['watch 1 a', 'watch 0 a', 'watch 01 a', 'watch -5 a', 'watch x a', 'watch 2', 'watch 2 a;b', 'watch', ''];
    // In a pid namespace and a session of its own, where "every process" and "my group" are this
    // script's few (a group spans namespaces: setsid keeps the test's own out of reach): a victim in
    // the watchdog's own group, and beside it a real group to stop, which shows the stop did run.
    const script = [
      `perl -e 'sleep 100' -- ${tag}-victim & victim=$!`,
      `setsid perl -e 'sleep 100' -- ${tag}-watched & watched=$!`,
      // Its group exists once setsid has run in it.
      'until kill -s 0 -- "-$watched" 2>/dev/null; do sleep 0.01; done',
      `printf '%s\\n' ${malformed.map((line) => `'${line}'`).join(' ')} "watch $watched ${marker}.web.1.1" | ${shell.join(' ')} ${WATCHDOG_SCRIPT} 1000 proc 1 3<&0`,
      'kill -s 0 "$victim" && echo victim alive',
      // Its status says who ended it: 143 the watchdog's SIGTERM, 137 this script's SIGKILL 5 s on.
      '{ sleep 5; kill -s KILL "$watched"; } 2>/dev/null & wait "$watched"; echo "watched ended $?"',
      '{ kill -s KILL "$victim" $!; wait; } 2>/dev/null',
    ].join('\n');
    const result = spawnSync('unshare', ['--pid', '--fork', 'setsid', ...shell, '-c', script], { encoding: 'utf8', timeout: 20_000 });
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')).toEqual(['victim alive', 'watched ended 143', '']);
  });
});

it('the shells to run it with exist here, and the script passes `sh -n`', () => {
  expect(shells.length).toBeGreaterThan(0);
  for (const shell of shells) expect(spawnSync(shell[0] as string, [...shell.slice(1), '-n', WATCHDOG_SCRIPT]).status).toBe(0);
});
