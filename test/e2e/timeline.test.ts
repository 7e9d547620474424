/**
 * End to end, on the real screen (tmux): crash loops and their verdict in the
 * sidebar, the timeline (`t`) with its lanes, marks and a mark's details, and
 * a PORT already taken named before the process's own stack trace.
 *
 * Every test kills the tmux server, tfui and everything with its marker in
 * afterEach, even after a failure, and closes any port it held. Nothing
 * sleeps for a fixed time: each step waits for what the screen must show,
 * with a deadline, and a timeout reports the screen.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killMatching, processesMatching, uniqueMarker } from '../helpers/processes.js';
import { makeProject } from '../helpers/project.js';
import { startInTmux, type TmuxApp } from '../helpers/tmux.js';
import { holdPort, type HeldPort } from '../helpers/ports.js';

const GLYPHS = '●◌↻✖○■';
const COLS = 120;
const ROWS = 30;

let apps: TmuxApp[] = [];
let removers: Array<() => void> = [];
let markers: string[] = [];
let servers: HeldPort[] = [];

afterEach(async () => {
  for (const app of apps) app.kill();
  for (const marker of markers) killMatching(marker);
  for (const remove of removers) remove();
  await Promise.all(servers.map((server) => server.close()));
  apps = [];
  removers = [];
  markers = [];
  servers = [];
});

/** Starts tfui in tmux on a temp project whose Procfile has these entries (MARKER replaced by a fresh marker). */
async function launch(types: Record<string, string>, args: string[]): Promise<{ app: TmuxApp; marker: string; dir: string }> {
  const marker = uniqueMarker('tfuitimeline');
  markers.push(marker);
  const procfile = Object.entries(types)
    .map(([name, command]) => `${name}: ${command.replaceAll('MARKER', marker)}\n`)
    .join('');
  const project = makeProject({ Procfile: procfile });
  removers.push(project.remove);
  const app = await startInTmux({ cwd: project.dir, args, cols: COLS, rows: ROWS });
  apps.push(app);
  return { app, marker, dir: project.dir };
}

/** q: tfui exits 0 and nothing with the marker is left. */
async function quit(app: TmuxApp, marker: string): Promise<void> {
  app.sendKeys('q');
  expect(await app.waitForExit()).toBe(0);
  expect(processesMatching(marker)).toEqual([]);
}

// ---------------------------------------------------------------------------
// Reading the main screen

/** The screen without SGR sequences. */
function plain(styled: string): string {
  return styled.replace(/\x1b\[[0-9;:]*m/g, '');
}

/** The sidebar's part of each screen line (left of the first rule). */
function sidebarLines(screen: string): string[] {
  return screen.split('\n').map((line) => line.split('│')[0] ?? '');
}

const ROW = new RegExp(`^([› ])([${GLYPHS}]) (\\S+)`);

/** An instance's sidebar row (`›● web.1  :5000 3s ↻1`) and the note lines under it. */
function sidebarRow(screen: string, id: string): { glyph: string; selected: boolean; line: string; notes: string[] } | undefined {
  const lines = sidebarLines(screen);
  const at = lines.findIndex((line) => ROW.exec(line)?.[3] === id);
  if (at < 0) return undefined;
  const match = ROW.exec(lines[at] as string) as RegExpExecArray;
  const notes: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (ROW.test(line) || line.trim() === '') break;
    notes.push(line.trim());
  }
  return { glyph: match[2] as string, selected: match[1] === '›', line: lines[at] as string, notes };
}

/** The text of an instance's notes, wrapped lines joined. */
function noteText(screen: string, id: string): string {
  return (sidebarRow(screen, id)?.notes ?? []).join(' ');
}

/** Text without its whitespace: a note wrapped at a word or mid-word reads the same. */
function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

/** The title bar of the pane showing `id`: `│ web.1 ● :5000 · 5000 in use by …`. */
function paneTitle(screen: string, id: string): string | undefined {
  for (const line of screen.split('\n')) {
    const match = new RegExp(`│ (${id.replace('.', '\\.')} [${GLYPHS}] :\\d+.*)$`).exec(line);
    if (match) return (match[1] as string).trimEnd();
  }
  return undefined;
}

