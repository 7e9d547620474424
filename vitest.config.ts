import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // Real processes and ptys: generous per-test deadlines for a busy 2-core machine;
    // tests wait for conditions, never for fixed times.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 2,
    // The tfui runs of the tests keep their V8 code cache here, not in the user's ~/.cache.
    env: { TFUI_CACHE_DIR: join(tmpdir(), 'tfui-test-code-cache') },
  },
});
