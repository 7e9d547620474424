import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useProjects } from '../helpers/project.js';

const project = useProjects();
const LAUNCHER = fileURLToPath(new URL('../../dist/launcher.js', import.meta.url));

/** A script whose value is an object of functions; V8 compiles each one only when it is first called. */
function scriptWithFunctions(count: number, salt = 0): string {
  const functions = Array.from({ length: count }, (_, i) => `f${i}(x) { let s = ${salt}; for (let k = 0; k < x; k++) s += k * ${i} % 7; return s + ${i}; }`);
  return `({ answer: 42, ${functions.join(',\n')} })`;
}

interface LoadResult {
  status: string;
  answer: number;
  f3: number;
}

/**
 * Loads `source` through the built launcher's code cache in a new node process:
 * within one process V8 reuses what it compiled before and never looks at a cache.
 * `call` functions are run before the cache is updated.
 */
function loadInNewProcess(source: string, options: { dir: string | undefined; key: string; call?: number; update?: boolean }): LoadResult {
  const program = `
    const { loadCachedScript } = await import(${JSON.stringify(LAUNCHER)});
    const { source, dir, key, call, update } = JSON.parse(process.argv[1]);
    const script = loadCachedScript('script.js', source, { dir: dir ?? undefined, key });
    const value = script.run();
    for (let i = 0; i < call; i++) value['f' + i](3);
    if (update) script.update();
    process.stdout.write(JSON.stringify({ status: script.status, answer: value.answer, f3: value.f3(10) }));`;
  const input = JSON.stringify({ source, dir: options.dir ?? null, key: options.key, call: options.call ?? 0, update: options.update ?? true });
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', program, input], { encoding: 'utf8' })) as LoadResult;
}

function cacheFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => name.endsWith('.v8'));
  } catch {
    return [];
  }
}

describe('a script compiled through the V8 code cache', () => {
  const expectedF3 = (new Function(`return ${scriptWithFunctions(20)}`)() as { f3(x: number): number }).f3(10);

  it('compiles from source the first time, writes a cache, and the next run accepts it', () => {
    const dir = join(project({}), 'cache');
    const source = scriptWithFunctions(20);
    expect(loadInNewProcess(source, { dir, key: 'k1' })).toEqual({ status: 'missing', answer: 42, f3: expectedF3 });
    expect(cacheFiles(dir)).toHaveLength(1);
    expect(loadInNewProcess(source, { dir, key: 'k1' })).toEqual({ status: 'accepted', answer: 42, f3: expectedF3 });
  });

  it('ignores a damaged cache, still runs, and replaces it with a good one', () => {
    const dir = project({});
    const source = scriptWithFunctions(20);
    loadInNewProcess(source, { dir, key: 'k' });
    const [file] = cacheFiles(dir);
    writeFileSync(join(dir, file!), 'not a code cache');
    expect(loadInNewProcess(source, { dir, key: 'k' })).toEqual({ status: 'rejected', answer: 42, f3: expectedF3 });
    expect(loadInNewProcess(source, { dir, key: 'k' }).status).toBe('accepted');
  });

  it('keeps caches of different builds apart', () => {
    const dir = project({});
    loadInNewProcess(scriptWithFunctions(5, 1), { dir, key: 'build-one' });
    expect(loadInNewProcess(scriptWithFunctions(5, 2), { dir, key: 'build-two' }).status).toBe('missing');
    expect(cacheFiles(dir).sort()).toEqual([expect.stringMatching(/^build-one-v\d/), expect.stringMatching(/^build-two-v\d/)]);
  });

  it('grows the cache when a run compiled much more than it held, and leaves it alone otherwise', () => {
    const dir = project({});
    const source = scriptWithFunctions(300);
    loadInNewProcess(source, { dir, key: 'k' });
    const file = join(dir, cacheFiles(dir)[0]!);
    const small = statSync(file).size;
    expect(loadInNewProcess(source, { dir, key: 'k' }).status).toBe('accepted');
    expect(statSync(file).size).toBe(small);
    loadInNewProcess(source, { dir, key: 'k', call: 300 });
    expect(statSync(file).size).toBeGreaterThan(small * 2);
  });

  it('writes nothing when turned off, and survives a folder it cannot write', () => {
    expect(loadInNewProcess(scriptWithFunctions(5), { dir: undefined, key: 'k' }).status).toBe('disabled');
    const base = project({ 'a-file': 'x' });
    expect(loadInNewProcess(scriptWithFunctions(5), { dir: join(base, 'a-file', 'cache'), key: 'k' }).status).toBe('missing');
  });
});

describe('old code caches', () => {
  it('are removed when a cache is written, once unused for a week; recent ones stay', () => {
    const dir = project({ 'cli-old-v20.0.0-x64.v8': 'x', 'cli-recent-v20.0.0-x64.v8': 'x', 'notes.txt': 'keep' });
    const month = (Date.now() - 30 * 24 * 3600 * 1000) / 1000;
    utimesSync(join(dir, 'cli-old-v20.0.0-x64.v8'), month, month);
    utimesSync(join(dir, 'notes.txt'), month, month);
    loadInNewProcess(scriptWithFunctions(5), { dir, key: 'new' });
    expect(readdirSync(dir).sort()).toEqual(['cli-recent-v20.0.0-x64.v8', expect.stringMatching(/^new-v/), 'notes.txt']);
  });

  it('are kept fresh by use', () => {
    const dir = project({});
    const source = scriptWithFunctions(5);
    loadInNewProcess(source, { dir, key: 'k' });
    const file = join(dir, cacheFiles(dir)[0]!);
    const month = (Date.now() - 30 * 24 * 3600 * 1000) / 1000;
    utimesSync(file, month, month);
    expect(loadInNewProcess(source, { dir, key: 'k' }).status).toBe('accepted');
    expect(statSync(file).mtimeMs).toBeGreaterThan(Date.now() - 60_000);
  });
});