/** The text under the pane titled `id` (one pane on screen: everything right of the rule below the title). */
function paneText(screen: string, id: string): string {
  const lines = screen.split('\n');
  const title = lines.findIndex((line) => paneTitle(line, id) !== undefined);
  if (title < 0) return '';
  const col = (lines[title] as string).indexOf('│');
  return lines
    .slice(title + 1)
    .map((line) => line.slice(col + 1))
    .join('\n');
}

// ---------------------------------------------------------------------------
// Reading the timeline

const TIMELINE = ' Timeline ';

interface LaneLine {
  id: string;
  selected: boolean;
  /** The lane's cells, marks and all. */
  cells: string;
  /** The glyph drawn inverse in the cells: the chosen mark, when it is on screen. */
  chosen: string | undefined;
}

/**
 * The lanes on a timeline screen (`capture-pane -e`), top to bottom:
 * `›flaky.1  ▸✖···▸✖···⊘✖`, the chosen lane with `›`, the chosen mark inverse.
 */
function lanes(styled: string): LaneLine[] {
  const styledLines = styled.split('\n');
  const plainLines = styledLines.map(plain);
  if (!plainLines[0]?.startsWith(TIMELINE)) return [];
  const out: LaneLine[] = [];
  for (let i = 1; i < plainLines.length; i++) {
    const match = /^([› ])(\S+) +(\S+)$/.exec(plainLines[i] as string);
    if (!match || !/[━·]/.test(match[3] as string)) break;
    const runs = inverseRuns(styledLines[i] as string);
    // The first inverse run is the chosen lane's name; a mark is a one-cell run after it.
    const markRuns = match[1] === '›' ? runs.slice(1) : runs;
    out.push({ id: match[2] as string, selected: match[1] === '›', cells: match[3] as string, chosen: markRuns.find((run) => [...run].length === 1) });
  }
  return out;
}

function lane(styled: string, id: string): LaneLine | undefined {
  return lanes(styled).find((l) => l.id === id);
}

