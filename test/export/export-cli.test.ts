import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { runTfui } from '../helpers/cli.js';
import { useProjects } from '../helpers/project.js';
import { systemdReading, unitFolder } from '../helpers/systemd.js';
import { SAMPLE_FILES } from './sample-app.js';

const project = useProjects();

/** What `tfui check` prints for the same flags: each instance's PORT, and each env-file variable's shown value (secrets masked). */
async function checkSays(cwd: string, flags: string[]) {
  const result = await runTfui(['check', ...flags], { cwd });
  expect(result.code).toBe(0);
  const ports = new Map([...result.stdout.matchAll(/(\S+\.\d+)=(\d+)/g)].map((m) => [m[1] as string, m[2] as string]));
  const environment = result.stdout.slice(result.stdout.indexOf('\nenvironment'));
  const variables = new Map([...environment.matchAll(/^ {2}(\w+) +\S+:\d+ +(.*)$/gm)].map((m) => [m[1] as string, m[2] as string]));
  variables.delete('PORT');
  return { ports, variables };
}

/** A variable as check shows it: JSON-quoted, or masked for a secret-looking name (then any value matches). */
function matchesShown(shown: string | undefined, value: string | undefined): boolean {
  return shown === '••••••' ? value !== undefined : shown === JSON.stringify(value);
}

/** A compose value as the container gets it: `$$` is a literal dollar; any other `$` would be interpolated, so it is no literal at all. */
function composeLiteral(value: string | undefined): string | undefined {
  if (value === undefined || value.replaceAll('$$', '').includes('$')) return undefined;
  return value.replaceAll('$$', '$');
}

describe('tfui export through the real CLI', () => {
  // check has no -t: the timeout changes no PORT or variable.
  const flags = ['-m', 'web=2,worker=1,clock_tick=1'];

  it('systemd units carry exactly the PORTs, PS and variables tfui check shows', async () => {
    const cwd = project(SAMPLE_FILES);
    const result = await runTfui(['export', 'systemd', 'units', '-a', 'shop', '-t', '8', ...flags], { cwd });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const check = await checkSays(cwd, flags);
    const written = readdirSync(join(cwd, 'units'));
    const services = written.filter((name) => name.endsWith('.service'));
    expect(services.map((name) => name.replace(/^shop-|\.service$/g, '')).sort()).toEqual([...check.ports.keys()].sort());
    expect(statSync(join(cwd, 'units', 'shop.target')).mode & 0o777).toBe(0o600);
    const folder = unitFolder(written.map((name) => ({ name, content: readFileSync(join(cwd, 'units', name), 'utf8') })));
    try {
      for (const service of services) {
        const instance = service.replace(/^shop-|\.service$/g, '');
        const reading = systemdReading(folder.dir, service);
        const environment = new Map([...reading.matchAll(/\t\tEnvironment: (\w+)=(.*)\n/g)].map((m) => [m[1] as string, m[2] as string]));
        expect(environment.get('PORT')).toBe(check.ports.get(instance));
        expect(environment.get('PS')).toBe(instance);
        for (const [key, shown] of check.variables) {
          // TWO_LINES holds a newline: the one-line reading above cannot show it (the readback test compares it whole).
          if (key !== 'TWO_LINES') expect(matchesShown(shown, environment.get(key)), `${instance} ${key}`).toBe(true);
        }
      }
    } finally {
      folder.remove();
    }
  });

  it('Kubernetes and compose carry the same variables, and each type\'s first PORT', async () => {
    const cwd = project(SAMPLE_FILES);
    const check = await checkSays(cwd, flags);
    expect((await runTfui(['export', 'kubernetes', 'k8s', '--image', 'shop:1', ...flags], { cwd })).code).toBe(0);
    expect((await runTfui(['export', 'compose', '.', '--service', 'web,worker', ...flags], { cwd })).code).toBe(0);
    const app = cwd.split('/').at(-1)?.toLowerCase().replace(/[^a-z0-9-]+/g, '-') ?? '';
    type KubeObject = { kind: string; metadata: { name: string }; data?: Record<string, string>; stringData?: Record<string, string>; spec?: { template: { spec: { containers: Array<{ env: Array<{ name: string; value?: string }> }> } } } };
    const objects = parseAllDocuments(readFileSync(join(cwd, 'k8s', `${app}.yaml`), 'utf8')).map((d) => d.toJS() as KubeObject);
    const kubeVariables = { ...objects.find((o) => o.kind === 'ConfigMap')?.data, ...objects.find((o) => o.kind === 'Secret')?.stringData };
    const compose = parse(readFileSync(join(cwd, 'compose.yaml'), 'utf8')) as { services: Record<string, { environment: Record<string, string> }> };
    for (const type of ['web', 'worker', 'clock_tick']) {
      const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === `${app}-${type.replace('_', '-')}`);
      const kubePort = deployment?.spec?.template.spec.containers[0]?.env.find((e) => e.name === 'PORT')?.value;
      expect([kubePort, compose.services[type]?.environment['PORT']]).toEqual([check.ports.get(`${type}.1`), check.ports.get(`${type}.1`)]);
      for (const [key, shown] of check.variables) {
        expect(matchesShown(shown, kubeVariables[key]), `kubernetes ${key}`).toBe(true);
        expect(matchesShown(shown, composeLiteral(compose.services[type]?.environment[key])), `compose ${type} ${key}`).toBe(true);
      }
    }
  });

  it('re-exporting after scaling down removes exactly the units that went away', async () => {
    const cwd = project({ ...SAMPLE_FILES, 'units/shop-web.9.service': '[Service]\nExecStart=/bin/true\n', 'units/shop-admin-web.1.service': '# Written by tfui export for app shop-admin; a re-export removes this unit when it leaves the formation.\n' });
    expect((await runTfui(['export', 'systemd', 'units', '-a', 'shop', '-m', 'web=3,worker=2'], { cwd })).code).toBe(0);
    const result = await runTfui(['export', 'systemd', 'units', '-a', 'shop', '-m', 'web=1'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').filter((line) => line.startsWith('removed')).sort()).toEqual([
      'removed units/shop-web.2.service', 'removed units/shop-web.3.service', 'removed units/shop-worker.1.service', 'removed units/shop-worker.2.service',
    ]);
    expect(readdirSync(join(cwd, 'units')).sort()).toEqual(['shop-admin-web.1.service', 'shop-web.1.service', 'shop-web.9.service', 'shop.target']);
    expect(readFileSync(join(cwd, 'units', 'shop.target'), 'utf8')).toContain('Wants=shop-web.1.service\n');
  });
});

