/**
 * kill -9 of tfui itself: nothing it started may outlive it. tfui cannot act
 * on SIGKILL; its watchdog (a shell script in a session of its own) sees
 * tfui's pipe end and does the stop. The four hard kinds of process, in line
 * mode and on the screen, on Linux's /proc, with the portable platform, and
 * with /proc hidden (where only the groups can be stopped: nothing lists the
 * processes that left them); and a tfui inside another's instance, whose
 * watchdog must outlive the outer tfui's stop of it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { TFUI_BIN } from '../helpers/cli.js';
import { ALL_TAGS, caseMarkers, GROUP_TAGS, hardToStopProcfile, LINUX_PROC, livingTags, PORTABLE, PROC_HIDDEN, procHideable, watchdogOf, type PlatformVariant } from '../helpers/hard-to-stop.js';
import { killMatching, processesMatching } from '../helpers/processes.js';
import { makeProject } from '../helpers/project.js';
import { startInTmux, type TmuxApp } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait-for.js';

const TIMEOUT_S = 1;
/** As for every other way to stop: within the timeout + 1 s. */
const LIMIT_MS = TIMEOUT_S * 1000 + 1000;
const { base, next: nextCase } = caseMarkers('tfuinine');

afterAll(() => killMatching(base));

const variants: PlatformVariant[] = [LINUX_PROC, PORTABLE, PROC_HIDDEN];

/** Starts tfui one way or the other; resolves with its pid and a clean-up. */
async function startTfui(variant: PlatformVariant, mode: 'line mode' | 'the screen', dir: string): Promise<{ pid: number; describe: () => string; end: () => void; app?: TmuxApp }> {
  const args = ['start', '-t', String(TIMEOUT_S)];
  if (mode === 'the screen') {
    const app = await startInTmux({ cwd: dir, args, env: variant.env, wrapper: variant.wrapper, cols: 100, rows: 30 });
    // The processes start before the screen: killed only once it is drawn, tfui leaves a terminal to give back.
    await app.waitForScreen('daemon.1');
    return { pid: await app.pid(), describe: () => app.screen(), end: () => app.kill(), app };
  }
  const argv = [...variant.wrapper, process.execPath, TFUI_BIN, ...args];
  const child = spawn(argv[0] as string, argv.slice(1), { cwd: dir, detached: true, env: { ...process.env, NO_COLOR: '1', ...variant.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (output += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (output += d));
  return { pid: child.pid as number, describe: () => output, end: () => child.kill('SIGKILL') };
}

describe.each(variants)('kill -9 of tfui, with $name', (variant) => {
  it.skipIf(variant.hidden && !procHideable).concurrent.each(['line mode', 'the screen'] as const)('in %s: its watchdog stops every process within the timeout + 1 s', async (mode) => {
    const m = nextCase();
    const project = makeProject({ Procfile: hardToStopProcfile(m) });
    const tfui = await startTfui(variant, mode, project.dir);
    try {
      await waitFor(() => livingTags(m).join() === ALL_TAGS.join(), { describe: tfui.describe });
      const watchdog = watchdogOf(tfui.pid);
      expect(watchdog, 'tfui runs a watchdog').toBeDefined();

      const began = Date.now();
      process.kill(tfui.pid, 'SIGKILL');
      const leftOf = variant.hidden ? () => livingTags(m).filter((tag) => GROUP_TAGS.includes(tag)) : () => livingTags(m);
      await waitFor(() => leftOf().length === 0, { timeoutMs: 10_000, describe: () => `left: ${leftOf().join(', ')}` });
      const took = Date.now() - began;
      // The stubborn one is killed only once the timeout has passed: the watchdog does tfui's stop, not a SIGKILL at once.
      expect(took, `stop took ${took} ms`).toBeGreaterThanOrEqual(TIMEOUT_S * 1000 - 50);
      expect(took, `stop took ${took} ms`).toBeLessThan(LIMIT_MS);
      // And it is gone once done.
      await waitFor(() => !processesMatching('tfui-watchdog.sh').includes(watchdog as number), { timeoutMs: 5000, describe: () => `watchdog ${watchdog} still runs` });
      if (tfui.app) {
        // The screen's terminal is given back: the shell's screen, no mouse reports, a cursor, and not raw.
        expect(tfui.app.display('#{alternate_on} #{mouse_any_flag} #{mouse_sgr_flag} #{cursor_flag}')).toBe('0 0 0 1');
        const modes = spawnSync('stty', ['-a', '-F', tfui.app.display('#{pane_tty}')], { encoding: 'utf8' });
        expect(modes.stdout.split(/\s+/)).toEqual(expect.arrayContaining(['isig', 'icanon', 'echo', 'icrnl']));
      }
    } finally {
      tfui.end();
      killMatching(m);
      project.remove();
    }
  });
});

it('after a quit the watchdog has nothing to do, and is gone with tfui', async () => {
  const m = nextCase();
  const project = makeProject({ Procfile: hardToStopProcfile(m) });
  const tfui = await startTfui(LINUX_PROC, 'line mode', project.dir);
  try {
    await waitFor(() => livingTags(m).join() === ALL_TAGS.join(), { describe: tfui.describe });
    const watchdog = watchdogOf(tfui.pid);
    expect(watchdog, 'tfui runs a watchdog').toBeDefined();
    process.kill(tfui.pid, 'SIGINT');
    await waitFor(() => livingTags(m).length === 0 && !processesMatching('tfui-watchdog.sh').includes(watchdog as number), {
      describe: () => `left: ${livingTags(m).join(', ')}; watchdog ${processesMatching('tfui-watchdog.sh').includes(watchdog as number) ? 'runs' : 'gone'}\n${tfui.describe()}`,
    });
    expect(tfui.describe()).toContain('sending SIGTERM to all processes');
  } finally {
    tfui.end();
    killMatching(m);
    project.remove();
  }
});

it("a tfui inside another's instance: the outer's stop kills the inner tfui, and the inner's watchdog stops its daemon", async () => {
  const m = nextCase();
  const ignoring = `$SIG{TERM}=$SIG{HUP}="IGNORE"`;
  const project = makeProject({
    Procfile: `inner: cd inner && exec ${process.execPath} ${TFUI_BIN} start -t 2\n`,
    'inner/Procfile': `d: perl -MPOSIX -e '${ignoring}; fork and exit; setsid(); fork and exit; sleep 1000' -- ${m}-daemon; exec perl -e '${ignoring}; sleep 1000' -- ${m}-parent\n`,
  });
  const outer = await startTfui(LINUX_PROC, 'line mode', project.dir);
  try {
    await waitFor(() => livingTags(m).join() === 'daemon,parent', { describe: outer.describe });
    const began = Date.now();
    process.kill(outer.pid, 'SIGINT');
    // The outer SIGKILLs the inner tfui after its 1 s; only the inner's watchdog knows the daemon (by the inner's marker).
    await waitFor(() => livingTags(m).length === 0, { timeoutMs: 10_000, describe: () => `left: ${livingTags(m).join(', ')}\n${outer.describe()}` });
    expect(Date.now() - began).toBeLessThan(1000 + 2000 + 1000);
  } finally {
    outer.end();
    killMatching(m);
    project.remove();
  }
});
