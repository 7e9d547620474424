import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findTree, isInTree, MARKER_VARIABLE } from '../../src/engine/process-tree.js';
import { linuxProc } from '../../src/platform/linux-proc.js';
import { portable } from '../../src/platform/portable.js';
import { killMatching, uniqueMarker } from '../helpers/processes.js';

const marker = uniqueMarker('tfuitree');
const started: ChildProcess[] = [];

afterEach(() => {
  killMatching(marker);
  started.splice(0);
});

/** Runs `script` in its own process group, as an instance's pty session is, and reads the pids it prints. */
async function run(script: string, env: Record<string, string> = {}): Promise<{ root: number; printed: number[] }> {
  const child = spawn('sh', ['-c', `${script} # ${marker}`], { detached: true, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(child);
  const firstLine = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.split('\n')[0] ?? '');
    });
    child.once('exit', () => reject(new Error(`exited before printing: ${text}`)));
  });
  return { root: child.pid as number, printed: firstLine.trim().split(/\s+/).map(Number) };
}

describe.each([linuxProc, portable])('whether a process belongs to an instance ($name)', (platform) => {
  it('counts the root, its descendants and processes carrying the marker; not strangers or tfui', async () => {
    const instanceMarker = `run.web.1.${marker}`;
    // A child in the group, and one that left it (setsid) and was orphaned, so only the marker in its environment tells.
    const file = join(tmpdir(), `${marker}.pid`);
    const tree = await run(
      `perl -e "sleep 1000" ${marker} & a=$!; setsid sh -c '(perl -e "sleep 1000" ${marker} & echo $! > ${file})'; while [ ! -s ${file} ]; do sleep 0.01; done; echo $a $(cat ${file}); rm -f ${file}; wait`,
      { [MARKER_VARIABLE]: instanceMarker },
    );
    const [child, escaped] = tree.printed as [number, number];
    expect(await isInTree(platform, tree.root, tree.root, instanceMarker)).toBe(true);
    expect(await isInTree(platform, child, tree.root, instanceMarker)).toBe(true);
    expect(await isInTree(platform, escaped, tree.root, instanceMarker)).toBe(true);

    const stranger = await run(`perl -e "sleep 1000" ${marker} & echo $!; wait`);
    expect(await isInTree(platform, stranger.printed[0] as number, tree.root, instanceMarker)).toBe(false);
    expect(await isInTree(platform, stranger.root, tree.root, instanceMarker)).toBe(false);
    // Another run of the same instance carries another marker.
    expect(await isInTree(platform, child, tree.root + 1_000_000, `${instanceMarker}x`)).toBe(false);
    expect(await isInTree(platform, process.pid, tree.root, instanceMarker)).toBe(false);
    expect(await isInTree(platform, 999_999_999, tree.root, instanceMarker)).toBe(false);

    const scan = await findTree(platform, tree.root, instanceMarker);
    expect(scan.blind).toBeNull();
    expect(scan.members?.map((p) => p.pid)).toEqual(expect.arrayContaining([tree.root, child, escaped]));
    expect(scan.members?.map((p) => p.pid)).not.toContain(stranger.printed[0]);
  });
});
