import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnInPty } from '../../src/engine/pty-process.js';

// A regression here blocks this worker's event loop for good (tfui once wrote its end marker into a
// full pty with a blocking write), where no test timeout can fire: a watchdog outside ends the worker.
// Its own process group, killed whole: killing only the shell left its `sleep` behind, and the
// watchdog must not outlive the worker (its pid could be someone else's by then).
let watchdog: ChildProcess | undefined;
beforeAll(() => {
  watchdog = spawn('sh', ['-c', `sleep 60; kill -9 ${process.pid}`], { stdio: 'ignore', detached: true });
});
afterAll(() => {
  if (watchdog?.pid !== undefined) process.kill(-watchdog.pid, 'SIGKILL');
});

function busyFor(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // Keeps the event loop from reading the pty, as a long frame under a flood would.
  }
}

describe("the end of a process's output", () => {
  it('arrives whole, and the exit is reported, when the process left the pty full and tfui was busy', async () => {
    for (const size of [4_000, 8_000, 16_000, 40_000, 70_000, 200_000]) {
      const pty = spawnInPty({ command: `head -c ${size} /dev/zero | tr '\\0' x; printf END`, cwd: tmpdir(), env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' }, cols: 80, rows: 24 });
      let bytes = 0;
      let tail = '';
      pty.onData((data) => {
        bytes += data.length;
        tail = (tail + data.toString('latin1')).slice(-3);
      });
      busyFor(300);
      const status = await Promise.race([pty.exited, new Promise((resolve) => setTimeout(() => resolve('no exit in 10 s'), 10_000))]);
      expect(status, `${size} bytes`).toEqual({ code: 0, signal: null });
      expect(bytes, `${size} bytes`).toBe(size + 3);
      expect(tail).toBe('END');
    }
  });

  it('is reported when the process filled the pty to the brim before it exited', async () => {
    for (let run = 0; run < 5; run++) {
      // Writes until the pty takes no more, then exits: no room is left for anything after it.
      const fill = `perl -e 'use Fcntl; fcntl(STDOUT, F_SETFL, O_NONBLOCK); my $n = 0; while (1) { my $w = syswrite(STDOUT, "x" x 512); last unless $w; $n += $w } print STDERR ""; exit 0'`;
      const pty = spawnInPty({ command: fill, cwd: tmpdir(), env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' }, cols: 80, rows: 24 });
      let bytes = 0;
      pty.onData((data) => (bytes += data.length));
      busyFor(300);
      const status = await Promise.race([pty.exited, new Promise((resolve) => setTimeout(() => resolve('no exit in 10 s'), 10_000))]);
      expect(status).toEqual({ code: 0, signal: null });
      expect(bytes).toBeGreaterThan(1000);
    }
  });
});
