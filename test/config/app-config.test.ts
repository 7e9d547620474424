import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  displayPath,
  instanceEnvironment,
  loadAppConfig,
  loadRunConfig,
  toProcessEnv,
  type AppConfig,
  type AppOptions,
  type EnvVar,
} from '../../src/config/index.js';
import { userErrorOf } from '../helpers/user-error.js';
import { useProjects } from '../helpers/project.js';

function typeNamed(app: AppConfig, name: string) {
  const type = app.types.find((t) => t.name === name);
  if (!type) throw new Error(`no type ${name}`);
  return type;
}

const project = useProjects();

describe('loadAppConfig: where the Procfile, the root and the default .env are', () => {
  const FILES = {
    Procfile: 'web: top\n',
    '.env': 'WHERE=top\n',
    'sub/Procfile': 'web: sub\n',
    'sub/.env': 'WHERE=sub\n',
    'app/Procfile': 'web: app\n',
    'app/.env': 'WHERE=app\n',
  };

  it.each<{ behaviour: string; options: AppOptions; root: string; procfile: string; command: string; envFile: string; where: string }>([
    { behaviour: 'by default the Procfile and .env of the working directory are read', options: {}, root: '', procfile: 'Procfile', command: 'top', envFile: '.env', where: 'top' },
    { behaviour: 'with -f the .env is read from the Procfile\'s directory, where processes run', options: { procfile: 'sub/Procfile' }, root: 'sub', procfile: 'sub/Procfile', command: 'sub', envFile: 'sub/.env', where: 'sub' },
    { behaviour: 'with -d the Procfile and .env are read from that directory', options: { root: 'app' }, root: 'app', procfile: 'app/Procfile', command: 'app', envFile: 'app/.env', where: 'app' },
    { behaviour: 'with -f and -d the Procfile comes from -f and the .env from -d', options: { procfile: 'sub/Procfile', root: 'app' }, root: 'app', procfile: 'sub/Procfile', command: 'sub', envFile: 'app/.env', where: 'app' },
  ])('$behaviour', ({ options, root, procfile, command, envFile, where }) => {
    const dir = project(FILES);
    const app = loadAppConfig(options, dir, {});
    expect(app.root).toBe(join(dir, root));
    expect(app.procfilePath).toBe(join(dir, procfile));
    expect(app.types.map((t) => t.command)).toEqual([command]);
    expect(app.envFiles).toEqual([envFile]);
    expect(app.environment.get('WHERE')).toEqual<EnvVar>({ value: where, source: { kind: 'file', file: envFile, line: 1 } });
  });

  it('a project without a .env reads no env file', () => {
    const dir = project({ Procfile: 'web: a\n' });
    const app = loadAppConfig({}, dir, { HOME: '/home/me' });
    expect(app.envFiles).toEqual([]);
    expect(toProcessEnv(app.environment)).toEqual({ HOME: '/home/me' });
  });

  it('reads the types in Procfile order with their positions', () => {
    const dir = project({ Procfile: 'web: a\n9: b\nworker: c\n' });
    const app = loadAppConfig({}, dir, {});
    expect(app.types).toEqual([
      { name: 'web', command: 'a', index: 0 },
      { name: '9', command: 'b', index: 1 },
      { name: 'worker', command: 'c', index: 2 },
    ]);
    expect([...app.formation]).toEqual([
      ['web', 1],
      ['9', 1],
      ['worker', 1],
    ]);
  });

  it.each<{ behaviour: string; timeout?: number; ms: number }>([
    { behaviour: 'the timeout defaults to 5 seconds', ms: 5000 },
    { behaviour: 'a timeout in seconds becomes milliseconds', timeout: 10, ms: 10000 },
    { behaviour: 'a fractional timeout is kept', timeout: 0.25, ms: 250 },
    { behaviour: 'a timeout of 0 is kept', timeout: 0, ms: 0 },
  ])('$behaviour', ({ timeout, ms }) => {
    const dir = project({ Procfile: 'web: a\n' });
    expect(loadAppConfig(timeout === undefined ? {} : { timeout }, dir, {}).timeoutMs).toBe(ms);
  });
});

