import { rmSync } from 'node:fs';

/**
 * The suite's tfuis keep their control sockets in a private runtime folder
 * of the run's own (vitest.config.ts), not in the shared /tmp/tfui-UID: a
 * test that SIGKILLs tfui leaves its socket, and those would pile up there.
 */
export default function setup(): () => void {
  return () => {
    const folder = process.env['TFUI_TEST_RUNTIME_DIR'];
    if (folder) rmSync(folder, { recursive: true, force: true });
  };
}
