import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runTfui } from '../helpers/cli.js';
import { killMatching, uniqueMarker } from '../helpers/processes.js';
import { makeProject } from '../helpers/project.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const marker = uniqueMarker('tfuilines');
let cleanup: () => void = () => {};

afterEach(() => {
  cleanup();
  killMatching(marker);
});

/** The texts of one instance's lines, in order, with the foreman prefix removed. */
function linesOf(stdout: string, name: string): string[] {
  const prefix = new RegExp(`^${name.replace('.', '\\.')} +\\| `);
  return stdout
    .split('\n')
    .filter((line) => prefix.test(line))
    .map((line) => line.replace(prefix, ''));
}

describe('line mode keeps lines whole', () => {
  it('20 000 lines written 100 per write(2) by two processes arrive whole, unmerged and in order', async () => {
    const project = makeProject({
      Procfile: `a: node ${fixture('burst-writer.js')} 20000 100 A-${marker}\nb: node ${fixture('burst-writer.js')} 20000 100 B-${marker}\n`,
    });
    cleanup = project.remove;
    const result = await runTfui(['start', '--no-timestamp'], { cwd: project.dir });
    for (const [name, tag] of [['a.1', 'A'], ['b.1', 'B']] as const) {
      const lines = linesOf(result.stdout, name).filter((l) => !/^(started with pid|exited with code|terminated by)/.test(l));
      const expected = Array.from({ length: 20000 }, (_, i) => `${tag}-${marker} ${String(i).padStart(6, '0')} ${'payload-'.repeat(8)}`);
      // Either writer may be stopped early by the other's exit, so compare the part it printed;
      // if it was killed in the middle of a line, that last piece is still printed (as a last line).
      expect(lines.length).toBeGreaterThan(0);
      const whole = lines.slice(0, -1);
      expect(whole).toEqual(expected.slice(0, whole.length));
      expect(expected[whole.length]?.startsWith(lines.at(-1) ?? '')).toBe(true);
    }
    const whole = result.stdout.split('\n').filter((l) => l !== '');
    expect(whole.every((line) => /^(a\.1|b\.1|system) +\| /.test(line))).toBe(true);
  });

  it('one writer prints all 20 000 lines intact when it is the only process', async () => {
    const project = makeProject({ Procfile: `a: node ${fixture('burst-writer.js')} 20000 100 A-${marker}\n` });
    cleanup = project.remove;
    const result = await runTfui(['start', '--no-timestamp'], { cwd: project.dir });
    const lines = linesOf(result.stdout, 'a.1').slice(1, -1);
    expect(lines).toHaveLength(20000);
    expect(lines.every((line, i) => line === `A-${marker} ${String(i).padStart(6, '0')} ${'payload-'.repeat(8)}`)).toBe(true);
    expect(result.code).toBe(0);
  });

  it('a line written in two halves is printed once, whole, and a last line without a newline is not lost', async () => {
    const project = makeProject({
      Procfile: `halves: node ${fixture('half-lines.js')} 20 H-${marker}\nnoise: node ${fixture('burst-writer.js')} 2000 10 N-${marker}; sleep 1000\n`,
    });
    cleanup = project.remove;
    const result = await runTfui(['start', '--no-timestamp'], { cwd: project.dir });
    const lines = linesOf(result.stdout, 'halves.1');
    expect(lines.slice(1, 21)).toEqual(Array.from({ length: 20 }, (_, i) => `H-${marker} first half ${i} second half ${i}`));
    expect(lines[21]).toBe(`H-${marker} the end without a newline`);
    expect(lines[22]).toBe('exited with code 0');
    expect(result.code).toBe(0);
  });
});
