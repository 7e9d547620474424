// `npm run bench`: tfui's own figures for the line mode, beside Ruby foreman when it is installed.
//   startup    10 process types, spawn -> all 10 "ready" lines on tfui's stdout (median of runs)
//   integrity  20 000 lines written 100 per write(2): lines that arrive whole vs broken
//   shutdown   5 sleeping processes, SIGINT -> exit
// Usage: node scripts/bench.mjs [--runs N]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 10;
const tfuiBin = fileURLToPath(new URL('../bin/tfui.js', import.meta.url));
const writer = fileURLToPath(new URL('../test/fixtures/burst-writer.js', import.meta.url));
const hasForeman = spawnSync('sh', ['-c', 'command -v foreman'], { stdio: 'ignore' }).status === 0;
const managers = { tfui: ['node', tfuiBin, 'start', '--no-tui'], ...(hasForeman ? { foreman: ['foreman', 'start'] } : {}) };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function project(procfile) {
  const dir = mkdtempSync(join(tmpdir(), 'tfui-bench-'));
  writeFileSync(join(dir, 'Procfile'), procfile);
  return dir;
}

/** Starts a manager, resolves when `until(stdout)` holds (with the elapsed ms), then lets `then` finish it. */
function measure(argv, cwd, until, then = (child) => child.kill('SIGINT')) {
  return new Promise((resolve) => {
    const began = process.hrtime.bigint();
    const child = spawn(argv[0], argv.slice(1), { cwd, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    let reached;
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      if (reached === undefined && until(out)) {
        reached = Number(process.hrtime.bigint() - began) / 1e6;
        then(child);
      }
    });
    child.on('close', () => resolve({ ms: reached, out, totalMs: Number(process.hrtime.bigint() - began) / 1e6, closedAt: process.hrtime.bigint() }));
  });
}

async function startup(name, argv) {
  const procfile = Array.from({ length: 10 }, (_, i) => `p${i}: echo ready-p${i}; exec sleep 1000\n`).join('');
  const dir = project(procfile);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const { ms } = await measure(argv, dir, (out) => (out.match(/ready-p\d/g) ?? []).length === 10);
    times.push(ms);
  }
  rmSync(dir, { recursive: true });
  return `${name.padEnd(8)} startup, 10 types: median ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}, ${runs} runs)`;
}

async function integrity(name, argv) {
  const dir = project(`w: node ${writer} 20000 100 L\n`);
  const { out, totalMs } = await measure(argv, dir, () => false);
  rmSync(dir, { recursive: true });
  const lines = out.split('\n').filter((l) => /^(\d\d:\d\d:\d\d )?w\.1 +\| /.test(l)).map((l) => l.replace(/^.*?\| /, ''));
  const body = lines.filter((l) => !/^(started with pid|exited with code)/.test(l));
  const whole = body.filter((l, i) => l === `L ${String(i).padStart(6, '0')} ${'payload-'.repeat(8)}`).length;
  return `${name.padEnd(8)} integrity: ${whole} of 20000 lines whole, ${body.length - whole} broken or missing (${(20000 / (totalMs / 1000) / 1000).toFixed(0)}k lines/s, ${totalMs.toFixed(0)} ms)`;
}

async function shutdown(name, argv) {
  const dir = project(Array.from({ length: 5 }, (_, i) => `s${i}: echo up-s${i}; exec sleep 1000\n`).join(''));
  const times = [];
  for (let i = 0; i < runs; i++) {
    let sent = 0n;
    const { closedAt } = await measure(argv, dir, (out) => (out.match(/up-s\d/g) ?? []).length === 5, (child) => {
      sent = process.hrtime.bigint();
      child.kill('SIGINT');
    });
    times.push(Number(closedAt - sent) / 1e6);
  }
  rmSync(dir, { recursive: true });
  return `${name.padEnd(8)} shutdown, 5 sleeping processes, SIGINT -> exit: median ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`;
}

for (const [name, argv] of Object.entries(managers)) console.log(await startup(name, argv));
for (const [name, argv] of Object.entries(managers)) console.log(await integrity(name, argv));
for (const [name, argv] of Object.entries(managers)) console.log(await shutdown(name, argv));
