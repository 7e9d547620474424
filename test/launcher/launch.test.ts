import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codeCacheDir, flagsTag } from '../../src/launcher/launch.js';
// @ts-expect-error: a plain .mjs build script, without types
import { warmCodeCache } from '../../scripts/warm-code-cache.mjs';
import { runTfui } from '../helpers/cli.js';
import { useProjects } from '../helpers/project.js';

const project = useProjects();

describe('tfui starts through a code cache', () => {
  it('writes one on the first run and uses it on the next; TFUI_CACHE_DIR=off turns it off', async () => {
    const dir = project({ Procfile: 'web: sleep 1\n' });
    const cache = join(dir, 'cache');
    const env = { TFUI_CACHE_DIR: cache, TFUI_DEBUG_CODE_CACHE: '1' };
    const first = await runTfui(['check'], { cwd: dir, env });
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('tfui: code cache missing\n');
    expect(readdirSync(cache)).toEqual([expect.stringMatching(/^cli-[0-9a-f]{16}-v\d+\.\d+\.\d+-\w+\.v8$/)]);
    const second = await runTfui(['check'], { cwd: dir, env });
    expect(second.stderr).toBe('tfui: code cache accepted\n');
    expect(second.stdout).toBe(first.stdout);
    const off = await runTfui(['check'], { cwd: dir, env: { ...env, TFUI_CACHE_DIR: 'off' } });
    expect(off.stderr).toBe('tfui: code cache disabled\n');
    expect(off.stdout).toBe(first.stdout);
  });

  it('keeps a cache per set of node flags, which V8 would otherwise reject in turn', async () => {
    expect(flagsTag([], undefined)).toBe('');
    expect(flagsTag([], '  ')).toBe('');
    expect(flagsTag(['--max-old-space-size=4096'], undefined)).toMatch(/^-f[0-9a-f]{8}$/);
    expect(flagsTag(['--max-old-space-size=4096'], undefined)).not.toBe(flagsTag([], '--max-old-space-size=4096 --trace-gc'));
    const dir = project({ Procfile: 'web: sleep 1\n' });
    const env = { TFUI_CACHE_DIR: join(dir, 'cache'), TFUI_DEBUG_CODE_CACHE: '1' };
    const withFlags = { ...env, NODE_OPTIONS: '--max-old-space-size=3000' };
    expect((await runTfui(['check'], { cwd: dir, env })).stderr).toBe('tfui: code cache missing\n');
    expect((await runTfui(['check'], { cwd: dir, env: withFlags })).stderr).toBe('tfui: code cache missing\n');
    expect((await runTfui(['check'], { cwd: dir, env })).stderr).toBe('tfui: code cache accepted\n');
    expect((await runTfui(['check'], { cwd: dir, env: withFlags })).stderr).toBe('tfui: code cache accepted\n');
  });

  it('keeps its cache under XDG_CACHE_HOME, else ~/.cache', () => {
    expect(codeCacheDir({ TFUI_CACHE_DIR: '/x/y' })).toBe('/x/y');
    expect(codeCacheDir({ TFUI_CACHE_DIR: 'off' })).toBeUndefined();
    expect(codeCacheDir({ XDG_CACHE_HOME: '/c' })).toBe('/c/tfui');
    expect(codeCacheDir({})).toMatch(/\/\.cache\/tfui$/);
  });
});

describe('the build', () => {
  it('warms the code cache by running tfui once, so that the first start finds it', async () => {
    const dir = project({ Procfile: 'web: sleep 1\n' });
    const cache = join(dir, 'cache');
    const saved = process.env['TFUI_CACHE_DIR'];
    process.env['TFUI_CACHE_DIR'] = cache;
    try {
      expect(await warmCodeCache(fileURLToPath(new URL('../..', import.meta.url)))).toBe('ok');
    } finally {
      process.env['TFUI_CACHE_DIR'] = saved;
    }
    expect(readdirSync(cache)).toHaveLength(1);
    const first = await runTfui(['check'], { cwd: dir, env: { TFUI_CACHE_DIR: cache, TFUI_DEBUG_CODE_CACHE: '1' } });
    expect(first.stderr).toBe('tfui: code cache accepted\n');
  });
});
