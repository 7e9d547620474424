/**
 * Stopping, where tfui cannot read /proc: with the portable platform forced
 * (ps and lsof), and in a mount namespace whose /proc is an empty tmpfs (what
 * macOS looks like to a /proc reader; nothing can be listed there at all).
 * Every way to stop, in line mode and on the screen, with the four kinds of
 * process that make stopping hard. Survivors are looked for from outside,
 * with the real /proc, by each case's unique marker.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TFUI_BIN } from '../helpers/cli.js';
import { ALL_TAGS, caseMarkers, GROUP_TAGS, hardToStopProcfile, livingTags, PORTABLE, PROC_HIDDEN, procHideable, type PlatformVariant } from '../helpers/hard-to-stop.js';
import { killMatching } from '../helpers/processes.js';
import { makeProject } from '../helpers/project.js';
import { startInTmux } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait-for.js';

const TIMEOUT_S = 1;
/** The done-when: every stop ends within the timeout + 1 s. */
const LIMIT_MS = TIMEOUT_S * 1000 + 1000;
const { base, next: nextCase } = caseMarkers('tfuistop');

afterAll(() => killMatching(base));

const variants: PlatformVariant[] = [PORTABLE, PROC_HIDDEN];

/** What every stop must leave: nothing (portable), or nothing of the group and a word on what was not verified (/proc hidden). */
function expectStopped(variant: PlatformVariant, m: string, took: number, said: string): void {
  const left = livingTags(m);
  expect(took, `stop took ${took} ms`).toBeGreaterThanOrEqual(TIMEOUT_S * 1000 - 50);
  expect(took, `stop took ${took} ms`).toBeLessThan(LIMIT_MS);
  if (variant.hidden) {
    expect(left.filter((tag) => GROUP_TAGS.includes(tag))).toEqual([]);
    expect(said).toMatch(/could not verify that every process stopped: cannot list processes/);
  } else {
    expect(left).toEqual([]);
    expect(said).not.toMatch(/could not verify/);
  }
}

function startLineMode(variant: PlatformVariant, cwd: string, args: string[]): { child: ChildProcess; output: () => string; closed: Promise<number | null> } {
  const argv = [...variant.wrapper, process.execPath, TFUI_BIN, ...args];
  // Its own process group, so a Ctrl-C can reach tfui as a terminal's would: the whole foreground group.
  const child = spawn(argv[0] as string, argv.slice(1), { cwd, detached: true, env: { ...process.env, NO_COLOR: '1', ...variant.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (output += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (output += d));
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, output: () => output, closed };
}

describe.each(variants)('stopping with the $name', (variant) => {
  const lineWays = ['Ctrl-C', 'SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  it.skipIf(variant.hidden && !procHideable).concurrent.each(lineWays)('line mode, %s: the whole matrix ends within the timeout + 1 s', async (way) => {
    const m = nextCase();
    const project = makeProject({ Procfile: hardToStopProcfile(m) });
    const tfui = startLineMode(variant, project.dir, ['start', '-t', String(TIMEOUT_S)]);
    try {
      await waitFor(() => livingTags(m).join() === ALL_TAGS.join(), { describe: tfui.output });
      const began = Date.now();
      if (way === 'Ctrl-C') process.kill(-(tfui.child.pid as number), 'SIGINT');
      else tfui.child.kill(way);
      const code = await tfui.closed;
      const took = Date.now() - began;
      expect(code, tfui.output()).toBe(0);
      expectStopped(variant, m, took, tfui.output());
    } finally {
      tfui.child.kill('SIGKILL');
      killMatching(m);
      project.remove();
    }
  });

  const screenWays = ['q', 'Ctrl-C', 'SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  it.skipIf(variant.hidden && !procHideable).concurrent.each(screenWays)('the screen, %s: the whole matrix ends within the timeout + 1 s', async (way) => {
    const m = nextCase();
    const project = makeProject({ Procfile: hardToStopProcfile(m) });
    const stderrFile = join(project.dir, 'stderr.txt');
    const app = await startInTmux({ cwd: project.dir, args: ['start', '-t', String(TIMEOUT_S)], env: variant.env, wrapper: variant.wrapper, stderrFile, cols: 100, rows: 30 });
    try {
      await waitFor(() => livingTags(m).join() === ALL_TAGS.join(), { describe: () => app.screen() });
      await app.waitForScreen('daemon.1');
      const pid = await app.pid();
      const began = Date.now();
      if (way === 'q') app.sendKeys('q');
      else if (way === 'Ctrl-C') app.sendKeys('C-c');
      else process.kill(pid, way);
      expect(await app.waitForExit()).toBe(0);
      expectStopped(variant, m, Date.now() - began, readFileSync(stderrFile, 'utf8'));
    } finally {
      app.kill();
      killMatching(m);
      project.remove();
    }
  });

  it.skipIf(variant.hidden && !procHideable)('a taken PORT is reported: with its holder where the platform can name it', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const m = nextCase();
    // It tries the port itself too, as a web server would, and dies of EADDRINUSE.
    const project = makeProject({ Procfile: `web: node -e "require('net').createServer().listen(process.env.PORT, '127.0.0.1')" -- ${m}\n` });
    const tfui = startLineMode(variant, project.dir, ['start', '-p', String(port)]);
    try {
      const code = await tfui.closed;
      expect(code, tfui.output()).toBe(1);
      const ownName = readFileSync('/proc/self/comm', 'latin1').trim();
      if (variant.hidden) expect(tfui.output()).toContain(`tfui: web.1: PORT ${port} was in use (EADDRINUSE)\n`);
      else expect(tfui.output()).toContain(`tfui: web.1: PORT ${port} in use by ${ownName} (pid ${process.pid})\n`);
    } finally {
      tfui.child.kill('SIGKILL');
      killMatching(m);
      project.remove();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
