import { afterEach, describe, expect, it } from 'vitest';
import { startTfui, runTfui } from '../helpers/cli.js';
import { killMatching, processesMatching, uniqueMarker } from '../helpers/processes.js';
import { makeProject } from '../helpers/project.js';
import { waitFor } from '../helpers/wait-for.js';

const marker = uniqueMarker('tfuilife');
const sleeper = `perl -e 'sleep 1000' -- ${marker}`;
// Ignores every polite signal, SIGHUP included (sent when its pty's session leader dies).
// Says "ready" once it ignores them: before that, a SIGTERM would still end it.
const stubborn = `perl -e '$SIG{TERM}=$SIG{HUP}=$SIG{INT}="IGNORE"; $|=1; print "ready\\n"; sleep 1000' -- ${marker}`;
const daemon = `perl -MPOSIX -e 'fork and exit; setsid(); fork and exit; sleep 1000' -- ${marker}`;
const programs = () => processesMatching(marker, { programsOnly: true });
let cleanup: () => void = () => {};

afterEach(() => {
  cleanup();
  killMatching(marker);
});

function project(procfile: string) {
  const made = makeProject({ Procfile: procfile });
  cleanup = made.remove;
  return made.dir;
}

describe('exit status', () => {
  it('is the code of the first process to exit, and the others are stopped', async () => {
    const cwd = project(`web: ${sleeper}\nmigrate: sleep 0.2; exit 3\n`);
    const result = await runTfui(['start'], { cwd });
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/migrate\.1 +\| exited with code 3\n/);
    expect(result.stdout).toMatch(/system +\| sending SIGTERM to all processes\n/);
    expect(result.stdout).toMatch(/web\.1 +\| terminated by SIGTERM\n/);
    expect(programs()).toEqual([]);
  });

  it('is 128 + the signal number when the first process was killed by a signal', async () => {
    const cwd = project(`web: ${sleeper}\ncrash: sleep 0.2; kill -SEGV $$\n`);
    const result = await runTfui(['start'], { cwd });
    expect(result.stdout).toMatch(/crash\.1 +\| terminated by SIGSEGV\n/);
    expect(result.code).toBe(128 + 11);
  });

  it('is 0 when a process that exits 0 ends the run', async () => {
    const cwd = project(`web: ${sleeper}\nonce: true\n`);
    expect((await runTfui(['start'], { cwd })).code).toBe(0);
  });
});

describe('stopping tfui', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('%s stops every process, escapees included, and exits 0', async (signal) => {
    const cwd = project(`web: ${sleeper}\nworker: setsid ${sleeper} & ${daemon}; ${sleeper}\n`);
    const tfui = startTfui(['start'], { cwd });
    await waitFor(() => programs().length === 4, { describe: tfui.stdout });
    tfui.child.kill(signal);
    const { code } = await tfui.exited;
    expect(code).toBe(0);
    expect(tfui.stdout()).toContain(`system   | ${signal} received, starting shutdown\n`);
    expect(programs()).toEqual([]);
  });

  it('SIGKILLs a process that ignores SIGTERM after the timeout, within timeout + 1 s', async () => {
    const cwd = project(`web: ${sleeper}\nstubborn: ${stubborn}\n`);
    const tfui = startTfui(['start', '-t', '1'], { cwd });
    await waitFor(() => programs().length === 2 && /stubborn\.1 +\| ready/.test(tfui.stdout()), { describe: tfui.stdout });
    const begun = Date.now();
    tfui.child.kill('SIGINT');
    const { code } = await tfui.exited;
    const took = Date.now() - begun;
    expect(code).toBe(0);
    expect(took).toBeGreaterThanOrEqual(1000);
    expect(took).toBeLessThan(2000);
    expect(tfui.stdout()).toMatch(/system +\| sending SIGKILL to all processes\n/);
    expect(programs()).toEqual([]);
  });

  it('a second Ctrl-C kills at once instead of waiting for the timeout', async () => {
    const cwd = project(`stubborn: ${stubborn}\n`);
    const tfui = startTfui(['start', '-t', '30'], { cwd });
    await waitFor(() => /stubborn\.1 +\| ready/.test(tfui.stdout()), { describe: tfui.stdout });
    tfui.child.kill('SIGINT');
    await waitFor(() => tfui.stdout().includes('sending SIGTERM to all processes'));
    const begun = Date.now();
    tfui.child.kill('SIGINT');
    await tfui.exited;
    expect(Date.now() - begun).toBeLessThan(3000);
    expect(programs()).toEqual([]);
  });

  it('a closed stdout pipe stops everything instead of crashing', async () => {
    const cwd = project(`talker: while true; do echo ${marker}; sleep 0.01; done\nweb: ${sleeper}\n`);
    const tfui = startTfui(['start'], { cwd });
    await waitFor(() => tfui.stdout().includes(marker));
    tfui.child.stdout?.destroy();
    const { code } = await tfui.exited;
    expect(code).toBe(0);
    expect(tfui.stderr()).not.toMatch(/Error|at /);
    await waitFor(() => programs().length === 0);
  });
});
