/**
 * The standing comparison with tmux: every stream of the corpus, and the
 * full-screen programs users run in input mode, are shown in a zoomed pane of
 * the REAL tfui (driven in tmux) and by tmux itself in a window of the pane's
 * exact size, and the two are compared cell by cell: character, colours,
 * every attribute, and the cell the cursor is on.
 *
 * One tfui runs everything (a Procfile line each). A stream waits until its
 * pane is zoomed to the reference's size before it plays, so nothing is
 * reflowed on the way; a program redraws when its pane is resized, as in a
 * terminal.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject } from '../helpers/project.js';
import { poll, startInTmux, type TmuxApp } from '../helpers/tmux.js';
import { differences, withCursor } from './compare-cells.js';
import { SAMPLE, SESSIONS, STREAMS, cursorShapeOf } from './corpus.js';
import { region, screenCells, type Cell } from './screen-cells.js';
import { ReferenceTmux } from './tmux-reference.js';

const COLS = 80;
const ROWS = 24;
const PLAYER = fileURLToPath(new URL('./play-stream.mjs', import.meta.url));
/** How long a pane may take to match its reference before its differences are reported. */
const MATCH_MS = 5_000;
/** What tfui gives its processes, and so the reference's programs too. */
const TERM = 'xterm-256color';

interface Case {
  id: string;
  name: string;
  command: string;
  /** Waits until the reference has drawn what is to be compared. */
  ready(): Promise<void>;
  shape: 'block' | 'underline' | 'bar';
  rows?: (text: string[]) => number[];
}

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
const textOf = (screen: Cell[][]) => screen.map((row) => row.map((cell) => cell.char).join(''));

let project: ReturnType<typeof makeProject>;
let reference: ReferenceTmux;
let app: TmuxApp | undefined;
let cases: Case[] = [];

beforeAll(async () => {
  const streams = Object.keys(STREAMS);
  const corpus = Object.fromEntries(streams.map((name, index) => [`s${index}`, Buffer.from(STREAMS[name]!, 'utf8').toString('base64')]));
  project = makeProject({ 'corpus.json': JSON.stringify(corpus), 'sample.txt': SAMPLE });
  const corpusFile = join(project.dir, 'corpus.json');
  reference = new ReferenceTmux();
  cases = [
    ...streams.map((name, index): Case => {
      const id = `s${index}`;
      return { id, name, command: `${quote(process.execPath)} ${quote(PLAYER)} ${quote(corpusFile)} ${id} ${COLS} ${ROWS}`, shape: cursorShapeOf(STREAMS[name]!), ready: () => reference.waitForTitle(id, `played ${id}`) };
    }),
    ...Object.entries(SESSIONS).map(([name, session], index): Case => {
      const id = `p${index}`;
      // Started once the pane is zoomed, as the streams are: vim and less drop their file message when resized.
      const command = `sh -c ${quote(`while [ "$(stty size)" != "${ROWS} ${COLS}" ]; do sleep 0.05; done; exec ${session.command}`)}`;
      return { id, name, command, shape: 'block', ready: () => reference.waitForScreen(id, session.ready), ...(session.rows ? { rows: session.rows } : {}) };
    }),
  ];
  writeFileSync(join(project.dir, 'Procfile'), cases.map((c) => `${c.id}: exec ${c.command}\n`).join(''));
  for (const c of cases) reference.start(c.id, COLS, ROWS, `cd ${quote(project.dir)} && exec ${c.command}`, { TERM });
  // The zoomed pane: the whole width less its rule, the height less its title bar, the hint bar and Ink's spare row.
  app = await startInTmux({ cwd: project.dir, args: ['start'], cols: COLS + 1, rows: ROWS + 3 });
  await app.waitForScreen(`${cases.length}/${cases.length} running`);
  app.sendKeys('z');
});

afterAll(() => {
  app?.kill();
  reference?.kill();
  project?.remove();
});

describe('a zoomed pane shows what tmux shows, cell by cell', () => {
  it(`for ${Object.keys(STREAMS).length} streams (SGR attributes and resets, colours, wide characters, progress bars, scroll regions, the alternate screen, the cursor) and ${Object.keys(SESSIONS).join(', ')}`, async () => {
    const failures: string[] = [];
    for (const [index, c] of cases.entries()) {
      await c.ready();
      await reference.look(c.id);
      const full = withCursor(screenCells(reference.capture(c.id), COLS, ROWS), reference.cursor(c.id), c.shape);
      const rows = c.rows?.(textOf(full)) ?? full.map((_, y) => y);
      const expected = rows.map((y) => full[y]!);
      if (index > 0) app!.sendKeys('j');
      // Input mode: the pane draws the program's cursor.
      app!.sendKeys('i');
      let last: string[] = [];
      try {
        await poll(
          () => {
            const screen = screenCells(app!.screenWithStyles(true), COLS + 1, ROWS + 3);
            if (!textOf(screen)[0]!.includes(` ${c.id}.1 `)) return false;
            const pane = region(screen, 1, 1, ROWS, COLS);
            last = differences(expected, rows.map((y) => pane[y]!));
            return last.length === 0;
          },
          MATCH_MS,
          () => '',
        );
      } catch {
        failures.push(`${c.name} (${c.id}):\n  ${last.join('\n  ')}`);
      }
      app!.sendKeys('C-a');
    }
    expect(failures.join('\n')).toBe('');
  }, 120_000);
});
