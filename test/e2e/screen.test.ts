/**
 * End-to-end tests of the full-screen app: the real `node bin/tfui.js` runs in
 * a private tmux server at a fixed size, keys are sent with `tmux send-keys`,
 * and the assertions are about the screen a person would see
 * (`tmux capture-pane`), the terminal's modes afterwards, tfui's exit status
 * and the processes left on the machine.
 *
 * Every Procfile line carries a unique marker (and ends in a `perl … --
 * MARKER $PS` sleeper, so each instance's program can be found by name), and
 * afterEach kills the tmux server, tfui and everything with the marker, even
 * when a test failed. Tests never sleep for a fixed time: each step waits for
 * what the screen must show, with a generous deadline.
 *
 * Keys are sent one at a time and each waits for its effect before the next,
 * as a person types; what happens when several keys reach tfui in ONE read
 * (a paste, fast typing on a busy machine) has tests of its own at the end.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processesMatching, uniqueMarker } from '../helpers/processes.js';
import { makeProject } from '../helpers/project.js';
import { useE2eCleanup } from '../helpers/e2e-cleanup.js';
import { AFTER_TFUI, BEFORE_TFUI, startInTmux, type TmuxApp } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait-for.js';

const GLYPHS = '●◌↻✖○■';
const WAIT_MS = 15_000;

// ---------------------------------------------------------------------------
// Per-test set-up and clean-up

const { apps, removers, markers } = useE2eCleanup();

interface Scenario {
  app: TmuxApp;
  marker: string;
  dir: string;
  /** Living programs (not their `sh -c`) of this test, optionally of one instance (`web.2`). */
  programs(instance?: string): number[];
}

/**
 * A temp project whose Procfile has one line per entry: `body` runs first,
 * then the instance sleeps as `perl -e 'sleep 1000' -- MARKER <instance>`;
 * a body that says MARKER itself is the whole command (MARKER replaced).
 */
async function launch(
  types: Record<string, string>,
  options: { args?: string[]; cols?: number; rows?: number; files?: Record<string, string>; env?: Record<string, string>; stderrFile?: string } = {},
): Promise<Scenario> {
  const marker = uniqueMarker('tfuiscreen');
  markers.push(marker);
  const procfile = Object.entries(types)
    .map(([name, body]) => `${name}: ${body.includes('MARKER') ? body.replaceAll('MARKER', marker) : `${body ? `${body}; ` : ''}exec perl -e 'sleep 1000' -- ${marker} $PS`}`)
    .join('\n');
  const project = makeProject({ Procfile: `${procfile}\n`, ...options.files });
  removers.push(project.remove);
  const app = await startInTmux({ cwd: project.dir, args: options.args ?? [], cols: options.cols ?? 80, rows: options.rows ?? 24, ...(options.env ? { env: options.env } : {}), ...(options.stderrFile ? { stderrFile: options.stderrFile } : {}) });
  apps.push(app);
  return {
    app,
    marker,
    dir: project.dir,
    programs: (instance) => processesMatching(instance ? `${marker} ${instance}` : marker, { programsOnly: true }),
  };
}

// ---------------------------------------------------------------------------
// Reading the screen

interface SidebarRow {
  selected: boolean;
  glyph: string;
  id: string;
  line: string;
}

/** The sidebar's instance rows: `›● web.1  :5000 3s ↻1`. */
function sidebar(screen: string): SidebarRow[] {
  const rows: SidebarRow[] = [];
  for (const line of screen.split('\n')) {
    const match = new RegExp(`^([› ])([${GLYPHS}]) (\\S+)`).exec(line);
    if (match) rows.push({ selected: match[1] === '›', glyph: match[2] as string, id: match[3] as string, line: line.split('│')[0] ?? line });
  }
  return rows;
}

function row(screen: string, id: string): SidebarRow | undefined {
  return sidebar(screen).find((r) => r.id === id);
}

function selectedIds(screen: string): string[] {
  return screen
    .split('\n')
    .filter((line) => line.startsWith('›'))
    .map((line) => new RegExp(`^›[${GLYPHS}]? ?(\\S+)`).exec(line)?.[1] ?? line);
}

interface PaneTitle {
  id: string;
  glyph: string;
  port: number;
  /** Screen row of the title bar and column of the pane's rule (`│`). */
  row: number;
  col: number;
}

/** Every pane's title bar: `│ web.1 ● :5000`. */
function paneTitles(screen: string): PaneTitle[] {
  const titles: PaneTitle[] = [];
  screen.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(new RegExp(`│ (\\S+) ([${GLYPHS}]) :(\\d+)`, 'g'))) {
      titles.push({ id: match[1] as string, glyph: match[2] as string, port: Number(match[3]), row: index, col: match.index });
    }
  });
  return titles;
}

/**
 * The text rows of the pane titled `id`: below its title bar, right of its
 * rule, up to the next rule on the line or the next title in the same column.
 */
function paneLines(screen: string, id: string): string[] {
  const title = paneTitles(screen).find((t) => t.id === id);
  if (!title) return [];
  const lines = screen.split('\n');
  const out: string[] = [];
  for (let r = title.row + 1; r < lines.length; r++) {
    const line = lines[r] ?? '';
    if (line[title.col] !== '│') break;
    const rest = line.slice(title.col);
    if (new RegExp(`^│ \\S+ [${GLYPHS}] :\\d+`).test(rest)) break;
    out.push(rest.slice(1).split('│')[0]?.trimEnd() ?? '');
  }
  return out;
}

function paneText(screen: string, id: string): string {
  return paneLines(screen, id).join('\n');
}

/** The hint bar: the last non-empty row (Ink draws one row short of the screen). */
function hintBar(screen: string): string {
  const lines = screen.split('\n').filter((line) => line.trim() !== '');
  return lines[lines.length - 1] ?? '';
}

/** The pane whose title bar is drawn focused (black on cyan), from `capture-pane -e`. */
function focusedTitle(styled: string): string | undefined {
  return new RegExp(`46m(?:\\x1b\\[[0-9;]*m)* (\\S+) [${GLYPHS}] :\\d+`).exec(styled)?.[1];
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return processesMatching('').includes(pid);
  } catch {
    return false;
  }
}

/** Waits until every listed instance has a running row. */
function allRunning(ids: string[]) {
  return (screen: string) => ids.every((id) => row(screen, id)?.glyph === '●');
}

// ---------------------------------------------------------------------------

