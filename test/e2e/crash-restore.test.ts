import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killMatching, processesMatching, uniqueMarker } from '../helpers/processes.js';
import { makeProject } from '../helpers/project.js';
import { AFTER_TFUI, startInTmux, type TmuxApp } from '../helpers/tmux.js';

let app: TmuxApp | undefined;
let cleanup: () => void = () => {};
const marker = uniqueMarker('tfuicrash');

afterEach(() => {
  app?.kill();
  app = undefined;
  cleanup();
  killMatching(marker);
});

/**
 * A bug inside tfui, simulated without a hook in tfui itself: a module preloaded
 * into tfui's own node process (NODE_OPTIONS) throws once the screen is up.
 */
describe('a crash inside tfui', () => {
  it.each([
    ['an uncaught exception', 'setTimeout(() => { throw new Error("boom from a test") }, 1500);'],
    ['an unhandled rejection', 'setTimeout(() => { Promise.reject(new Error("boom from a test")) }, 1500);'],
  ])('%s restores the terminal first, then reports, and leaves no process', async (_what, crash) => {
    const project = makeProject({ Procfile: `web: echo "web up"; exec perl -e 'sleep 1000' -- ${marker}\n` });
    cleanup = project.remove;
    const preload = join(project.dir, 'crash.cjs');
    writeFileSync(preload, `${crash}\n`);
    app = await startInTmux({ cwd: project.dir, cols: 80, rows: 24, env: { NODE_OPTIONS: `--require ${preload}` } });
    await app.waitForScreen(/●.*web\.1/, { what: 'the screen with web.1 running' });
    expect(await app.waitForExit()).toBe(70);
    const screen = await app.waitForScreen((s) => s.includes(AFTER_TFUI), { what: 'the shell after tfui' });
    expect(app.display('#{cursor_flag} #{alternate_on}')).toBe('1 0');
    expect(screen).toContain('tfui: internal error: Error: boom from a test');
    expect(processesMatching(marker, { programsOnly: true })).toEqual([]);
  });
});
