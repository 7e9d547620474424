import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runTfui, startTfui, type Running } from '../helpers/cli.js';
import { killMatching, processesMatching, uniqueMarker } from '../helpers/processes.js';
import { useProjects } from '../helpers/project.js';
import { startInTmux, type TmuxApp } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait-for.js';

/** What a careless or hostile client, a stopped tfui or a bad pattern must not be able to do. */

const project = useProjects();
const marker = uniqueMarker('tfuirobust');
const started: Running[] = [];
const cleanups: Array<() => void> = [];
const sleeper = `exec perl -e '$SIG{TERM}=sub{exit 0}; $|=1; print "ready\\n"; print "a" x 26, "!\\n" for 1..8; sleep 1000' -- ${marker}`;
const stubborn = `exec perl -e '$SIG{TERM}=$SIG{HUP}="IGNORE"; $|=1; print "ready\\n"; sleep 1000' -- ${marker}`;

async function runningTfui(procfile = `web: ${sleeper}\n`, args: string[] = []) {
  const dir = project({ Procfile: procfile });
  const tfui = startTfui(['start', ...args], { cwd: dir });
  started.push(tfui);
  await waitFor(() => tfui.stdout().includes('ready'), { describe: () => tfui.stdout() + tfui.stderr() });
  return { dir, tfui };
}

afterEach(async () => {
  for (const tfui of started.splice(0)) {
    tfui.child.kill('SIGCONT');
    tfui.child.kill('SIGKILL');
    await tfui.exited;
  }
  for (const cleanup of cleanups.splice(0)) cleanup();
  killMatching(marker);
});

describe('the control socket under misuse', () => {
  it('after a protocol error nothing more the client sent is acted on', async () => {
    const { dir, tfui } = await runningTfui();
    const status = JSON.parse((await runTfui(['status', '--json'], { cwd: dir })).stdout) as { procfile: string };
    const { socketPathFor } = await import('../../src/control/socket-path.js');
    const socket = connect(socketPathFor({ procfilePath: status.procfile, root: dir }));
    cleanups.push(() => socket.destroy());
    let received = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
    socket.write(`garbage\n${JSON.stringify({ type: 'hello', protocol: 1, client: 'shell' })}\n${JSON.stringify({ id: 1, method: 'quit' })}\n`);
    await waitFor(() => received.includes('"not JSON"'));
    // tfui still runs, and still answers others.
    expect((await runTfui(['status'], { cwd: dir })).code).toBe(0);
    expect(tfui.child.exitCode).toBeNull();
    expect(received).not.toContain('"id":1');
  });

  it('a socket planted in a folder that is not private is never asked, and does not block a start', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'tfui-planted-'));
    cleanups.push(() => rmSync(temp, { recursive: true, force: true }));
    const dir = project({ Procfile: `web: ${sleeper}\n` });
    const { socketPathCandidates } = await import('../../src/control/socket-path.js');
    const planted = socketPathCandidates({ procfilePath: join(dir, 'Procfile'), root: dir }, { TMPDIR: temp }).find((path) => path.startsWith(temp)) as string;
    mkdirSync(join(planted, '..'));
    chmodSync(join(planted, '..'), 0o777);
    const fake = createServer((socket) => socket.end(`${JSON.stringify({ type: 'hello', protocol: 1, tfui: 'evil', pid: 1, procfile: '', root: '' })}\n`));
    await new Promise<void>((resolve) => fake.listen(planted, resolve));
    cleanups.push(() => fake.close());
    expect(await runTfui(['status'], { cwd: dir, env: { TMPDIR: temp } })).toMatchObject({ code: 1, stderr: 'tfui: no tfui is running for Procfile\n' });
    const tfui = startTfui(['start'], { cwd: dir, env: { TMPDIR: temp } });
    started.push(tfui);
    await waitFor(() => tfui.stdout().includes('ready'), { describe: () => tfui.stdout() + tfui.stderr() });
  });

  it('a tfui stopped with Ctrl-Z still holds its project: a second start says so and starts nothing', async () => {
    const { dir, tfui } = await runningTfui();
    tfui.child.kill('SIGSTOP');
    const second = await runTfui(['start'], { cwd: dir });
    tfui.child.kill('SIGCONT');
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/^tfui: a tfui holds .* but does not answer \(stopped with Ctrl-Z\?\)/);
    expect(second.stdout).toBe('');
    expect(processesMatching(marker, { programsOnly: true })).toHaveLength(1);
  });

  it('a pattern that backtracks without end is refused in one line, and tfui goes on', async () => {
    const { dir } = await runningTfui();
    const slow = await runTfui(['logs', '--grep', '^(a+)+$', 'web'], { cwd: dir });
    expect(slow.code).toBe(1);
    expect(slow.stderr).toMatch(/^tfui: pattern \/\^\(a\+\)\+\$\/ took longer than 250 ms to match; simplify it/);
    expect(await runTfui(['logs', '--grep', '^a+!$', 'web'], { cwd: dir })).toMatchObject({ code: 0, stdout: `${'a'.repeat(26)}!\n`.repeat(8) });
  });

  it('a restart that a quit overtakes says it was cancelled, and exits 1', async () => {
    const { dir } = await runningTfui(`stub: ${stubborn}\n`, ['-t', '2']);
    const restart = runTfui(['restart', 'stub'], { cwd: dir });
    await waitFor(async () => JSON.parse((await runTfui(['status', '--json'], { cwd: dir })).stdout).instances[0].state === 'stopping');
    expect((await runTfui(['quit'], { cwd: dir })).code).toBe(0);
    expect(await restart).toMatchObject({ code: 1, stderr: 'tfui: restart of stub cancelled: tfui is stopping every process\n' });
    expect(processesMatching(marker)).toEqual([]);
  });
});

describe('a signal while the screen is still loading', () => {
  let app: TmuxApp | undefined;
  afterEach(() => app?.kill());

  it('stops every process, even one that ignores SIGTERM and SIGHUP', async () => {
    const dir = project({ Procfile: `stub: ${stubborn}\n` });
    app = await startInTmux({ cwd: dir, args: ['start', '-t', '1'] });
    process.kill(await app.pid(), 'SIGTERM');
    await app.waitForExit();
    await waitFor(() => processesMatching(marker).length === 0, { timeoutMs: 5000, describe: () => `left: ${processesMatching(marker).join(', ')}` });
  });
});