describe('the screen at start', () => {
  it.each([
    [80, 24],
    [200, 60],
  ])('at %ix%i: every instance has a running row, one is selected and its output is in the pane', async (cols, rows) => {
    const hello = 'echo "I am $PS on port $PORT"';
    const { app } = await launch({ web: hello, worker: hello, clock: hello }, { args: ['-m', 'all=1,web=2'], cols, rows });
    const ids = ['web.1', 'web.2', 'worker.1', 'clock.1'];
    const screen = await app.waitForScreen((s) => allRunning(ids)(s) && paneTitles(s).some((t) => paneText(s, t.id).includes(`I am ${t.id}`)), {
      what: 'every instance running, and output in the pane',
    });

    expect(sidebar(screen).map((r) => `${r.glyph} ${r.id}`), screen).toEqual(ids.map((id) => `● ${id}`));
    expect(screen).toContain('tfui 4/4 running');
    // One row is selected, and the one pane shows that instance and its output.
    const selected = selectedIds(screen);
    expect(selected, screen).toHaveLength(1);
    const id = selected[0] as string;
    const titles = paneTitles(screen);
    expect(titles.map((t) => `${t.id} ${t.glyph}`), screen).toEqual([`${id} ●`]);
    expect(paneText(screen, id), screen).toContain(`I am ${id} on port ${titles[0]?.port}`);
    // At start that is the first row.
    expect(selected, screen).toEqual(['web.1']);
    expect(paneText(screen, 'web.1'), screen).toContain('I am web.1 on port 5000');
    // Nothing drawn past the screen's edge, and the hint bar is at the bottom.
    expect(screen.split('\n').every((line) => [...line].length <= cols)).toBe(true);
    expect(hintBar(screen)).toMatch(/\? help|q quit|restart/);
  });
});

describe('a terminal that cannot draw a screen (TERM=dumb, as in Emacs\' shell)', () => {
  it('gets foreman\'s prefixed lines instead, and SIGINT stops everything', async () => {
    const { app, marker } = await launch({ web: 'echo "web up"' }, { env: { TERM: 'dumb' } });
    const screen = await app.waitForScreen((s) => /\bweb\.1 +\| web up/.test(s), { what: 'the prefixed line' });
    expect(screen).toMatch(/\d\d:\d\d:\d\d web\.1 +\| started with pid \d+/);
    expect(app.display('#{alternate_on}')).toBe('0');
    // Not Ctrl-C: the test's launcher shell, without job control, would take the SIGINT too.
    process.kill(await app.pid(), 'SIGINT');
    expect(await app.waitForExit()).toBe(0);
    expect(processesMatching(marker)).toEqual([]);
  });
});

