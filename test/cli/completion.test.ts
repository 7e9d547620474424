import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runTfui, startTfui, TFUI_BIN, type Running } from '../helpers/cli.js';
import { killMatching, uniqueMarker } from '../helpers/processes.js';
import { useProjects } from '../helpers/project.js';
import { waitFor } from '../helpers/wait-for.js';

/** Shell completion as bash runs it: the script from `tfui completion bash`, with `tfui` on PATH. */

const project = useProjects();
const marker = uniqueMarker('tfuicomp');
const bin = mkdtempSync(join(tmpdir(), 'tfui-bin-'));
writeFileSync(join(bin, 'tfui'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(TFUI_BIN)} "$@"\n`);
chmodSync(join(bin, 'tfui'), 0o755);
let running: Running | undefined;

afterEach(async () => {
  running?.child.kill('SIGKILL');
  await running?.exited;
  running = undefined;
  killMatching(marker);
});
afterAll(() => rmSync(bin, { recursive: true, force: true }));

/** What bash offers for the words typed after `tfui` (the last one being completed). */
function bashComplete(cwd: string, words: string[]): string[] {
  const script = `eval "$(tfui completion bash)"; COMP_WORDS=(tfui ${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length}; _tfui_complete; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const result = spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env['PATH']}` } });
  return result.stdout.split('\n').filter(Boolean);
}

describe('completion', () => {
  it('completes the verbs, and the Procfile\'s types when nothing runs', () => {
    const dir = project({ Procfile: 'web: true\nworker: true\n' });
    expect(bashComplete(dir, ['s'])).toEqual(['start', 'status', 'stop', 'scale']);
    expect(bashComplete(dir, ['restart', ''])).toEqual(['web', 'worker']);
    expect(bashComplete(dir, ['scale', 'w'])).toEqual(['web=', 'worker=']);
    expect(bashComplete(dir, ['logs', '--f'])).toEqual(['--follow']);
  });

  it('completes the running tfui\'s instances', async () => {
    const sleeper = `exec perl -e '$SIG{TERM}=sub{exit 0}; print "ready\\n"; sleep 1000' -- ${marker}`;
    const dir = project({ Procfile: `web: ${sleeper}\nworker: ${sleeper}\n` });
    running = startTfui(['start', '-m', 'web=2,worker=1'], { cwd: dir });
    await waitFor(() => (running?.stdout().match(/ready/g) ?? []).length === 3);
    expect(bashComplete(dir, ['restart', 'web'])).toEqual(['web', 'web.1', 'web.2']);
    expect(bashComplete(dir, ['logs', ''])).toEqual(['web', 'worker', 'web.1', 'web.2', 'worker.1']);
  });

  it('prints a script for bash and zsh, and one clear line for any other shell', async () => {
    expect((await runTfui(['completion', 'zsh'], { cwd: tmpdir() })).stdout).toMatch(/^#compdef tfui\n/);
    expect(await runTfui(['completion', 'fish'], { cwd: tmpdir() })).toMatchObject({ code: 2, stderr: 'tfui: completion: no script for "fish"; there are: bash, zsh\n' });
  });
});