describe('loadAppConfig: the environment', () => {
  it('-e files replace the default .env, and the later file wins', () => {
    const dir = project({
      Procfile: 'web: a\n',
      '.env': 'KEY=default\nONLY_DEFAULT=1\n',
      'a.env': 'KEY=a\nONLY_A=1\n',
      'b.env': '# b\nKEY=b\n',
    });
    const app = loadAppConfig({ env: ['a.env', 'b.env'] }, dir, {});
    expect(app.envFiles).toEqual(['a.env', 'b.env']);
    expect(app.environment.get('KEY')).toEqual<EnvVar>({ value: 'b', source: { kind: 'file', file: 'b.env', line: 2 } });
    expect(app.environment.get('ONLY_A')).toEqual<EnvVar>({ value: '1', source: { kind: 'file', file: 'a.env', line: 2 } });
    expect(app.environment.has('ONLY_DEFAULT')).toBe(false);
  });

  it('-e files are found relative to the working directory, not the root', () => {
    const dir = project({ 'app/Procfile': 'web: a\n', 'dev.env': 'KEY=dev\n', 'app/dev.env': 'KEY=wrong\n' });
    const app = loadAppConfig({ root: 'app', env: ['dev.env'] }, dir, {});
    expect(app.environment.get('KEY')?.value).toBe('dev');
    expect(app.envFiles).toEqual(['dev.env']);
  });

  it('-e may name .env itself together with another file', () => {
    const dir = project({ Procfile: 'web: a\n', '.env': 'KEY=default\nA=1\n', 'local.env': 'KEY=local\n' });
    const app = loadAppConfig({ env: ['.env', 'local.env'] }, dir, {});
    expect(toProcessEnv(app.environment)).toEqual({ KEY: 'local', A: '1' });
  });

  it.each<{ behaviour: string; shell: NodeJS.ProcessEnv; key: string; expected: EnvVar | undefined }>([
    { behaviour: "a value from .env overrides the shell's", shell: { KEY: 'shell' }, key: 'KEY', expected: { value: 'file', source: { kind: 'file', file: '.env', line: 1 } } },
    { behaviour: "an empty value from .env overrides the shell's", shell: { EMPTY: 'shell' }, key: 'EMPTY', expected: { value: '', source: { kind: 'file', file: '.env', line: 2 } } },
    { behaviour: "the shell's other variables pass through", shell: { HOME: '/home/me' }, key: 'HOME', expected: { value: '/home/me', source: { kind: 'shell' } } },
    { behaviour: "the shell's empty variables pass through", shell: { BLANK: '' }, key: 'BLANK', expected: { value: '', source: { kind: 'shell' } } },
    { behaviour: 'an undefined shell variable is left out', shell: { GONE: undefined }, key: 'GONE', expected: undefined },
  ])('$behaviour', ({ shell, key, expected }) => {
    const dir = project({ Procfile: 'web: a\n', '.env': 'KEY=file\nEMPTY=\n' });
    expect(loadAppConfig({}, dir, shell).environment.get(key)).toEqual(expected);
  });
});

