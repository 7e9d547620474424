// Runs the freshly built tfui once in a pseudo-terminal, so that V8's code cache
// (src/launcher) is written now and the user's first start is as fast as the next
// ones (~300 ms cold, half that warm). Best effort: any failure only leaves the
// cache to the first real start.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DEADLINE_MS = 10_000;

export async function warmCodeCache(root) {
  let pty;
  try {
    pty = createRequire(join(root, 'package.json'))('node-pty');
  } catch {
    return 'node-pty is not built';
  }
  const dir = mkdtempSync(join(tmpdir(), 'tfui-warm-'));
  try {
    // Short sleepers: even a warm-up that had to be killed leaves nothing for long.
    writeFileSync(join(dir, 'Procfile'), 'web: echo ready; exec sleep 5\nworker: echo ready; exec sleep 5\n');
    const bin = fileURLToPath(new URL('../bin/tfui.js', import.meta.url));
    // Default keys and no preferences file of the user's: `q` quits, whatever they remapped.
    const child = pty.spawn(process.execPath, [bin, 'start'], { cols: 100, rows: 30, cwd: dir, env: { ...process.env, TERM: 'xterm-256color', TFUI_CONFIG_DIR: dir } });
    return await new Promise((resolve) => {
      let screen = '';
      let quitting = false;
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve('no first frame in time');
      }, DEADLINE_MS);
      child.onData((data) => {
        screen += data;
        // The first frame is up: quitting now writes the cache with everything it compiled.
        if (!quitting && screen.includes('worker.1') && screen.includes('web.1')) {
          quitting = true;
          child.write('q');
        }
      });
      child.onExit(({ exitCode }) => {
        clearTimeout(timer);
        resolve(exitCode === 0 ? 'ok' : `exit ${exitCode}`);
      });
    });
  } catch (error) {
    return String(error);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
