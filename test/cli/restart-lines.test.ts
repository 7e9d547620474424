/**
 * Restart policies in line mode (stdout and stderr are pipes, no screen): the
 * lifecycle lines a crash loop prints, in order; a clean exit under `always`
 * restarting; a bad policy refused in one line; and a PORT already taken
 * reported on stderr only, so stdout stays what foreman would print.
 *
 * Every long-running program carries a unique marker and afterEach kills
 * whatever has it, tfui included, even when a test failed. Nothing sleeps for
 * a fixed time: each step waits for output with a deadline.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTfui, runTfui, type Running } from '../helpers/cli.js';
import { killMatching, processesMatching, uniqueMarker } from '../helpers/processes.js';
import { makeProject } from '../helpers/project.js';
import { waitFor } from '../helpers/wait-for.js';
import { holdPort, type HeldPort } from '../helpers/ports.js';

const WAIT_MS = 20_000;

let removers: Array<() => void> = [];
let markers: string[] = [];
let running: Running[] = [];
let servers: HeldPort[] = [];

afterEach(async () => {
  for (const tfui of running) if (tfui.child.exitCode === null && tfui.child.signalCode === null) tfui.child.kill('SIGKILL');
  for (const marker of markers) killMatching(marker);
  for (const remove of removers) remove();
  await Promise.all(servers.map((server) => server.close()));
  removers = [];
  markers = [];
  running = [];
  servers = [];
});

/** A temp project with this Procfile (MARKER replaced by a fresh marker). */
function project(procfile: string): { dir: string; marker: string } {
  const marker = uniqueMarker('tfuirestart');
  markers.push(marker);
  const made = makeProject({ Procfile: procfile.replaceAll('MARKER', marker) });
  removers.push(made.remove);
  return { dir: made.dir, marker };
}

function start(args: string[], cwd: string): Running {
  const tfui = startTfui(args, { cwd });
  running.push(tfui);
  return tfui;
}

/** stdout's lines (without the final empty one). */
function lines(text: string): string[] {
  return text.split('\n').filter((line, index, all) => !(line === '' && index === all.length - 1));
}

/**
 * The index of each pattern's line, each found after the previous one's;
 * throws naming the first pattern not found in order.
 */
function indicesInOrder(all: readonly string[], patterns: readonly RegExp[]): number[] {
  const found: number[] = [];
  let from = 0;
  for (const pattern of patterns) {
    const at = all.findIndex((line, index) => index >= from && pattern.test(line));
    if (at < 0) throw new Error(`no line matching ${pattern} after line ${from}:\n${all.map((l, i) => `${String(i).padStart(3)} ${l}`).join('\n')}`);
    found.push(at);
    from = at + 1;
  }
  return found;
}

const sleeper = (marker: string) => `exec perl -e 'sleep 1000' -- ${marker} $PS`;