/** Runs of characters drawn with the inverse attribute (SGR 7) in one styled line. */
function inverseRuns(styledLine: string): string[] {
  const runs: string[] = [];
  let inverse = false;
  let current = '';
  const flush = () => {
    if (current !== '') runs.push(current);
    current = '';
  };
  const tokens = styledLine.split(/(\x1b\[[0-9;:]*m)/);
  for (const token of tokens) {
    const sgr = /^\x1b\[([0-9;:]*)m$/.exec(token);
    if (!sgr) {
      if (inverse) current += token;
      else flush();
      continue;
    }
    const params = (sgr[1] as string).split(';');
    for (let p = 0; p < params.length; p++) {
      const param = params[p] as string;
      if (param === '' || param === '0' || param === '27') inverse = false;
      else if (param === '7') inverse = true;
      else if ((param === '38' || param === '48' || param === '58') && params[p + 1] === '5') p += 2;
      else if ((param === '38' || param === '48' || param === '58') && params[p + 1] === '2') p += 4;
    }
    if (!inverse) flush();
  }
  flush();
  return runs;
}

interface MarkDetails {
  /** `flaky.1 · crash · 12:34:56.789` */
  headline: string;
  kind: string;
  facts: string;
  lastLines: string[];
}

/** The chosen mark's details at the bottom of the timeline, if shown. */
function details(screen: string): MarkDetails | undefined {
  const lines = plain(screen).split('\n');
  const at = lines.findIndex((line) => /^\S+ · .+ · \d\d:\d\d:\d\d\.\d{3}$/.test(line.trimEnd()));
  if (at < 0) return undefined;
  const headline = (lines[at] as string).trimEnd();
  const lastLines: string[] = [];
  if (lines[at + 2]?.trimEnd() === 'last lines:') {
    for (const line of lines.slice(at + 3)) {
      if (!line.startsWith('  ')) break;
      lastLines.push(line.slice(2).trimEnd());
    }
  }
  return { headline, kind: headline.split(' · ')[1] as string, facts: (lines[at + 1] ?? '').trimEnd(), lastLines };
}

// ---------------------------------------------------------------------------

const longRunning = `echo "web up"; exec perl -e 'sleep 1000' -- MARKER $PS`;

describe('a crash loop on the screen and in the timeline', () => {
  it('↻ with a countdown in backoff, then ✖ and why it gave up; the timeline shows the crashes and a crash\'s details', async () => {
    const reason = 'gave up after 2 restarts in 60s (last: exit code 7)';
    const { app, marker } = await launch({ web: longRunning, flaky: 'echo "dying words from $PS"; exit 7' }, ['-r', 'flaky=on-failure', '--crash-loop', '2/60']);

    // Between the crashes: ↻ and the time left before the next start.
    let screen = await app.waitForScreen((s) => sidebarRow(s, 'flaky.1')?.glyph === '↻' && /\bin \d+s\b/.test(sidebarRow(s, 'flaky.1')?.line ?? ''), {
      what: 'flaky.1 in backoff: ↻ … in Ns',
    });
    expect(sidebarRow(screen, 'flaky.1')?.line).toMatch(/^ ↻ flaky\.1 +:5100 in [12]s\b/);
    expect(sidebarRow(screen, 'web.1')?.glyph).toBe('●');

    // After the second restart's crash: ✖, and a line under the row saying why it gave up.
    screen = await app.waitForScreen((s) => sidebarRow(s, 'flaky.1')?.glyph === '✖' && noteText(s, 'flaky.1').startsWith('gave up'), {
      what: 'flaky.1 gave up: ✖ and a note under its row',
      timeoutMs: 20_000,
    });
    const flakyRow = sidebarRow(screen, 'flaky.1');
    expect(flakyRow?.line, screen).toMatch(/exit 7 ↻2/);
    expect(noteText(screen, 'flaky.1'), screen).toMatch(/^gave up after 2 restarts/);
    // The whole sentence, the last exit included (a note may wrap, but must not be cut).
    expect.soft(squash(noteText(screen, 'flaky.1')), `the sidebar cuts the give-up reason:\n${screen}`).toBe(squash(reason));
    expect(sidebarRow(screen, 'web.1')?.glyph).toBe('●');
    expect(sidebarRow(screen, 'web.1')?.notes).toEqual([]);

    // t: a lane per instance, in Procfile order, on the selected instance (web.1); flaky.1 has its three crashes.
    app.sendKeys('t');
    let styled = await app.waitForScreen((s) => lanes(s).length === 2, { styles: true, what: 'the timeline with two lanes' });
    expect(lanes(styled).map((l) => `${l.selected ? '›' : ' '}${l.id}`)).toEqual(['›web.1', ' flaky.1']);
    const flakyLane = lane(styled, 'flaky.1') as LaneLine;
    expect([...flakyLane.cells].filter((c) => c === '✖'), plain(styled)).toHaveLength(3);
    expect(flakyLane.cells, plain(styled)).toContain('⊘');
    expect(flakyLane.cells, plain(styled)).toContain('▸');
    const webLane = lane(styled, 'web.1') as LaneLine;
    expect(webLane.cells, plain(styled)).toMatch(/▸━+$/);
    expect(webLane.cells).not.toContain('✖');
    expect(details(styled)).toBeUndefined();

    // j: the flaky lane, at its newest mark (the give-up); h: the crash before it.
    app.sendKeys('j');
    styled = await app.waitForScreen((s) => lane(s, 'flaky.1')?.selected === true && lane(s, 'flaky.1')?.chosen === '⊘', { styles: true, what: 'flaky.1 lane chosen, at ⊘' });
    expect(lane(styled, 'web.1')?.selected).toBe(false);
    app.sendKeys('h');
    styled = await app.waitForScreen((s) => lane(s, 'flaky.1')?.chosen === '✖', { styles: true, what: 'the newest crash chosen (✖)' });

    // Enter: when, the exit code, how long it ran, the last lines.
    app.sendKeys('Enter');
    screen = await app.waitForScreen((s) => details(s) !== undefined, { what: 'the mark\'s details' });
    const crash = details(screen) as MarkDetails;
    expect(crash.headline, screen).toMatch(/^flaky\.1 · crash · \d\d:\d\d:\d\d\.\d{3}$/);
    expect(crash.facts, screen).toMatch(/^exit code 7 · ran \d+(\.\d)?s$/);
    expect(crash.lastLines, screen).toEqual(['dying words from flaky.1']);
    expect(screen).toContain(TIMELINE);

    // With the details open, h and l walk the marks: an older one, then back to the same crash.
    app.sendKeys('h');
    screen = await app.waitForScreen((s) => details(s) !== undefined && details(s)?.headline !== crash.headline, { what: 'an older mark\'s details after h' });
    expect(details(screen)?.headline, screen).toMatch(/^flaky\.1 · start · /);
    expect(details(screen)?.facts, screen).toMatch(/^pid \d+ · PORT 5100$/);
    app.sendKeys('l');
    screen = await app.waitForScreen((s) => details(s)?.headline === crash.headline, { what: 'the same crash again after l' });
    expect(details(screen)).toEqual(crash);

    // Esc closes the details, then the timeline.
    app.sendKeys('Escape');
    screen = await app.waitForScreen((s) => s.startsWith(TIMELINE) && details(s) === undefined, { what: 'details closed, timeline still open' });
    expect(screen).not.toContain('last lines:');
    app.sendKeys('Escape');
    screen = await app.waitForScreen((s) => !s.includes(TIMELINE) && sidebarRow(s, 'web.1') !== undefined, { what: 'the timeline closed' });
    expect(sidebarRow(screen, 'web.1')?.selected).toBe(true);

    // The pane title of flaky.1 says it gave up, in full; its pane has the last words of each run.
    app.sendKeys('j');
    screen = await app.waitForScreen((s) => paneTitle(s, 'flaky.1') !== undefined, { what: 'flaky.1 selected and in the pane' });
    expect(paneTitle(screen, 'flaky.1'), screen).toBe(`flaky.1 ✖ :5100 · ${reason}`);
    expect(paneText(screen, 'flaky.1').match(/dying words from flaky\.1/g), screen).toHaveLength(3);

    await quit(app, marker);
  });

  it('a process killed by a signal: the details say "killed by SIGKILL", by name', async () => {
    const { app, marker } = await launch({ web: longRunning, killer: 'sleep 0.3; kill -KILL $$' }, ['-r', 'killer=on-failure', '--crash-loop', '1/60']);
    let screen = await app.waitForScreen((s) => sidebarRow(s, 'killer.1')?.glyph === '✖' && noteText(s, 'killer.1').startsWith('gave up'), {
      what: 'killer.1 gave up',
      timeoutMs: 20_000,
    });
    expect(sidebarRow(screen, 'killer.1')?.line, screen).toMatch(/SIGKILL ↻1/);

    app.sendKeys('t');
    await app.waitForScreen((s) => lanes(s).length === 2, { styles: true, what: 'the timeline' });
    app.sendKeys('j');
    await app.waitForScreen((s) => lane(s, 'killer.1')?.selected === true && lane(s, 'killer.1')?.chosen === '⊘', { styles: true, what: 'killer.1 lane at ⊘' });
    app.sendKeys('h');
    const styled = await app.waitForScreen((s) => lane(s, 'killer.1')?.chosen === '✖', { styles: true, what: 'the crash chosen' });
    expect([...(lane(styled, 'killer.1')?.cells ?? '')].filter((c) => c === '✖')).toHaveLength(2);

    app.sendKeys('Enter');
    screen = await app.waitForScreen((s) => details(s) !== undefined, { what: 'the crash\'s details' });
    const crash = details(screen) as MarkDetails;
    expect(crash.headline, screen).toMatch(/^killer\.1 · crash · /);
    expect(crash.facts, screen).toMatch(/^killed by SIGKILL · ran \d+(\.\d)?s$/);
    expect(crash.facts).not.toMatch(/exit code|killed by \d|signal 9/);

    // The give-up mark says the same, by name.
    app.sendKeys('l');
    screen = await app.waitForScreen((s) => details(s)?.kind === 'gave up', { what: 'the give-up\'s details' });
    expect(details(screen)?.facts, screen).toBe('gave up after 1 restarts in 60s (last: SIGKILL)');

    app.sendKeys('Escape');
    await app.waitForScreen((s) => s.startsWith(TIMELINE) && details(s) === undefined, { what: 'details closed' });
    app.sendKeys('Escape');
    screen = await app.waitForScreen((s) => !s.includes(TIMELINE) && sidebarRow(s, 'web.1') !== undefined, { what: 'the timeline closed' });

    await quit(app, marker);
  });
});

describe('a PORT already in use', () => {
  it('is named with its holder in the sidebar and the pane title before the process\'s own EADDRINUSE', async () => {
    // This test process holds a free port; -p makes it web.1's PORT.
    const held = await holdPort();
    servers.push(held);
    const { port } = held;
    const { holder } = held;

    // web.1 tries its port only once the test says so (the file `go`), so the screen can be read before its stack trace.
    const web = `while [ ! -e go ]; do sleep 0.05; done; exec node -e 'require("net").createServer().listen(process.env.PORT)' MARKER $PS`;
    const { app, marker, dir } = await launch({ web }, ['-p', String(port)]);

    let screen = await app.waitForScreen((s) => sidebarRow(s, 'web.1')?.glyph === '●' && paneTitle(s, 'web.1')?.includes(' in use by ') === true, {
      what: 'web.1 running, its port conflict in the pane title',
    });
    expect(paneTitle(screen, 'web.1'), screen).toBe(`web.1 ● :${port} · ${holder}`);
    expect(noteText(screen, 'web.1'), screen).toMatch(new RegExp(`^${port} in use by `));
    expect.soft(squash(noteText(screen, 'web.1')), `the sidebar cuts who holds the port:\n${screen}`).toBe(squash(holder));
    expect(paneText(screen, 'web.1')).not.toContain('EADDRINUSE');

    // Now the process finds out for itself, and the holder is still named.
    writeFileSync(join(dir, 'go'), '');
    screen = await app.waitForScreen((s) => sidebarRow(s, 'web.1')?.glyph === '✖' && paneText(s, 'web.1').includes('EADDRINUSE'), {
      what: 'web.1 crashed with EADDRINUSE',
    });
    expect(paneTitle(screen, 'web.1'), screen).toBe(`web.1 ✖ :${port} · ${holder}`);
    expect(noteText(screen, 'web.1'), screen).toMatch(new RegExp(`^${port} in use by `));

    // The timeline: the conflict (!) was found as the process started, long before the crash; its details name the holder.
    app.sendKeys('t');
    let styled = await app.waitForScreen((s) => lane(s, 'web.1')?.chosen === '✖', { styles: true, what: 'the timeline at web.1\'s crash' });
    expect(lane(styled, 'web.1')?.cells, plain(styled)).toMatch(/▸?!.*✖/);
    app.sendKeys('Enter');
    screen = await app.waitForScreen((s) => details(s) !== undefined, { what: 'the crash\'s details' });
    expect(details(screen)?.facts, screen).toMatch(/^exit code 1 · ran /);
    expect(details(screen)?.lastLines.join('\n'), screen).toContain('EADDRINUSE');
    app.sendKeys('h');
    screen = await app.waitForScreen((s) => details(s)?.kind === 'port in use', { what: 'the port conflict\'s details' });
    expect(details(screen)?.facts, screen).toBe(`PORT ${holder}`);
    app.sendKeys('h');
    await app.waitForScreen((s) => details(s)?.kind === 'start', { what: 'the start\'s details' });

    app.sendKeys('Escape');
    await app.waitForScreen((s) => s.startsWith(TIMELINE) && details(s) === undefined, { what: 'details closed' });
    app.sendKeys('Escape');
    await app.waitForScreen((s) => !s.includes(TIMELINE) && sidebarRow(s, 'web.1') !== undefined, { what: 'the timeline closed' });

    await quit(app, marker);
  });
});

describe('a process that fails at once', () => {
  it('has its last words in the timeline, though it ended while the screen was still loading', async () => {
    const { app, marker } = await launch({ web: 'sleep 60 # MARKER', broken: 'echo "cannot start: no config (MARKER)"; exit 3' }, []);
    await app.waitForScreen((s) => sidebarRow(s, 'broken.1')?.glyph === '✖' && sidebarRow(s, 'web.1')?.glyph === '●', { what: 'broken.1 crashed, web.1 running' });
    app.sendKeys('t');
    await app.waitForScreen((s) => lane(s, 'web.1')?.selected === true, { styles: true, what: 'the timeline on web.1' });
    app.sendKeys('j');
    await app.waitForScreen((s) => lane(s, 'broken.1')?.chosen === '✖', { styles: true, what: "broken.1's crash chosen" });
    app.sendKeys('Enter');
    const screen = await app.waitForScreen((s) => details(s) !== undefined, { what: "the crash's details" });
    expect(details(screen)?.facts, screen).toMatch(/^exit code 3 · ran /);
    expect(details(screen)?.lastLines, screen).toEqual([`cannot start: no config (${marker})`]);
    app.sendKeys('Escape');
    await app.waitForScreen((s) => details(s) === undefined, { what: 'the details closed' });
    app.sendKeys('Escape');
    await app.waitForScreen((s) => !s.includes(TIMELINE) && sidebarRow(s, 'web.1') !== undefined, { what: 'the timeline closed' });
    await quit(app, marker);
  });
});
