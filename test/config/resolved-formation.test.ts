import { describe, expect, it } from 'vitest';
import { instanceEnvironment, loadAppConfig, resolvedFormation } from '../../src/config/index.js';
import { useProjects } from '../helpers/project.js';

const project = useProjects();

describe('resolvedFormation: the one place formation, PORTs, PS and env-file variables are computed', () => {
  it('gives every type its count, foreman PORTs per instance, its restart policy, and the env files\' variables', () => {
    const root = project({ Procfile: 'web: serve\nworker: work\nclock: tick\n', '.env': 'PORT=7000\nA=from file\nSHARED=file\n' });
    const app = loadAppConfig({ formation: 'web=2,clock=1', restart: [['web', 'always']] }, root, { SHARED: 'shell', ONLY_SHELL: 'x' });
    const resolved = resolvedFormation(app);
    expect(resolved.basePort).toBe(7000);
    expect(resolved.types.map((t) => [t.name, t.count, t.port, t.restart, t.instances.map((i) => `${i.name}=${i.port}`)])).toEqual([
      ['web', 2, 7000, 'always', ['web.1=7000', 'web.2=7001']],
      ['worker', 0, 7100, 'no', []],
      ['clock', 1, 7200, 'no', ['clock.1=7200']],
    ]);
    // Only what the env files set: the shell of the machine that computes it is not part of the app.
    expect(resolved.variables.map((v) => [v.key, v.value, `${v.file}:${v.line}`])).toEqual([
      ['SHARED', 'file', '.env:3'],
      ['PORT', '7000', '.env:1'],
      ['A', 'from file', '.env:2'],
    ]);
  });

  it('agrees with the environment an instance is started with', () => {
    const root = project({ Procfile: 'web: serve\nworker: work\n' });
    const app = loadAppConfig({ formation: 'all=2', port: '6000' }, root, {});
    const worker = resolvedFormation(app).types[1];
    const env = instanceEnvironment(app, app.types[1]!, 2);
    expect([env.get('PORT')?.value, env.get('PS')?.value]).toEqual([String(worker?.instances[1]?.port), worker?.instances[1]?.name]);
    expect(env.get('PORT')?.value).toBe('6101');
  });
});