describe('instanceEnvironment', () => {
  const FILES = { Procfile: 'web: a\nworker: b\n', '.env': 'PORT=6000\nPS=bogus\nKEY=file\n' };

  it.each<{ behaviour: string; type: string; instance: number; port: string; ps: string; why: string }>([
    { behaviour: 'the first web instance gets the base PORT and PS web.1', type: 'web', instance: 1, port: '6000', ps: 'web.1', why: 'base 6000 + 100 × 0 + 0' },
    { behaviour: 'the second worker instance gets base + 101 and PS worker.2', type: 'worker', instance: 2, port: '6101', ps: 'worker.2', why: 'base 6000 + 100 × 1 + 1' },
  ])('$behaviour', ({ type, instance, port, ps, why }) => {
    const dir = project(FILES);
    const app = loadAppConfig({}, dir, { PS: 'from-shell' });
    const env = instanceEnvironment(app, typeNamed(app, type), instance);
    expect(env.get('PORT')).toEqual<EnvVar>({ value: port, source: { kind: 'tfui', why } });
    expect(env.get('PS')).toEqual<EnvVar>({ value: ps, source: { kind: 'tfui', why: 'instance name' } });
  });

  it('PORT, PS and PWD replace the values of the env files and the shell, and everything else is kept with its source', () => {
    const dir = project(FILES);
    const app = loadAppConfig({}, dir, { PORT: '9000', PS: 'shell', HOME: '/home/me', PWD: '/elsewhere' });
    const env = instanceEnvironment(app, typeNamed(app, 'web'), 1);
    expect(toProcessEnv(env)).toEqual({ PORT: '6000', PS: 'web.1', KEY: 'file', HOME: '/home/me', PWD: dir });
    expect(env.get('PWD')?.source).toEqual({ kind: 'tfui', why: 'working directory' });
    expect(env.get('KEY')?.source).toEqual({ kind: 'file', file: '.env', line: 3 });
    expect(env.get('HOME')?.source).toEqual({ kind: 'shell' });
  });

  it("leaves the app's own environment untouched", () => {
    const dir = project(FILES);
    const app = loadAppConfig({}, dir, {});
    instanceEnvironment(app, typeNamed(app, 'worker'), 3);
    expect(app.environment.get('PORT')).toEqual<EnvVar>({ value: '6000', source: { kind: 'file', file: '.env', line: 1 } });
    expect(app.environment.get('PS')?.value).toBe('bogus');
  });
});

describe('loadAppConfig: errors', () => {
  it.each<{ behaviour: string; files: Record<string, string>; options?: AppOptions; message: string; exitCode?: number }>([
    { behaviour: 'a missing Procfile is an error naming it', files: {}, message: 'Procfile: cannot read Procfile (no such file)' },
    { behaviour: 'a missing -f Procfile is an error naming it', files: { Procfile: 'web: a\n' }, options: { procfile: 'Procfile.dev' }, message: 'Procfile.dev: cannot read Procfile (no such file)' },
    { behaviour: 'a Procfile that is a directory is an error naming it', files: { 'Procfile/x': '' }, message: 'Procfile: cannot read Procfile (is a directory)' },
    { behaviour: 'a missing -d directory is an error naming it', files: { Procfile: 'web: a\n' }, options: { root: 'nope' }, message: 'nope: root directory does not exist' },
    { behaviour: 'a missing -e file is an error naming the file', files: { Procfile: 'web: a\n', 'a.env': 'A=1\n' }, options: { env: ['a.env', 'missing.env'] }, message: 'missing.env: cannot read env file (no such file)' },
    { behaviour: 'an -e file that is a directory is an error naming it', files: { Procfile: 'web: a\n', 'conf/x': '' }, options: { env: ['conf'] }, message: 'conf: cannot read env file (is a directory)' },
    { behaviour: 'a bad Procfile line is reported with the Procfile path and line', files: { 'sub/Procfile': 'web: a\nweb.1: b\n' }, options: { procfile: 'sub/Procfile' }, message: 'sub/Procfile:2: invalid process type name "web.1" (use letters, digits, "_" and "-")' },
    { behaviour: 'a bad line in the default .env is reported with its path and line', files: { 'sub/Procfile': 'web: a\n', 'sub/.env': 'A=1\nMY-DASH=2\n' }, options: { procfile: 'sub/Procfile' }, message: 'sub/.env:2: invalid variable name "MY-DASH" (use letters, digits and "_")' },
    { behaviour: 'a bad line in an -e file is reported with that file and line', files: { Procfile: 'web: a\n', 'a.env': 'A=1\n', 'b.env': '\nexport\n' }, options: { env: ['a.env', 'b.env'] }, message: 'b.env:2: expected KEY=value' },
    { behaviour: 'a formation that runs nothing is an error', files: { Procfile: 'web: a\nworker: b\n' }, options: { formation: 'web=0' }, message: 'nothing to start: the formation runs 0 instances of every process type', exitCode: 2 },
    { behaviour: 'all=0 runs nothing and is an error', files: { Procfile: 'web: a\n' }, options: { formation: 'all=0' }, message: 'nothing to start: the formation runs 0 instances of every process type', exitCode: 2 },
    { behaviour: 'selected types that -m sets to 0 run nothing and are an error', files: { Procfile: 'web: a\nworker: b\n' }, options: { formation: 'web=0,worker=2', types: ['web'] }, message: 'nothing to start: the formation runs 0 instances of every process type', exitCode: 2 },
    { behaviour: 'an unknown type in -m is a usage error', files: { Procfile: 'web: a\n' }, options: { formation: 'wbe=1' }, message: '--formation: unknown process type "wbe" (Procfile has web)', exitCode: 2 },
    { behaviour: 'an unknown selected type is a usage error', files: { Procfile: 'web: a\n' }, options: { types: ['wbe'] }, message: 'unknown process type "wbe" (Procfile has web)', exitCode: 2 },
    { behaviour: 'a bad formation from a project file names the file', files: { Procfile: 'web: a\n' }, options: { formation: 'web=x', formationOrigin: '.foreman: formation' }, message: '.foreman: formation: "web=x" is not NAME=COUNT (e.g. web=2)' },
  ])('$behaviour', ({ files, options = {}, message, exitCode = 1 }) => {
    const dir = project(files);
    const error = userErrorOf(() => loadAppConfig(options, dir, {}));
    expect(error.message).toBe(message);
    expect(error.exitCode).toBe(exitCode);
  });

  it('names a Procfile outside the working directory by its absolute path', () => {
    const elsewhere = project({ Procfile: 'web: a\nbroken\n' });
    const cwd = project({});
    expect(userErrorOf(() => loadAppConfig({ procfile: join(elsewhere, 'Procfile') }, cwd, {})).message).toBe(`${join(elsewhere, 'Procfile')}:2: expected "name: command"`);
  });
});

