import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// A private runtime folder for this run's control sockets (removed at the end by test/global-runtime-dir.ts).
const runtimeDir = (process.env['TFUI_TEST_RUNTIME_DIR'] ??= mkdtempSync(join(tmpdir(), 'tfui-run-')));

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // Real processes and ptys: generous per-test deadlines for a busy 2-core machine;
    // tests wait for conditions, never for fixed times.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 2,
    globalSetup: ['test/global-runtime-dir.ts'],
    // The tfui runs of the tests keep their V8 code cache in the project, not in the
    // user's ~/.cache, nor in a shared folder (whoever writes the cache decides what runs).
    env: { XDG_RUNTIME_DIR: runtimeDir, TFUI_CACHE_DIR: fileURLToPath(new URL('./node_modules/.cache/tfui-test', import.meta.url)) },
  },
});