describe('a shell that exports CI=true', () => {
  it('still gets a live screen in colour (Ink alone would draw only the last frame, without colours)', async () => {
    const { app, marker } = await launch({ web: 'echo "web up"', worker: 'echo "worker up"' }, { env: { CI: 'true', CONTINUOUS_INTEGRATION: '1' } });
    let screen = await app.waitForScreen((s) => allRunning(['web.1', 'worker.1'])(s) && paneText(s, 'web.1').includes('web up'), { what: 'the first frame, with CI set' });
    expect(selectedIds(screen)).toEqual(['web.1']);
    // In colour too: chalk alone turns Ink's colours off under CI.
    await app.waitForScreen((s) => /\x1b\[(?:[0-9;]*;)?(?:32|38;5;2)m●/.test(s), { styles: true, what: 'a green ● with CI set' });
    app.sendKeys('j');
    screen = await app.waitForScreen((s) => selectedIds(s)[0] === 'worker.1' && paneText(s, 'worker.1').includes('worker up'), { what: 'j moved the selection, with CI set' });
    app.sendKeys('q');
    expect(await app.waitForExit()).toBe(0);
    expect(processesMatching(marker)).toEqual([]);
  });
});

describe('selection', () => {
  it('j/k and ↓/↑ move the › and the pane follows the selected instance', async () => {
    const hello = 'echo "I am $PS"';
    const { app } = await launch({ web: hello, worker: hello, clock: hello });
    await app.waitForScreen(allRunning(['web.1', 'worker.1', 'clock.1']));

    const expectSelected = async (id: string) => {
      const screen = await app.waitForScreen((s) => selectedIds(s).join() === id && paneText(s, id).includes(`I am ${id}`), { what: `${id} selected and shown` });
      expect(selectedIds(screen)).toEqual([id]);
      expect(paneTitles(screen).map((t) => t.id)).toEqual([id]);
      return screen;
    };

    await expectSelected('web.1');
    app.sendKeys('j');
    await expectSelected('worker.1');
    app.sendKeys('Down');
    await expectSelected('clock.1');
    app.sendKeys('Down'); // already the last row: stays
    app.sendKeys('k');
    await expectSelected('worker.1');
    app.sendKeys('Up');
    const screen = await expectSelected('web.1');
    expect(paneText(screen, 'web.1')).not.toContain('I am worker.1');
  });
});

describe('scaling', () => {
  it('+ adds web.2 with the next PORT (5001); - removes it and its process', async () => {
    const { app, programs } = await launch({ web: 'echo "PORT=$PORT"', worker: 'echo "worker here"' });
    await app.waitForScreen(allRunning(['web.1', 'worker.1']));

    app.sendKeys('+');
    let screen = await app.waitForScreen(allRunning(['web.1', 'web.2', 'worker.1']), { what: 'web.2 running' });
    expect(sidebar(screen).map((r) => r.id)).toEqual(['web.1', 'web.2', 'worker.1']);
    expect(row(screen, 'web.2')?.line).toContain(':5001');

    app.sendKeys('j');
    screen = await app.waitForScreen((s) => selectedIds(s).join() === 'web.2' && paneText(s, 'web.2').includes('PORT=5001'), { what: 'web.2 selected, showing PORT=5001' });
    expect(paneTitles(screen)[0]).toMatchObject({ id: 'web.2', port: 5001 });
    expect(programs('web.2')).toHaveLength(1);

    app.sendKeys('-');
    screen = await app.waitForScreen((s) => !row(s, 'web.2') && row(s, 'web.1')?.glyph === '●', { what: 'web.2 gone from the sidebar' });
    expect(sidebar(screen).map((r) => r.id)).toEqual(['web.1', 'worker.1']);
    await waitFor(() => programs('web.2').length === 0, { timeoutMs: WAIT_MS, describe: () => `web.2 still running: ${programs('web.2').join(' ')}` });
    expect(programs('web.1')).toHaveLength(1);
    // The selection falls back to the type's remaining instance.
    expect(selectedIds(screen)).toEqual(['web.1']);
  });

  it('scaled to 0 and back to 1: the pane shows the new run\'s output, and q is as quick as ever', async () => {
    const { app, programs } = await launch({ web: 'echo "web pid=$$"' });
    let screen = await app.waitForScreen((s) => row(s, 'web.1')?.glyph === '●' && /web pid=\d+/.test(paneText(s, 'web.1')));
    const first = /web pid=(\d+)/.exec(paneText(screen, 'web.1'))?.[1];
    app.sendKeys('-');
    await app.waitForScreen((s) => /web ×0/.test(s), { what: 'web scaled to 0' });
    await waitFor(() => programs().length === 0, { timeoutMs: WAIT_MS, describe: () => `still running: ${programs().join(' ')}` });
    // A type row has no details and nothing to copy: a notice, and the main keys still work.
    app.sendKeys('e');
    await app.waitForScreen((s) => /web is scaled to 0: press \S+ to start one/.test(hintBar(s)), { what: 'the notice for e' });
    app.sendKeys('c');
    await app.waitForScreen((s) => /web is scaled to 0: nothing to copy/.test(hintBar(s)), { what: 'the notice for c' });
    app.sendKeys('+');
    screen = await app.waitForScreen((s) => row(s, 'web.1')?.glyph === '●' && (paneText(s, 'web.1').match(/web pid=\d+/g) ?? []).length === 2, { what: 'the new run\'s output in the pane' });
    expect(paneText(screen, 'web.1')).toContain('── started again');
    expect(/web pid=(\d+)(?![^]*web pid=)/.exec(paneText(screen, 'web.1'))?.[1]).not.toBe(first);

    const quitAt = Date.now();
    app.sendKeys('q');
    expect(await app.waitForExit()).toBe(0);
    expect(Date.now() - quitAt).toBeLessThan(3000);
  });

  it('presses faster than the screen (++ then --- in one read) each count: 3 instances, then 0', async () => {
    const { app, programs } = await launch({ web: 'echo "PORT=$PORT"' });
    await app.waitForScreen(allRunning(['web.1']));
    app.sendText('++');
    await app.waitForScreen(allRunning(['web.1', 'web.2', 'web.3']), { what: 'web.1 to web.3 running' });
    app.sendText('---');
    const screen = await app.waitForScreen((s) => /web ×0/.test(s) && !row(s, 'web.1'), { what: 'web scaled to 0' });
    expect(sidebar(screen)).toEqual([]);
    await waitFor(() => programs().length === 0, { timeoutMs: WAIT_MS, describe: () => `still running: ${programs().join(' ')}` });
  });
});

describe('restart and stop', () => {
  it('r restarts the selected instance: a new pid in the pane and ↻1 in the sidebar', async () => {
    const { app, programs } = await launch({ web: 'echo "pid=$$"' });
    let screen = await app.waitForScreen((s) => row(s, 'web.1')?.glyph === '●' && /pid=\d+/.test(paneText(s, 'web.1')));
    const first = Number(/pid=(\d+)/.exec(paneText(screen, 'web.1'))?.[1]);
    expect(row(screen, 'web.1')?.line).not.toContain('↻');

    app.sendKeys('r');
    screen = await app.waitForScreen(
      (s) => {
        const pids = [...paneText(s, 'web.1').matchAll(/pid=(\d+)/g)].map((m) => Number(m[1]));
        return pids.some((pid) => pid !== first) && row(s, 'web.1')?.glyph === '●' && (row(s, 'web.1')?.line.includes('↻1') ?? false);
      },
      { what: 'a new pid and ↻1' },
    );
    const second = [...paneText(screen, 'web.1').matchAll(/pid=(\d+)/g)].map((m) => Number(m[1])).find((pid) => pid !== first) as number;
    expect(second).not.toBe(first);
    expect(isAlive(first)).toBe(false);
    expect(programs('web.1')).toHaveLength(1);
  });

  it('s stops the selected instance (■, process gone) and s starts it again (●)', async () => {
    const { app, programs } = await launch({ web: 'echo "web up"', worker: 'echo "worker up"' });
    await app.waitForScreen(allRunning(['web.1', 'worker.1']));
    expect(programs('web.1')).toHaveLength(1);

    app.sendKeys('s');
    const screen = await app.waitForScreen((s) => row(s, 'web.1')?.glyph === '■', { what: 'web.1 stopped (■)' });
    expect(row(screen, 'web.1')?.line).toContain('stopped');
    expect(row(screen, 'worker.1')?.glyph).toBe('●');
    await waitFor(() => programs('web.1').length === 0, { timeoutMs: WAIT_MS, describe: () => `web.1 still running: ${programs('web.1').join(' ')}` });
    expect(programs('worker.1')).toHaveLength(1);

    app.sendKeys('s');
    await app.waitForScreen((s) => row(s, 'web.1')?.glyph === '●', { what: 'web.1 running again (●)' });
    await waitFor(() => programs('web.1').length === 1, { timeoutMs: WAIT_MS });
  });
});

describe('panes', () => {
  it('| and _ split into panes showing different instances; Tab focuses, x closes, z zooms and restores', async () => {
    const hello = 'echo "I am $PS"';
    const { app } = await launch({ alpha: hello, beta: hello, gamma: hello });
    await app.waitForScreen(allRunning(['alpha.1', 'beta.1', 'gamma.1']));

    // | : side by side, the new pane shows the first instance not shown yet and is focused.
    app.sendKeys('|');
    let screen = await app.waitForScreen((s) => paneTitles(s).length === 2 && paneText(s, 'beta.1').includes('I am beta.1'), { what: 'two panes' });
    let titles = paneTitles(screen);
    expect(titles.map((t) => t.id)).toEqual(['alpha.1', 'beta.1']);
    expect(titles[0]?.row).toBe(titles[1]?.row);
    expect(paneText(screen, 'alpha.1')).toContain('I am alpha.1');
    expect(paneText(screen, 'alpha.1')).not.toContain('I am beta.1');
    expect(focusedTitle(app.screenWithStyles())).toBe('beta.1');
    expect(selectedIds(screen)).toEqual(['beta.1']);

    // _ : the focused (right) pane splits, one above the other.
    app.sendKeys('_');
    screen = await app.waitForScreen((s) => paneTitles(s).length === 3 && paneText(s, 'gamma.1').includes('I am gamma.1') && paneText(s, 'beta.1').includes('I am beta.1'), {
      what: 'three panes',
    });
    titles = paneTitles(screen);
    expect(titles.map((t) => t.id).sort()).toEqual(['alpha.1', 'beta.1', 'gamma.1']);
    const beta = titles.find((t) => t.id === 'beta.1') as PaneTitle;
    const gamma = titles.find((t) => t.id === 'gamma.1') as PaneTitle;
    expect(gamma.col).toBe(beta.col);
    expect(gamma.row).toBeGreaterThan(beta.row);
    expect(paneText(screen, 'alpha.1')).toContain('I am alpha.1');
    expect(focusedTitle(app.screenWithStyles())).toBe('gamma.1');

    // Tab: focus goes round the panes, and the selection with it.
    app.sendKeys('Tab');
    await app.waitForScreen((s) => focusedTitle(s) === 'alpha.1', { styles: true, what: 'alpha.1 focused' });
    expect(selectedIds(app.screen())).toEqual(['alpha.1']);
    app.sendKeys('Tab');
    await app.waitForScreen((s) => focusedTitle(s) === 'beta.1', { styles: true, what: 'beta.1 focused' });
    expect(selectedIds(app.screen())).toEqual(['beta.1']);

    // x: closes the focused pane (beta.1); the others stay.
    app.sendKeys('x');
    screen = await app.waitForScreen((s) => paneTitles(s).length === 2, { what: 'two panes after x' });
    expect(paneTitles(screen).map((t) => t.id)).toEqual(['alpha.1', 'gamma.1']);
    expect(paneText(screen, 'gamma.1')).toContain('I am gamma.1');
    const focused = focusedTitle(app.screenWithStyles()) as string;
    expect(['alpha.1', 'gamma.1']).toContain(focused);

    // z: the focused pane takes the whole screen, without the sidebar; z again brings it all back.
    app.sendKeys('z');
    screen = await app.waitForScreen((s) => !s.includes('tfui 3/3 running') && paneTitles(s).length === 1, { what: 'zoomed' });
    expect(sidebar(screen)).toEqual([]);
    expect(paneTitles(screen)).toEqual([expect.objectContaining({ id: focused, row: 0, col: 0 })]);
    expect(paneText(screen, focused)).toContain(`I am ${focused}`);

    app.sendKeys('z');
    screen = await app.waitForScreen((s) => s.includes('tfui 3/3 running') && paneTitles(s).length === 2, { what: 'zoom undone' });
    expect(sidebar(screen).map((r) => r.id)).toEqual(['alpha.1', 'beta.1', 'gamma.1']);
    expect(paneTitles(screen).map((t) => t.id)).toEqual(['alpha.1', 'gamma.1']);
  });
});

describe('drawing while the layout changes', () => {
  /** Every distinct screen seen (polling as fast as tmux answers) until `done` holds. */
  async function screensUntil(app: TmuxApp, done: (screen: string) => boolean, what: string): Promise<string[]> {
    const seen: string[] = [];
    await app.waitForScreen(
      (s) => {
        if (seen[seen.length - 1] !== s) seen.push(s);
        return done(s);
      },
      { what },
    );
    return seen;
  }

  /** The top row holds the sidebar's header and every top pane's title bar: never a pane's output. */
  function topRowBroken(screen: string): boolean {
    const segments = (screen.split('\n')[0] ?? '').split('│').slice(1);
    return segments.some((segment) => !new RegExp(`^ \\S+ [${GLYPHS}] :\\d+`).test(segment));
  }

  it('splitting never draws a pane\'s output over its title bar, not even for a frame', async () => {
    const hello = 'echo "I am $PS"';
    const { app } = await launch({ alpha: hello, beta: hello, gamma: hello });
    await app.waitForScreen((s) => allRunning(['alpha.1', 'beta.1', 'gamma.1'])(s) && paneText(s, 'alpha.1').includes('I am alpha.1'));

    app.sendKeys('|');
    const seen = await screensUntil(app, (s) => paneTitles(s).length === 2 && paneText(s, 'beta.1').includes('I am beta.1'), 'two panes');
    app.sendKeys('_');
    seen.push(...(await screensUntil(app, (s) => paneTitles(s).length === 3 && paneText(s, 'gamma.1').includes('I am gamma.1'), 'three panes')));
    const broken = seen.filter(topRowBroken);
    expect(broken.length, `screens with output over a title bar:\n${broken.join('\n-----\n')}`).toBe(0);
  });

  it('resizing the terminal lays the screen out again at the new size', async () => {
    const hello = 'echo "I am $PS on port $PORT"';
    const { app } = await launch({ web: hello, worker: hello });
    await app.waitForScreen((s) => allRunning(['web.1', 'worker.1'])(s) && paneText(s, 'web.1').includes('I am web.1'));

    for (const [cols, rows] of [
      [120, 30],
      [60, 15],
    ] as const) {
      app.resize(cols, rows);
      const screen = await app.waitForScreen(
        (s) => {
          const lines = s.split('\n');
          return lines.length >= rows - 1 && /\+ scale/.test(lines[rows - 2] ?? '') && paneText(s, 'web.1').includes('I am web.1') && allRunning(['web.1', 'worker.1'])(s);
        },
        { what: `the screen laid out at ${cols}x${rows}` },
      );
      expect(screen.split('\n').every((line) => [...line].length <= cols), screen).toBe(true);
      expect(paneTitles(screen), screen).toEqual([expect.objectContaining({ id: 'web.1', row: 0 })]);
    }
  });
});

describe('a small terminal', () => {
  it('drops the sidebar when narrow, says "too small" when tiny, and comes back whole', async () => {
    const hello = 'echo "I am $PS"';
    const { app } = await launch({ web: hello, worker: hello });
    await app.waitForScreen((s) => allRunning(['web.1', 'worker.1'])(s) && paneText(s, 'web.1').includes('I am web.1'));

    // Narrow: the pane has the whole width, as when zoomed; j still selects what it shows.
    app.resize(40, 12);
    let screen = await app.waitForScreen((s) => paneTitles(s)[0]?.id === 'web.1' && !s.includes('running') && /\+ scale/.test(s), { what: 'the narrow screen' });
    expect(screen.split('\n')[1], screen).toBe('│I am web.1');
    app.sendKeys('j');
    screen = await app.waitForScreen((s) => paneTitles(s)[0]?.id === 'worker.1' && paneText(s, 'worker.1').includes('I am worker.1'), { what: 'worker.1 selected' });

    // Tiny: one line says so; nothing wraps onto the lines below.
    app.resize(14, 5);
    screen = await app.waitForScreen((s) => s.startsWith('too small'), { what: 'the too-small line' });
    expect(screen.split('\n').slice(1).join('').trim(), screen).toBe('');

    app.resize(80, 24);
    screen = await app.waitForScreen((s) => allRunning(['web.1', 'worker.1'])(s) && paneText(s, 'worker.1').includes('I am worker.1'), { what: 'the whole screen again' });
    expect(screen).not.toContain('too small');
    expect(row(screen, 'worker.1')?.selected, screen).toBe(true);
  });
});

describe('scrolling back while output goes on', () => {
  it('keeps the lines in view though older ones drop off a full scrollback', async () => {
    const prefs = mkdtempSync(join(tmpdir(), 'tfui-prefs-'));
    removers.push(() => rmSync(prefs, { recursive: true, force: true }));
    writeFileSync(join(prefs, 'config.json'), JSON.stringify({ scrollback: 200 }));
    const print = (from: number, to: number) => `i=${from}; while [ $i -le ${to} ]; do echo "line $i"; i=$((i+1)); done`;
    const body = `${print(1, 300)}; while [ ! -e more ]; do sleep 0.05; done; ${print(301, 400)}`;
    const { app, dir } = await launch({ feed: body }, { env: { TFUI_CONFIG_DIR: prefs } });
    await app.waitForScreen((s) => paneText(s, 'feed.1').includes('line 300'));

    app.sendKeys('PageUp');
    const before = await app.waitForScreen((s) => /↑\d+/.test(s.split('\n')[0] ?? ''), { what: 'the pane scrolled back' });
    const shown = paneText(before, 'feed.1').split('\n').filter((line) => line !== '');
    const behind = Number(/↑(\d+)/.exec(before.split('\n')[0] ?? '')?.[1]);
    writeFileSync(join(dir, 'more'), '');
    // 100 more lines: the buffer (200 + the screen) was full, so 100 old ones drop off the top.
    const after = await app.waitForScreen((s) => Number(/↑(\d+)/.exec(s.split('\n')[0] ?? '')?.[1]) === behind + 100, { what: 'the pane 100 lines further behind' });
    expect(paneText(after, 'feed.1').split('\n').filter((line) => line !== ''), after).toEqual(shown);
  });
});

describe('search', () => {
  it('/NEEDLE shows the match position in the pane title and a count in the sidebar; n goes to the next', async () => {
    const lines = `i=1; while [ $i -le 60 ]; do if [ $((i % 10)) -eq 0 ]; then echo "line $i NEEDLE"; else echo "line $i"; fi; i=$((i+1)); done`;
    const { app } = await launch({ finder: lines, other: 'echo "no match here"' });
    await app.waitForScreen((s) => allRunning(['finder.1', 'other.1'])(s) && paneText(s, 'finder.1').includes('line 60 NEEDLE'));

    app.sendKeys('/');
    await app.waitForScreen((s) => /Enter search/.test(hintBar(s)), { what: 'search prompt' });
    // Typed as a person types: one key per read, each seen before the next.
    let draft = '';
    for (const key of 'NEEDLE') {
      draft += key;
      app.sendKeys(key);
      await app.waitForScreen((s) => hintBar(s).startsWith(`/${draft} `), { what: `draft /${draft}` });
    }
    app.sendKeys('Enter');
    let screen = await app.waitForScreen((s) => /\/NEEDLE 1\/6/.test(s), { what: '/NEEDLE 1/6 in the title' });
    const title = screen.split('\n').find((line) => line.includes('/NEEDLE 1/6')) as string;
    expect(title).toMatch(/│ finder\.1 ● :5000 +\/NEEDLE 1\/6/);
    expect(row(screen, 'finder.1')?.line).toContain('⌕6');
    expect(paneText(screen, 'finder.1')).toContain('line 60 NEEDLE');

    app.sendKeys('n');
    screen = await app.waitForScreen((s) => /\/NEEDLE 2\/6/.test(s), { what: '/NEEDLE 2/6' });
    expect(paneText(screen, 'finder.1')).toContain('line 50 NEEDLE');
  });
});

describe('the mouse and copy mode', () => {
  /** An SGR mouse report, as a terminal sends it (1-based column and row). */
  const mouse = (code: number, col: number, row: number, release = false) => `\x1b[<${code};${col};${row}${release ? 'm' : 'M'}`;

  it('a click selects a row; the wheel scrolls a pane back and down to following again, and does not stop a short one following', async () => {
    const counter = `i=1; while [ $i -le 60 ]; do echo "line $i"; i=$((i+1)); done`;
    const more = 'i=1; while [ $i -le 40 ]; do echo "more $i"; i=$((i+1)); done';
    const { app, dir } = await launch({ short: `echo "short one"; while [ ! -e more ]; do sleep 0.05; done; ${more}`, long: counter });
    let screen = await app.waitForScreen((s) => allRunning(['short.1', 'long.1'])(s) && paneText(s, 'short.1').includes('short one'));

    // The wheel over a pane with nothing above its screen leaves it following its output.
    app.sendText(mouse(64, 50, 5).repeat(3));
    await app.waitForScreen((s) => paneText(s, 'short.1').includes('short one'), { what: 'short.1 after the wheel' });
    writeFileSync(join(dir, 'more'), '');
    // Enough to scroll its screen: a pane that stopped following would still show "short one".
    await app.waitForScreen((s) => paneText(s, 'short.1').includes('more 40') && !paneText(s, 'short.1').includes('short one'), { what: 'short.1 still following its output' });

    // A click on long.1's sidebar row selects it.
    const rowIndex = screen.split('\n').findIndex((line) => / long\.1 /.test(line.split('│')[0] ?? ''));
    expect(rowIndex, screen).toBeGreaterThan(0);
    app.sendText(mouse(0, 4, rowIndex + 1) + mouse(0, 4, rowIndex + 1, true));
    screen = await app.waitForScreen((s) => row(s, 'long.1')?.selected === true && paneText(s, 'long.1').includes('line 60'), { what: 'long.1 selected by a click' });

    // Three notches up: 9 lines back, and the title says how far; three down: following again.
    app.sendText(mouse(64, 50, 5).repeat(3));
    screen = await app.waitForScreen((s) => /↑9\b/.test(s.split('\n')[0] ?? ''), { what: 'long.1 scrolled back 9 lines' });
    expect(paneText(screen, 'long.1')).not.toContain('line 60');
    app.sendText(mouse(65, 50, 5).repeat(3));
    await app.waitForScreen((s) => !/↑\d/.test(s.split('\n')[0] ?? '') && paneText(s, 'long.1').includes('line 60'), { what: 'long.1 at the bottom again' });
  });

  it('a process\'s own OSC 52 reaches the clipboard, as in a terminal', async () => {
    const { app } = await launch({ copier: `printf '\\033]52;c;%s\\007' "$(printf 'from the process' | base64)"; echo copied` });
    await app.waitForScreen((s) => paneText(s, 'copier.1').includes('copied'));
    await waitFor(() => app.clipboard() === 'from the process', { describe: () => `clipboard: ${JSON.stringify(app.clipboard())}` });
  });

  it('c starts on the line of the terminal\'s cursor; k v k k y copies three lines to the clipboard through OSC 52', async () => {
    const { app } = await launch({ lines: 'echo first; echo second; echo third; echo fourth' });
    await app.waitForScreen((s) => paneText(s, 'lines.1').includes('fourth'));

    app.sendKeys('c');
    await app.waitForScreen((s) => /COPY/.test(hintBar(s)), { what: 'copy mode' });
    // The cursor is on the empty line after "fourth": k to it, v, then two lines up.
    app.sendKeys('k', 'v', 'k', 'k');
    await app.waitForScreen((s) => /COPY +3 lines/.test(hintBar(s)), { what: 'three lines chosen' });
    app.sendKeys('y');
    await app.waitForScreen((s) => /copied 3 lines to the clipboard/.test(hintBar(s)), { what: 'the copy notice' });
    expect(app.clipboard()).toBe('second\nthird\nfourth');
  });
});

describe('input mode', () => {
  it('Enter sends keys to the selected process until Ctrl-a; the hint bar says INPUT', async () => {
    const repl = `perl -e '$|=1; print "ready\\n"; while (<STDIN>) { print "echo: $_" }' -- MARKER $PS`;
    const { app } = await launch({ web: 'echo "web up"', repl });
    await app.waitForScreen(allRunning(['web.1', 'repl.1']));
    app.sendKeys('j');
    await app.waitForScreen((s) => selectedIds(s).join() === 'repl.1' && paneText(s, 'repl.1').includes('ready'), { what: 'repl.1 selected' });

    app.sendKeys('Enter');
    let screen = await app.waitForScreen((s) => hintBar(s).includes('INPUT'), { what: 'INPUT in the hint bar' });
    expect(hintBar(screen)).toMatch(/INPUT +keys go to repl\.1/);

    app.sendText('hello');
    app.sendKeys('Enter');
    screen = await app.waitForScreen((s) => paneText(s, 'repl.1').includes('echo: hello'), { what: 'the echo' });
    expect(hintBar(screen)).toContain('INPUT');

    app.sendKeys('C-a');
    screen = await app.waitForScreen((s) => !hintBar(s).includes('INPUT'), { what: 'input mode left' });
    // Back in the main keys: k moves the selection instead of reaching the process.
    app.sendKeys('k');
    screen = await app.waitForScreen((s) => selectedIds(s).join() === 'web.1', { what: 'k moves the selection again' });
    expect(row(screen, 'repl.1')?.glyph).toBe('●');
  });

  it('Ctrl-a twice gives the process one Ctrl-a and goes on in input mode', async () => {
    const codes = `perl -e '$|=1; print "ready\\n"; while (<STDIN>) { print "codes: ", join(",", map { ord } split //), "\\n" }' -- MARKER $PS`;
    const { app } = await launch({ codes });
    await app.waitForScreen((s) => paneText(s, 'codes.1').includes('ready'));
    app.sendKeys('Enter');
    await app.waitForScreen((s) => hintBar(s).includes('INPUT'), { what: 'input mode' });
    app.sendText('ab');
    app.sendKeys('C-a');
    await app.waitForScreen((s) => !hintBar(s).includes('INPUT'), { what: 'input mode left' });
    app.sendKeys('C-a');
    await app.waitForScreen((s) => hintBar(s).includes('INPUT'), { what: 'input mode again' });
    app.sendText('c');
    app.sendKeys('Enter');
    await app.waitForScreen((s) => paneText(s, 'codes.1').includes('codes: 97,98,1,99,10'), { what: 'the process got a, b, Ctrl-a, c' });
  });
});

describe('the mouse in input mode', () => {
  it('goes to a process that asked for mouse reports, at the cell of its own screen', async () => {
    // Mouse reports on (SGR), the line discipline raw, and every read printed with ESC spelled out.
    const reader = `printf '\\033[?1000h\\033[?1006h'; stty -icanon -echo; perl -e '$|=1; print "ready\\n"; while (sysread(STDIN, $c, 64)) { $c =~ s/\\e/ESC/g; print "got $c\\n" }' -- MARKER $PS`;
    const { app } = await launch({ reader });
    let screen = await app.waitForScreen((s) => paneText(s, 'reader.1').includes('ready'));
    app.sendKeys('Enter');
    await app.waitForScreen((s) => hintBar(s).includes('INPUT'), { what: 'input mode' });
    // The pane's third text line, fifth column: one below its title, one right of its rule.
    const title = paneTitles(screen)[0] as { row: number; col: number };
    const [x, y] = [title.col + 1 + 5, title.row + 1 + 3];
    app.sendText(`\x1b[<0;${x};${y}M\x1b[<0;${x};${y}m`);
    screen = await app.waitForScreen((s) => paneText(s, 'reader.1').includes('got ESC[<0;5;3M') && paneText(s, 'reader.1').includes('ESC[<0;5;3m'), { what: 'the click in the process' });
    // The main keys still have the mouse outside input mode: nothing more reaches the process.
    app.sendKeys('C-a');
    await app.waitForScreen((s) => !hintBar(s).includes('INPUT'), { what: 'input mode left' });
    app.sendText(`\x1b[<0;${x};${y}M\x1b[<0;${x};${y}m`);
    app.sendKeys('Enter');
    await app.waitForScreen((s) => hintBar(s).includes('INPUT'), { what: 'input mode again' });
    expect((paneText(app.screen(), 'reader.1').match(/<0;5;3M/g) ?? []).length).toBe(1);
  });
});

describe('pasting', () => {
  const codes = (setup: string) =>
    `${setup}perl -e '$|=1; print "ready\\n"; while (<STDIN>) { print "codes: ", join(",", map { ord } split //), "\\n" }' -- MARKER $PS`;

  it('in the main keys a paste is not keys: a pasted "q" does not quit', async () => {
    const { app } = await launch({ web: 'echo "web up"', worker: 'echo "worker up"' });
    await app.waitForScreen(allRunning(['web.1', 'worker.1']));
    app.paste('jq');
    await app.waitForScreen((s) => /a paste goes to a process in input mode/.test(hintBar(s)), { what: 'the notice' });
    const screen = app.screen();
    expect(selectedIds(screen)).toEqual(['web.1']);
    expect(app.exitStatus()).toBeNull();
  });

  it('in input mode a paste reaches the process, marked only if it asked for bracketed paste', async () => {
    const { app } = await launch({ plain: codes(''), marked: codes(`printf '\\033[?2004h'; `) });
    await app.waitForScreen((s) => allRunning(['plain.1', 'marked.1'])(s) && paneText(s, 'plain.1').includes('ready'));
    app.sendKeys('Enter');
    await app.waitForScreen((s) => hintBar(s).includes('INPUT'), { what: 'input mode' });
    app.paste('hi\n');
    await app.waitForScreen((s) => paneText(s, 'plain.1').includes('codes: 104,105,10'), { what: 'the plain paste' });

    app.sendKeys('C-a', 'j', 'Enter');
    await app.waitForScreen((s) => /INPUT +keys go to marked\.1/.test(hintBar(s)), { what: 'input mode for marked.1' });
    app.paste('hi\n');
    // ESC [ 2 0 0 ~ h i ESC [ 2 0 1 ~, then the newline typed after it.
    app.sendKeys('Enter');
    await app.waitForScreen((s) => paneText(s, 'marked.1').includes('codes: 27,91,50,48,48,126,104,105,10'), { what: 'the marked paste' });
  });
});

describe('leaving', () => {
  it('q stops everything, exits 0 and gives the terminal back as it was', async () => {
    const { app, marker } = await launch({ web: 'echo "web up"', worker: 'echo "worker up"' });
    await app.waitForScreen(allRunning(['web.1', 'worker.1']));
    expect(app.display('#{alternate_on}')).toBe('1');
    expect(processesMatching(marker).length).toBeGreaterThanOrEqual(2);

    app.sendKeys('q');
    expect(await app.waitForExit()).toBe(0);
    const screen = await app.waitForScreen((s) => s.includes(AFTER_TFUI), { what: 'the shell after tfui' });
    expect(screen).toContain(BEFORE_TFUI);
    expect(screen).not.toMatch(/tfui \d+\/\d+ running|web\.1/);
    expect(app.display('#{cursor_flag} #{alternate_on}')).toBe('1 0');
    expect(processesMatching(marker)).toEqual([]);
  });

  it.each(['SIGTERM', 'SIGHUP'] as const)('%s to tfui restores the terminal, exits and leaves no process', async (signal) => {
    const { app, marker } = await launch({ web: 'echo "web up"', worker: 'echo "worker up"' });
    await app.waitForScreen(allRunning(['web.1', 'worker.1']));
    const pid = await app.pid();
    expect(processesMatching(marker).length).toBeGreaterThanOrEqual(2);

    process.kill(pid, signal);
    expect(await app.waitForExit()).toBe(0);
    await app.waitForScreen((s) => s.includes(AFTER_TFUI), { what: 'the shell after tfui' });
    expect(app.display('#{cursor_flag} #{alternate_on}')).toBe('1 0');
    expect(isAlive(pid)).toBe(false);
    expect(processesMatching(marker)).toEqual([]);
    // The shell's screen as it was, without a frame of tfui drawn over it.
    const screen = app.screen();
    expect(screen).toContain(BEFORE_TFUI);
    expect(screen).not.toMatch(/tfui \d+\/\d+ running|web\.1/);
  });
});

describe('Ctrl-Z and Ctrl-C', () => {
  /** The state letter of /proc/PID/stat: R, S, T (stopped)… */
  function processState(pid: number): string {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  }

  it('Ctrl-Z gives the shell its screen back and stops tfui; on fg (SIGCONT) the whole screen is drawn again', async () => {
    // Processes that print once and then nothing: after fg, no new output would draw a frame by itself.
    const { app, marker } = await launch({ web: 'echo "web up"', worker: 'echo "worker up"' });
    await app.waitForScreen((s) => allRunning(['web.1', 'worker.1'])(s) && paneText(s, 'web.1').includes('web up'));
    const pid = await app.pid();

    app.sendKeys('C-z');
    const shell = await app.waitForScreen((s) => s.includes(BEFORE_TFUI), { what: 'the shell\'s screen after Ctrl-Z' });
    expect(shell).not.toMatch(/web\.1/);
    expect(app.display('#{cursor_flag} #{alternate_on} #{mouse_any_flag}')).toBe('1 0 0');
    await waitFor(() => processState(pid) === 'T', { describe: () => `tfui is ${processState(pid)}` });
    // The processes run on while tfui is stopped.
    expect(processesMatching(marker, { programsOnly: true }).length).toBe(2);

    // What `fg` does after the shell gives tfui the terminal back.
    process.kill(pid, 'SIGCONT');
    const screen = await app.waitForScreen((s) => allRunning(['web.1', 'worker.1'])(s) && paneText(s, 'web.1').includes('web up') && /\+ scale/.test(s), {
      what: 'the screen drawn again after SIGCONT',
    });
    expect(screen).not.toContain(BEFORE_TFUI);
    expect(app.display('#{cursor_flag} #{alternate_on} #{mouse_any_flag}')).toBe('0 1 1');
    app.sendKeys('j');
    await app.waitForScreen((s) => row(s, 'worker.1')?.selected === true, { what: 'keys work again' });

    app.sendKeys('q');
    expect(await app.waitForExit()).toBe(0);
    expect(processesMatching(marker)).toEqual([]);
  });

  it('Ctrl-C quits like q; a second Ctrl-C kills a process that ignores SIGTERM at once', async () => {
    const stubborn = `trap '' TERM; echo "ignoring TERM"; while :; do perl -e 'sleep 1' -- MARKER; done`;
    const { app, marker } = await launch({ web: 'echo "web up"', stubborn }, { args: ['-t', '30'], cols: 100 });
    await app.waitForScreen((s) => allRunning(['web.1', 'stubborn.1'])(s) && paneText(s, 'web.1').includes('web up'));

    app.sendKeys('C-c');
    // web.1 goes; stubborn.1 would hold the quit for the 30 s timeout.
    const waiting = await app.waitForScreen((s) => /stopping 1 process… SIGKILL in (29|30)s, or press \S+ again to kill now/.test(hintBar(s)) && row(s, 'web.1')?.glyph === '■', {
      what: 'quitting, waiting for stubborn.1',
    });
    expect(row(waiting, 'stubborn.1')?.glyph, waiting).toBe('◌');
    // It says when SIGKILL comes (-t 30), and counts down.
    expect(row(waiting, 'stubborn.1')?.line, waiting).toMatch(/kill (29|30)s/);
    await app.waitForScreen((s) => /kill 2[0-8]s/.test(row(s, 'stubborn.1')?.line ?? '') && /SIGKILL in 2[0-8]s/.test(hintBar(s)), { what: 'the countdown going down' });
    expect(app.exitStatus()).toBeNull();

    const forcedAt = Date.now();
    app.sendKeys('C-c');
    expect(await app.waitForExit()).toBe(0);
    expect(Date.now() - forcedAt).toBeLessThan(5000);
    expect(app.display('#{cursor_flag} #{alternate_on}')).toBe('1 0');
    expect(processesMatching(marker)).toEqual([]);
  });
});

describe('a process\'s terminal output', () => {
  it('renders colours and a \\r progress bar as a plain terminal does', async () => {
    const body = `printf '\\033[31mRED\\033[0m plain\\n'; for i in 1 2 3; do printf "\\rprogress $i/3"; sleep 0.05; done; echo; echo done`;
    const { app } = await launch({ bar: body });
    const screen = await app.waitForScreen((s) => paneText(s, 'bar.1').includes('done'), { what: 'the progress finished' });
    const pane = paneLines(screen, 'bar.1').filter((line) => line !== '');
    expect(pane).toEqual(['RED plain', 'progress 3/3', 'done']);

    const styled = app.screenWithStyles();
    // RED in red (SGR 31, possibly combined with other attributes), " plain" not.
    expect(styled).toMatch(/\x1b\[(?:[0-9;]*;)?31m(?:\x1b\[[0-9;]*m)*RED/);
    expect(styled).not.toMatch(/\x1b\[(?:[0-9;]*;)?31m(?:\x1b\[[0-9;]*m)*RED plain/);
  });
});

describe('preferences', () => {
  /** A preferences folder with `config.json` holding `settings`; removed after the test. */
  function preferences(settings: unknown): string {
    const dir = mkdtempSync(join(tmpdir(), 'tfui-prefs-'));
    removers.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'config.json'), typeof settings === 'string' ? settings : JSON.stringify(settings));
    return dir;
  }

  it('remapped keys work, the old ones are free, and the hint bar and ? say so; stderr stays empty', async () => {
    const prefs = preferences({ keys: { 'selection.next': ['ctrl-n'], 'process.restart': ['F'] } });
    const stderrFile = join(prefs, 'stderr');
    const { app } = await launch({ web: 'echo "I am $PS pid $$"', worker: 'echo "I am $PS"' }, { env: { TFUI_CONFIG_DIR: prefs }, stderrFile });
    await app.waitForScreen((s) => allRunning(['web.1', 'worker.1'])(s) && /F restart/.test(hintBar(s)), { what: 'the hint bar with F restart' });

    app.sendKeys('j', 'C-n');
    await app.waitForScreen((s) => row(s, 'worker.1')?.selected === true, { what: 'worker.1 selected by ctrl-n' });
    app.sendKeys('k', 'r');
    const first = await app.waitForScreen((s) => row(s, 'web.1')?.selected === true && paneText(s, 'web.1').includes('I am web.1'), { what: 'web.1 selected by k' });
    expect(row(first, 'web.1')?.line, first).not.toMatch(/↻1/);
    app.sendKeys('F');
    await app.waitForScreen((s) => /↻1/.test(row(s, 'web.1')?.line ?? ''), { what: 'web.1 restarted by F' });

    app.sendKeys('?');
    const help = await app.waitForScreen((s) => s.includes('Keys  (Esc closes)') && /restart the selected instance/.test(s), { what: 'the help overlay' });
    expect(help).toMatch(/\bF +restart the selected instance/);
    // The new keys replace the command's defaults (j and ↓).
    expect(help).toMatch(/\^N +select the next instance/);

    app.sendKeys('Escape', 'q');
    expect(await app.waitForExit()).toBe(0);
    // Nothing on stderr, not even the escape sequence Ink's cursor helper would write at exit.
    expect(readFileSync(stderrFile, 'utf8')).toBe('');
  });

  it.each([
    ['a key bound twice', { keys: { 'process.restart': ['q'] } }, /^config\.json: key "q" is bound to both process\.restart and app\.quit$/],
    ['a file that is not JSON', '{\n  "keys": {\n', /^config\.json:2: not valid JSON \(Expected property name or '}'\)$/],
    ['a scrollback that is not a number', { scrollback: 'lots' }, /^config\.json: "scrollback" should be a whole number of lines/],
  ])('%s: one line naming the file, a non-zero exit, the screen gone, no process left', async (_, settings, message) => {
    const prefs = preferences(settings);
    const stderrFile = join(prefs, 'stderr');
    const { app, marker } = await launch({ web: 'echo "web up"' }, { env: { TFUI_CONFIG_DIR: prefs }, stderrFile });
    expect(await app.waitForExit()).toBe(1);
    const said = readFileSync(stderrFile, 'utf8');
    expect(said.endsWith('\n') && said.split('\n').length === 2, JSON.stringify(said)).toBe(true);
    expect(said.trim().replace(`tfui: ${prefs}/`, ''), said).toMatch(message);
    // The shell's screen as it was: no frame of tfui left on it.
    const screen = await app.waitForScreen((s) => s.includes(AFTER_TFUI), { what: 'the shell after tfui' });
    expect(screen).not.toMatch(/web\.1|running/);
    expect(app.display('#{cursor_flag} #{alternate_on}')).toBe('1 0');
    expect(processesMatching(marker)).toEqual([]);
  });
});

describe('overlays', () => {
  it('? lists every key and Esc closes it', async () => {
    const { app } = await launch({ web: 'echo "web up"' }, { cols: 200, rows: 60 });
    await app.waitForScreen(allRunning(['web.1']));

    app.sendKeys('?');
    // Until its last line: a capture can catch tmux halfway through drawing a frame.
    const screen = await app.waitForScreen((s) => s.includes('Keys  (Esc closes)') && s.includes('stop every process and quit'), { what: 'the help overlay' });
    for (const text of [
      'select the next instance',
      'restart the selected instance',
      'stop the selected instance, or start it again',
      'split the focused pane side by side',
      'zoom the focused pane',
      'search the focused pane',
      'leave input mode',
      'stop every process and quit',
    ]) {
      expect(screen, text).toContain(text);
    }
    expect(screen).toMatch(/\br +restart the selected instance/);

    app.sendKeys('Escape');
    const closed = await app.waitForScreen((s) => !s.includes('Keys  (Esc closes)'), { what: 'help closed' });
    expect(closed).not.toContain('restart the selected instance');
    expect(row(closed, 'web.1')?.glyph).toBe('●');
  });

  it('e shows PORT and where each variable came from; API_TOKEN is masked until m', async () => {
    const { app } = await launch(
      { web: 'echo "web up"' },
      { files: { '.env': 'GREETING=hello there\nAPI_TOKEN=tok-s3cr3t-value\n' } },
    );
    await app.waitForScreen(allRunning(['web.1']));

    app.sendKeys('e');
    let screen = await app.waitForScreen('web.1 details', { what: 'the details overlay' });
    expect(screen).toMatch(/PORT +5000/);
    expect(screen).toMatch(/GREETING +\.env:1 +"hello there"/);
    expect(screen).toMatch(/API_TOKEN +\.env:2 /);
    expect(screen).not.toContain('tok-s3cr3t-value');
    expect(screen).toMatch(/command +echo "web up"/);

    app.sendKeys('m');
    screen = await app.waitForScreen('tok-s3cr3t-value', { what: 'the secret shown after m' });
    expect(screen).toMatch(/API_TOKEN +\.env:2 +"tok-s3cr3t-value"/);

    app.sendKeys('m');
    screen = await app.waitForScreen((s) => !s.includes('tok-s3cr3t-value'), { what: 'the secret masked again' });

    app.sendKeys('Escape');
    screen = await app.waitForScreen((s) => !s.includes('web.1 details'), { what: 'details closed' });
    expect(paneText(screen, 'web.1')).toContain('web up');
  });

  it.each(['?', 'e'])('the %s overlay at 80x24 hides what is under it (no sidebar or pane rule shows through)', async (key) => {
    const { app } = await launch({ web: 'echo "web up"', worker: 'echo "worker up"' }, { files: { '.env': 'GREETING=hi\n' } });
    await app.waitForScreen(allRunning(['web.1', 'worker.1']));
    app.sendKeys(key);
    const screen = await app.waitForScreen((s) => s.includes('╭') && s.includes('╰'), { what: 'an overlay' });
    const lines = screen.split('\n');
    const top = lines.findIndex((line) => line.includes('╭'));
    const bottom = lines.findIndex((line) => line.includes('╰'));
    const left = (lines[top] as string).indexOf('╭');
    const right = (lines[top] as string).indexOf('╮');
    const inside = lines.slice(top + 1, bottom).map((line) => line.slice(left + 1, right));
    // Inside the frame: the overlay's own text only. The padding column is blank and no rule of the panes shows.
    expect(inside.filter((line) => line.includes('│') || line.includes('╭')), screen).toEqual([]);
    expect(inside.filter((line) => line[0] !== ' '), screen).toEqual([]);
  });

  it('the ? overlay at 80x24 still shows "restart the selected instance" readably', async () => {
    const { app } = await launch({ web: 'echo "web up"' });
    await app.waitForScreen(allRunning(['web.1']));
    app.sendKeys('?');
    const screen = await app.waitForScreen((s) => s.includes('Keys  (Esc closes)') && /restart the selected instance/.test(s) && /select the next instance/.test(s), { what: 'the help overlay' });
    expect(screen).toMatch(/\br +restart the selected instance/);
    expect(screen).toMatch(/\bj\/↓ +select the next instance/);
  });
});

describe('keys that reach tfui in one read (a paste, fast typing on a busy machine)', () => {
  it.each([
    ['typed in one read', (app: TmuxApp) => app.sendText('NEEDLE')],
    // Bracketed: its first line is the query.
    ['pasted, with a second line', (app: TmuxApp) => app.paste('NEEDLE\nsecond line')],
  ])('a search %s is all in the draft', async (_, type) => {
    const { app } = await launch({ finder: 'echo "a NEEDLE here"' });
    await app.waitForScreen((s) => paneText(s, 'finder.1').includes('NEEDLE'));
    app.sendKeys('/');
    await app.waitForScreen((s) => /Enter search/.test(hintBar(s)), { what: 'search prompt' });
    type(app);
    await app.waitForScreen((s) => hintBar(s).startsWith('/NEEDLE '), { what: 'draft /NEEDLE' });
    app.sendKeys('Enter');
    await app.waitForScreen('/NEEDLE 1/1', { what: '/NEEDLE 1/1' });
  });

  it.each([
    ['two letters', 'jj', 'kk'],
    ['a held arrow\'s repeats', '\x1b[B\x1b[B', '\x1b[A\x1b[A'],
  ])('%s in one read move the selection once each', async (_, down, up) => {
    const hello = 'echo "I am $PS"';
    const { app } = await launch({ web: hello, worker: hello, clock: hello });
    await app.waitForScreen(allRunning(['web.1', 'worker.1', 'clock.1']));
    app.sendText(down);
    await app.waitForScreen((s) => selectedIds(s).join() === 'clock.1' && paneText(s, 'clock.1').includes('I am clock.1'), { what: 'clock.1 selected' });
    app.sendText(up);
    await app.waitForScreen((s) => selectedIds(s).join() === 'web.1' && paneText(s, 'web.1').includes('I am web.1'), { what: 'web.1 selected' });
  });
});