describe('restart policies in line mode', () => {
  it('a crash loop prints each crash, each scheduled restart and the give-up, then stops the run with the last exit status', async () => {
    const { dir, marker } = project(`web: echo "web up"; ${sleeper('MARKER')}\nflaky: echo "dying words from $PS"; exit 7\n`);
    const result = await runTfui(['start', '--no-timestamp', '-r', 'flaky=on-failure', '--crash-loop', '2/60'], { cwd: dir });
    const out = lines(result.stdout);
    const describeRun = `status ${result.code}\n--- stdout ---\n${result.stdout}--- stderr ---\n${result.stderr}`;

    const flaky = (text: string) => new RegExp(`^flaky\\.1 +\\| ${text}$`);
    const started = flaky('started with pid (\\d+)');
    const dying = flaky('dying words from flaky\\.1');
    const exited = flaky('exited with code 7');
    const order = indicesInOrder(out, [
      started,
      dying,
      exited,
      flaky('restarting in 1s \\(on-failure, attempt 1\\)'),
      started,
      dying,
      exited,
      flaky('restarting in 2s \\(on-failure, attempt 2\\)'),
      started,
      dying,
      exited,
      flaky('gave up after 2 restarts in 60s \\(last: exit code 7\\)'),
      /^system +\| sending SIGTERM to all processes$/,
    ]);
    expect(order).toHaveLength(13);

    // Three runs, three different processes; nothing more from flaky.1 after the give-up.
    const pids = out.filter((line) => started.test(line)).map((line) => Number(started.exec(line)?.[1]));
    expect(pids, describeRun).toHaveLength(3);
    expect(new Set(pids).size, describeRun).toBe(3);
    expect(out.filter((line) => /^flaky\.1 +\| restarting in /.test(line)), describeRun).toHaveLength(2);
    expect(out.filter((line) => /^flaky\.1 +\| gave up /.test(line)), describeRun).toHaveLength(1);
    const gaveUpAt = order[11] as number;
    expect(out.slice(gaveUpAt + 1).filter((line) => line.startsWith('flaky.1')), describeRun).toEqual([]);
    // The give-up ends the run like any other ending: web is stopped, the status is flaky's.
    expect(out.slice(order[12] as number), describeRun).toContainEqual(expect.stringMatching(/^web\.1 +\| terminated by SIGTERM$/));
    expect(result.code, describeRun).toBe(7);
    expect(result.stderr, describeRun).toBe('');
    expect(processesMatching(marker)).toEqual([]);
  });

  it('-r all=always restarts a process that exits 0; SIGINT then ends the run with status 0', async () => {
    const { dir, marker } = project(`web: echo "web up"; ${sleeper('MARKER')}\nonce: echo "once ran MARKER"\n`);
    const tfui = start(['start', '--no-timestamp', '-r', 'all=always'], dir);
    const startedOnce = /^once\.1 +\| started with pid \d+$/;
    const describeRun = () => `--- stdout ---\n${tfui.stdout()}--- stderr ---\n${tfui.stderr()}`;
    await waitFor(() => lines(tfui.stdout()).filter((line) => startedOnce.test(line)).length >= 2, { timeoutMs: WAIT_MS, describe: describeRun });

    tfui.child.kill('SIGINT');
    const { code } = await tfui.exited;
    const out = lines(tfui.stdout());
    indicesInOrder(out, [
      startedOnce,
      /^once\.1 +\| once ran /,
      /^once\.1 +\| exited with code 0$/,
      /^once\.1 +\| restarting in 1s \(always, attempt 1\)$/,
      startedOnce,
      /^system +\| SIGINT received, starting shutdown$/,
      /^system +\| sending SIGTERM to all processes$/,
    ]);
    // The clean exit did not end the run (foreman would have): only the signal did.
    expect(out.filter((line) => /^system +\| sending SIGTERM to all processes$/.test(line)), describeRun()).toHaveLength(1);
    expect(out.some((line) => /^web\.1 +\| terminated by SIGTERM$/.test(line)), describeRun()).toBe(true);
    expect(code, describeRun()).toBe(0);
    expect(processesMatching(marker)).toEqual([]);
  });

  it('an invalid policy (-r web=sometimes) is one line on stderr and exit status 2', async () => {
    const { dir, marker } = project(`web: ${sleeper('MARKER')}\n`);
    const result = await runTfui(['start', '-r', 'web=sometimes'], { cwd: dir });
    const errLines = lines(result.stderr);
    expect(errLines, result.stderr).toHaveLength(1);
    expect(errLines[0]).toMatch(/^tfui: --restart: restart policy "sometimes" for web should be one of no, on-failure, always$/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(processesMatching(marker)).toEqual([]);
  });
});

describe('a PORT already in use, in line mode', () => {
  it('is named on stderr (with the holder) and never on stdout', async () => {
    // This test process holds the port web.1 will get (-p P makes web.1's PORT P).
    const held = await holdPort();
    servers.push(held);
    const { port } = held;

    const { dir, marker } = project(`web: echo "web has PORT=$PORT MARKER"\n`);
    const result = await runTfui(['start', '--no-timestamp', '-p', String(port)], { cwd: dir });
    const describeRun = `status ${result.code}\n--- stdout ---\n${result.stdout}--- stderr ---\n${result.stderr}`;

    expect(lines(result.stderr), describeRun).toEqual([`tfui: web.1: PORT ${held.holder}`]);
    // stdout is exactly foreman's lines: the process still starts (it may know better), and no warning.
    expect(lines(result.stdout), describeRun).toEqual([
      expect.stringMatching(/^web\.1  \| started with pid \d+$/),
      `web.1  | web has PORT=${port} ${marker}`,
      'web.1  | exited with code 0',
      'system | sending SIGTERM to all processes',
    ]);
    expect(result.stdout).not.toContain('in use');
    expect(result.code, describeRun).toBe(0);
  });
});
