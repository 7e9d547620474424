/**
 * The verbs from another shell against the REAL full-screen app: tfui runs in
 * a private tmux server, and a second, real process (`node bin/tfui.js VERB`
 * in the project folder) drives it through the control socket. The
 * assertions are about what the screen shows (the rows, the notice in the
 * hint bar, the timeline's details), what the verb printed, `tfui status
 * --json`, and the processes left on the machine.
 *
 * Every Procfile line carries a unique marker; afterEach kills the tmux
 * server, tfui and everything with the marker, even after a failure. Nothing
 * sleeps for a fixed time: each step waits for what the screen must show.
 */
import { describe, expect, it } from 'vitest';
import { runTfui } from '../helpers/cli.js';
import { processesMatching, uniqueMarker } from '../helpers/processes.js';
import { makeProject } from '../helpers/project.js';
import { useE2eCleanup } from '../helpers/e2e-cleanup.js';
import { AFTER_TFUI, BEFORE_TFUI, startInTmux, type TmuxApp } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait-for.js';

const GLYPHS = '●◌↻✖○■';
const COLS = 120;
const ROWS = 30;

const { apps, removers, markers } = useE2eCleanup();

interface Scenario {
  app: TmuxApp;
  marker: string;
  dir: string;
  /** Runs `tfui ARGS` in the project folder, as another shell would. */
  verb(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** `tfui status --json`, from another shell. */
  status(): Promise<Status>;
  /** Living programs of the test (not their `sh -c`), optionally of one instance. */
  programs(instance?: string): number[];
}

interface Status {
  pid: number;
  instances: Array<{ id: string; state: string; pid: number | null; port: number; restarts: number }>;
}

/** Each type prints its `lines` (MARKER replaced), then sleeps as `perl … -- MARKER <instance>`. */
async function launch(types: Record<string, string>, args: string[] = []): Promise<Scenario> {
  const marker = uniqueMarker('tfuiremote');
  markers.push(marker);
  const procfile = Object.entries(types)
    .map(([name, lines]) => `${name}: ${lines ? `${lines.replaceAll('MARKER', marker)}; ` : ''}exec perl -e 'sleep 1000' -- ${marker} $PS\n`)
    .join('');
  const project = makeProject({ Procfile: procfile });
  removers.push(project.remove);
  const app = await startInTmux({ cwd: project.dir, args, cols: COLS, rows: ROWS });
  apps.push(app);
  const verb = (...verbArgs: string[]) => runTfui(verbArgs, { cwd: project.dir });
  return {
    app,
    marker,
    dir: project.dir,
    verb,
    async status() {
      const result = await verb('status', '--json');
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(result.stdout) as Status;
    },
    programs: (instance) => processesMatching(instance ? `${marker} ${instance}` : marker, { programsOnly: true }),
  };
}

// ---------------------------------------------------------------------------
// Reading the screen

/** An instance's sidebar row: `›● web.1  :5000 3s`. */
function sidebarRow(screen: string, id: string): { glyph: string; line: string } | undefined {
  for (const line of screen.split('\n')) {
    const match = new RegExp(`^[› ]([${GLYPHS}]) (\\S+)`).exec(line);
    if (match?.[2] === id) return { glyph: match[1] as string, line: line.split('│')[0] as string };
  }
  return undefined;
}

function glyphOf(screen: string, id: string): string | undefined {
  return sidebarRow(screen, id)?.glyph;
}

/** The hint bar: the last row with text. */
function hintBar(screen: string): string {
  return (
    screen
      .split('\n')
      .filter((line) => line.trim() !== '')
      .at(-1) ?? ''
  );
}

/** Waits until the first frame shows each of these instances running. */
async function running(app: TmuxApp, ids: string[]): Promise<string> {
  return app.waitForScreen((s) => ids.every((id) => glyphOf(s, id) === '●'), { what: `${ids.join(', ')} running` });
}

/** A living (not zombie) process. */
const isAlive = (pid: number): boolean => processesMatching('').includes(pid);

/** The timeline's open mark details: `web.1 · restart (by hand) · 12:34:56.789`, then the facts. */
function markDetails(screen: string): { headline: string; kind: string; facts: string } | undefined {
  const lines = screen.split('\n');
  const at = lines.findIndex((line) => /^\S+ · .+ · \d\d:\d\d:\d\d\.\d{3}$/.test(line.trimEnd()));
  if (at < 0) return undefined;
  const headline = (lines[at] as string).trimEnd();
  return { headline, kind: headline.split(' · ')[1] as string, facts: (lines[at + 1] ?? '').trimEnd() };
}

const hello = 'echo "$PS says hello (MARKER)"';

// ---------------------------------------------------------------------------

describe('verbs from another shell, on the screen', () => {
  it('scale worker=2: worker.2 gets a running row, and the hint bar says another shell did it', async () => {
    const { app, verb, status, programs } = await launch({ web: hello, worker: hello });
    await running(app, ['web.1', 'worker.1']);
    expect(sidebarRow(app.screen(), 'worker.2')).toBeUndefined();

    const scaled = await verb('scale', 'worker=2');
    expect(scaled.code, scaled.stderr).toBe(0);
    expect(scaled.stdout).toBe('worker: 2 instances\n');
    const screen = await app.waitForScreen((s) => glyphOf(s, 'worker.2') === '●' && hintBar(s).includes('worker scaled 1 → 2 from another shell'), {
      what: 'worker.2 running and the notice in the hint bar',
    });
    expect(sidebarRow(screen, 'worker.2')?.line, screen).toMatch(/^ ● worker\.2 +:5101\b/);
    expect(screen).toContain('tfui 3/3 running');

    // The same as tfui status says, and as the machine says.
    const worker2 = (await status()).instances.find((i) => i.id === 'worker.2');
    expect(worker2).toMatchObject({ state: 'running', port: 5101 });
    expect(programs('worker.2')).toEqual([worker2?.pid]);

    // Back down to 1: the row goes, and the notice says so.
    expect((await verb('scale', 'worker=1')).stdout).toBe('worker: 1 instance\n');
    await app.waitForScreen((s) => sidebarRow(s, 'worker.2') === undefined && hintBar(s).includes('worker scaled 2 → 1 from another shell'), {
      what: 'worker.2 gone and the notice of the scale-down',
    });
    await waitFor(() => programs('worker.2').length === 0);
  });

  it('restart web: a new pid, a notice, and the timeline says the restart came from another shell', async () => {
    const { app, verb, status, programs } = await launch({ web: hello, worker: hello });
    await running(app, ['web.1', 'worker.1']);
    const before = await status();
    const oldPid = before.instances.find((i) => i.id === 'web.1')?.pid as number;
    const workerPid = before.instances.find((i) => i.id === 'worker.1')?.pid;
    expect(programs('web.1')).toEqual([oldPid]);

    const restarted = await verb('restart', 'web');
    expect(restarted.code, restarted.stderr).toBe(0);
    const newPid = Number(/^web\.1 restarted \(pid (\d+)\)\n$/.exec(restarted.stdout)?.[1]);
    expect(newPid, restarted.stdout).toBeGreaterThan(0);
    expect(newPid).not.toBe(oldPid);

    await app.waitForScreen((s) => glyphOf(s, 'web.1') === '●' && hintBar(s).includes('web.1 restarted from another shell'), {
      what: 'the notice of the remote restart',
    });
    const after = await status();
    expect(after.instances.find((i) => i.id === 'web.1')).toMatchObject({ state: 'running', pid: newPid });
    expect(after.instances.find((i) => i.id === 'worker.1')?.pid, 'worker.1 was not restarted').toBe(workerPid);
    expect(isAlive(oldPid), 'the old web.1').toBe(false);
    expect(programs('web.1')).toEqual([newPid]);

    // t: the timeline on web.1 (the selected row); Enter: the newest mark's details; h back to the restart.
    app.sendKeys('t');
    await app.waitForScreen((s) => s.startsWith(' Timeline ') && /^›web\.1 /m.test(s), { what: 'the timeline, on web.1' });
    app.sendKeys('Enter');
    let screen = await app.waitForScreen((s) => markDetails(s) !== undefined, { what: 'the newest mark\'s details' });
    const seen: string[] = [];
    for (let step = 0; step < 8 && markDetails(screen)?.kind !== 'restart (by hand)'; step++) {
      const headline = markDetails(screen)?.headline as string;
      seen.push(headline);
      app.sendKeys('h');
      screen = await app.waitForScreen((s) => markDetails(s) !== undefined && markDetails(s)?.headline !== headline, { what: `an older mark than ${headline}` });
    }
    const restart = markDetails(screen);
    expect(restart?.headline, `marks walked: ${seen.join(' | ')}\n${screen}`).toMatch(/^web\.1 · restart \(by hand\) · /);
    expect(restart?.facts, screen).toBe('restarted from another shell');

    app.sendKeys('Escape');
    await app.waitForScreen((s) => markDetails(s) === undefined && s.startsWith(' Timeline '), { what: 'the details closed' });
    app.sendKeys('Escape');
    await app.waitForScreen((s) => !s.startsWith(' Timeline ') && glyphOf(s, 'web.1') === '●', { what: 'the timeline closed' });
  });

  it('stop web.1: its row shows ■, the notice says another shell stopped it, and its process is gone', async () => {
    const { app, verb, status, programs } = await launch({ web: hello, worker: hello });
    await running(app, ['web.1', 'worker.1']);
    const pid = (await status()).instances.find((i) => i.id === 'web.1')?.pid as number;

    const stopped = await verb('stop', 'web.1');
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stdout).toBe('web.1 stopped\n');
    const screen = await app.waitForScreen((s) => glyphOf(s, 'web.1') === '■' && hintBar(s).includes('web.1 stopped from another shell'), {
      what: 'web.1 stopped (■) and the notice',
    });
    expect(glyphOf(screen, 'worker.1'), screen).toBe('●');
    expect(isAlive(pid)).toBe(false);
    expect(programs('web.1')).toEqual([]);
    expect((await status()).instances.find((i) => i.id === 'web.1')).toMatchObject({ state: 'stopped', pid: null });

    // restart starts a stopped instance again.
    const again = await verb('restart', 'web.1');
    expect(again.stdout).toMatch(/^web\.1 restarted \(pid \d+\)\n$/);
    await app.waitForScreen((s) => glyphOf(s, 'web.1') === '●' && hintBar(s).includes('web.1 restarted from another shell'), { what: 'web.1 running again' });
    expect(programs('web.1')).toHaveLength(1);
  });

  it('logs web -n 5 prints the last lines the screen\'s web.1 printed', async () => {
    const lines = 'for n in 1 2 3 4 5 6 7 8; do echo "web line $n of MARKER"; done';
    const { app, verb, marker } = await launch({ web: lines, worker: hello });
    const screen = await app.waitForScreen((s) => glyphOf(s, 'web.1') === '●' && s.includes(`web line 8 of ${marker}`), { what: 'web.1\'s lines in its pane' });
    // The screen shows them in web.1's pane (the selected one).
    for (let n = 1; n <= 8; n++) expect(screen).toContain(`web line ${n} of ${marker}`);

    const logs = await verb('logs', 'web', '-n', '5');
    expect(logs.code, logs.stderr).toBe(0);
    // One instance: its own lines, plain, no prefix, no colour.
    expect(logs.stdout).toBe([4, 5, 6, 7, 8].map((n) => `web line ${n} of ${marker}\n`).join(''));

    // Several instances: foreman's prefixed lines.
    const both = await verb('logs', '-n', '2', 'web', 'worker');
    expect(both.code, both.stderr).toBe(0);
    const prefixed = both.stdout.split('\n').filter((l) => l !== '');
    expect(prefixed, both.stdout).toHaveLength(2);
    for (const line of prefixed) expect(line).toMatch(/^\d\d:\d\d:\d\d (web\.1|worker\.1) +\| /);
    expect(both.stdout).not.toContain('\x1b[');
  });

  it('quit: the screen exits 0, the shell\'s screen comes back and no process is left', async () => {
    const { app, verb, marker, programs } = await launch({ web: hello, worker: hello });
    await running(app, ['web.1', 'worker.1']);
    const pid = await app.pid();
    expect(programs()).toHaveLength(2);

    const quit = await verb('quit');
    expect(quit.code, quit.stderr).toBe(0);
    expect(quit.stdout).toBe(`tfui (pid ${pid}): stopping every process\ntfui (pid ${pid}) has stopped\n`);
    expect(await app.waitForExit()).toBe(0);
    const screen = await app.waitForScreen((s) => s.includes(AFTER_TFUI), { what: 'the shell\'s prompt after tfui' });
    expect(screen).toContain(BEFORE_TFUI);
    expect(app.display('#{alternate_on}')).toBe('0');
    expect(processesMatching(marker)).toEqual([]);
    expect(isAlive(pid)).toBe(false);

    // Nothing answers any more, at once.
    const started = performance.now();
    const after = await verb('status');
    expect(after.code).toBe(1);
    expect(after.stderr).toBe('tfui: no tfui is running for Procfile\n');
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
