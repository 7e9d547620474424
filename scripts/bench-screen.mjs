// `npm run bench:screen`: the screen's own figures, the real app in a pty feeding a headless terminal.
//   first frame  10 process types, spawn -> a frame with every instance running and p01's ready line
//   first key    j sent as that frame appears -> the selection moved on screen
//   later key    j sent 2 s after -> the selection moved on screen
// Usage: node scripts/bench-screen.mjs [--runs N]
// (../shared/bench/run.sh measures the same start-up through tmux, side by side with mprocs.)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const pty = require('node-pty');
const { Terminal } = require('@xterm/headless');

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 7;
const tfuiBin = fileURLToPath(new URL('../bin/tfui.js', import.meta.url));
const [cols, rows] = [160, 45];
const names = Array.from({ length: 10 }, (_, i) => `p${String(i + 1).padStart(2, '0')}`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = mkdtempSync(join(tmpdir(), 'tfui-bench-screen-'));
writeFileSync(join(dir, 'Procfile'), names.map((name) => `${name}: echo ready-${name}; exec sleep 3600\n`).join(''));

const allUp = (screen) => screen.includes('ready-p01') && names.every((name) => new RegExp(`●[^\\n]*\\b${name}\\.1\\b`).test(screen));
const moved = (screen) => /›● p02\.1/.test(screen);

/** One run: resolves with [first frame ms, key ms] for a key sent `keyDelayMs` after the first frame. */
function run(keyDelayMs) {
  return new Promise((resolve, reject) => {
    const term = new Terminal({ cols, rows, allowProposedApi: true });
    const began = performance.now();
    const child = pty.spawn(process.execPath, [tfuiBin, 'start'], { cols, rows, cwd: dir, name: 'xterm-256color', env: process.env });
    const timer = setTimeout(() => finish(new Error('no frame with every instance up within 10 s')), 10_000);
    let frameMs;
    let keyAt;
    let result;
    let failure;
    // Settles on tfui's exit, whenever it comes: after q, or a crash before any frame.
    child.onExit(({ exitCode }) => {
      clearTimeout(timer);
      if (result && !failure) resolve(result);
      else reject(failure ?? new Error(`tfui exited (${exitCode}) before the measurement`));
    });
    const screen = () => {
      const buffer = term.buffer.active;
      let text = '';
      for (let y = 0; y < rows; y++) text += `${buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? ''}\n`;
      return text;
    };
    const finish = (error) => {
      clearTimeout(timer);
      failure = error;
      child.write('q');
      // A tfui that does not quit is a finding, not a reason to hang here.
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    };
    child.onData((data) =>
      term.write(data, () => {
        if (result) return;
        const now = performance.now();
        if (frameMs === undefined && allUp(screen())) {
          frameMs = now - began;
          setTimeout(() => {
            keyAt = performance.now();
            child.write('j');
          }, keyDelayMs);
        } else if (keyAt !== undefined && moved(screen())) {
          result = [frameMs, now - keyAt];
          finish();
        }
      }),
    );
  });
}

const frames = [];
const firstKeys = [];
const laterKeys = [];
try {
  await run(0); // Builds tfui's code cache for this node, if the build did not.
  for (let i = 0; i < runs; i++) {
    const [frame, key] = await run(0);
    frames.push(frame);
    firstKeys.push(key);
    laterKeys.push((await run(2000))[1]);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const show = (label, xs) => console.log(`${label.padEnd(12)} median ${median(xs).toFixed(0)} ms  (${xs.map((x) => x.toFixed(0)).join(' ')})`);
console.log(`tfui screen, ${cols}x${rows}, 10 process types, ${runs} runs`);
show('first frame', frames);
show('first key', firstKeys);
show('later key', laterKeys);