describe('loadRunConfig', () => {
  it('needs no Procfile, and still reads the .env', () => {
    const dir = project({ '.env': 'KEY=v\n' });
    const run = loadRunConfig({}, dir, { HOME: '/home/me' });
    expect(run.types).toEqual([]);
    expect(run.root).toBe(dir);
    expect(toProcessEnv(run.environment)).toEqual({ HOME: '/home/me', KEY: 'v' });
  });

  it('reads the Procfile when there is one, and -e replaces .env', () => {
    const dir = project({ Procfile: 'web: a\n', '.env': 'KEY=default\n', 'a.env': 'KEY=a\n' });
    const run = loadRunConfig({ env: ['a.env'] }, dir, {});
    expect(run.types.map((t) => t.name)).toEqual(['web']);
    expect(run.environment.get('KEY')?.value).toBe('a');
  });

  it('reports a bad Procfile line when there is a Procfile', () => {
    const dir = project({ Procfile: 'web a\n' });
    expect(userErrorOf(() => loadRunConfig({}, dir, {})).message).toBe('Procfile:1: expected "name: command"');
  });
});

describe('displayPath', () => {
  it.each<{ behaviour: string; path: string; cwd: string; shown: string }>([
    { behaviour: 'a path inside the working directory is shown relative', path: '/p/sub/.env', cwd: '/p', shown: 'sub/.env' },
    { behaviour: 'a path outside the working directory is shown absolute', path: '/q/.env', cwd: '/p', shown: '/q/.env' },
    { behaviour: 'a sibling whose name starts like the working directory is shown absolute', path: '/p2/.env', cwd: '/p', shown: '/p2/.env' },
    { behaviour: 'the parent of the working directory is shown absolute', path: '/p', cwd: '/p/sub', shown: '/p' },
    { behaviour: 'the working directory itself is shown absolute', path: '/p', cwd: '/p', shown: '/p' },
    { behaviour: 'a file whose name starts with two dots is shown relative', path: '/p/..env', cwd: '/p', shown: '..env' },
  ])('$behaviour', ({ path, cwd, shown }) => {
    expect(displayPath(path, cwd)).toBe(shown);
  });
});