/** [what, project files, argv, the one line expected on stderr] — all exit 2 and write nothing. */
const BAD: Array<[string, Record<string, string>, string[], RegExp]> = [
  ['an unknown format', SAMPLE_FILES, ['export', 'upstart', 'out'], /^tfui: command-argument value 'upstart' is invalid for argument 'format'\. Allowed choices are systemd, kubernetes, compose\.$/],
  ['a DIR that is a file', { ...SAMPLE_FILES, out: 'not a folder' }, ['export', 'systemd', 'out'], /^tfui: out: not a directory \(the export folder must be one\)$/],
  ['kubernetes without --image', SAMPLE_FILES, ['export', 'kubernetes', 'out'], /^tfui: kubernetes needs the image to run: give --image IMAGE$/],
  ['a --service that is no type', SAMPLE_FILES, ['export', 'compose', 'out', '--service', 'api'], /^tfui: --service: unknown process type "api" \(the Procfile has web, worker, clock_tick\)$/],
  ['an app name Kubernetes cannot take', SAMPLE_FILES, ['export', 'kubernetes', 'out', '--image', 'x', '-a', 'Shop_App'], /^tfui: --app: app name "Shop_App" is not valid for kubernetes/],
  ['a user name systemd would misread', SAMPLE_FILES, ['export', 'systemd', 'out', '-u', 'a b'], /^tfui: --user: "a b" is not a user name or id$/],
];

describe('bad export input gets one clear line and exit 2', () => {
  it.each(BAD)('%s', async (_what, files, argv, message) => {
    const cwd = project(files);
    const result = await runTfui(argv, { cwd });
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr.trimEnd()).toMatch(message);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    if (files['out'] === undefined) expect(existsSync(join(cwd, 'out'))).toBe(false);
  });
});
