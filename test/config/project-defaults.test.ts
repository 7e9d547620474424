import { describe, expect, it } from 'vitest';
import { loadAppConfig, readProjectDefaults, type ProjectDefaults } from '../../src/config/index.js';
import { userErrorOf } from '../helpers/user-error.js';
import { useProjects } from '../helpers/project.js';

const defaultsOf = (files: Record<string, string>) => readProjectDefaults(project(files));

const project = useProjects();

describe('readProjectDefaults without project files', () => {
  it('a folder with neither .foreman nor .tfui.json gives no defaults', () => {
    expect(defaultsOf({ Procfile: 'web: a\n' })).toEqual<ProjectDefaults>({ origin: {} });
  });

  it('reads the folder it is given, not the working directory', () => {
    const dir = project({ 'sub/.tfui.json': '{"port": 7000}' });
    expect(readProjectDefaults(dir)).toEqual<ProjectDefaults>({ origin: {} });
    expect(readProjectDefaults(`${dir}/sub`).port).toBe('7000');
  });
});

describe('readProjectDefaults: .foreman (YAML with foreman\'s long option names)', () => {
  it.each<{ behaviour: string; yaml: string; expected: Omit<ProjectDefaults, 'origin'> }>([
    { behaviour: 'formation is read as foreman writes it', yaml: 'formation: all=1,web=2\n', expected: { formation: 'all=1,web=2' } },
    { behaviour: 'formation with spaces is kept for the formation parser', yaml: 'formation: web=2, worker=1\n', expected: { formation: 'web=2, worker=1' } },
    { behaviour: 'formation may be a YAML mapping', yaml: 'formation:\n  web: 2\n  worker: 0\n', expected: { formation: 'web=2,worker=0' } },
    { behaviour: 'a numeric port becomes the text of a port', yaml: 'port: 6000\n', expected: { port: '6000' } },
    { behaviour: 'a quoted port is kept as text', yaml: 'port: "6000"\n', expected: { port: '6000' } },
    { behaviour: 'timeout is a number of seconds', yaml: 'timeout: 10\n', expected: { timeout: 10 } },
    { behaviour: 'a fractional timeout is kept', yaml: 'timeout: 0.5\n', expected: { timeout: 0.5 } },
    { behaviour: 'env as foreman writes it is split at commas', yaml: 'env: a.env,b.env\n', expected: { env: ['a.env', 'b.env'] } },
    { behaviour: 'env may be a YAML list', yaml: 'env:\n  - a.env\n  - b.env\n', expected: { env: ['a.env', 'b.env'] } },
    { behaviour: 'procfile names the Procfile', yaml: 'procfile: Procfile.dev\n', expected: { procfile: 'Procfile.dev' } },
    { behaviour: 'root names the root directory', yaml: 'root: app\n', expected: { root: 'app' } },
    { behaviour: 'timestamp and color are booleans', yaml: 'timestamp: false\ncolor: true\n', expected: { timestamp: false, color: true } },
    { behaviour: 'keys foreman passes on to its option parser are ignored, as foreman ignores them', yaml: 'concurrency: web=2\napp: myapp\n', expected: {} },
    { behaviour: 'restart is not a foreman option, so .foreman ignores it', yaml: 'restart:\n  web: always\n', expected: {} },
    { behaviour: 'an empty .foreman sets nothing', yaml: '', expected: {} },
    { behaviour: 'a .foreman of only comments sets nothing', yaml: '# nothing yet\n', expected: {} },
  ])('$behaviour', ({ yaml, expected }) => {
    const { origin, ...rest } = defaultsOf({ '.foreman': yaml });
    expect(rest).toEqual(expected);
    expect(Object.keys(origin).sort()).toEqual(Object.keys(expected).sort());
    expect(new Set(Object.values(origin))).toEqual(new Set(Object.keys(expected).length > 0 ? ['.foreman'] : []));
  });

  it.each<{ behaviour: string; yaml: string; message: RegExp | string }>([
    { behaviour: 'invalid YAML is an error naming .foreman', yaml: 'formation: [web\n', message: /^\.foreman: not valid YAML \(.+\)$/ },
    { behaviour: 'a .foreman that is not a mapping is an error', yaml: '- web=2\n', message: '.foreman: expected an object of options' },
    { behaviour: 'a .foreman that is a plain word is an error', yaml: 'hello\n', message: '.foreman: expected an object of options' },
    { behaviour: 'a port that is a list is an error', yaml: 'port: [1]\n', message: '.foreman: "port" should be a port number' },
    { behaviour: 'a timeout that is text is an error', yaml: 'timeout: soon\n', message: '.foreman: "timeout" should be a number of seconds' },
    { behaviour: 'a negative timeout is an error', yaml: 'timeout: -1\n', message: '.foreman: "timeout" should be a number of seconds' },
    { behaviour: 'a procfile that is not a path is an error', yaml: 'procfile: 3\n', message: '.foreman: "procfile" should be a path' },
    { behaviour: 'an env list of numbers is an error', yaml: 'env: [1, 2]\n', message: '.foreman: "env" should be a file name or a list of them' },
    { behaviour: 'a color that is not a boolean is an error', yaml: 'color: maybe\n', message: '.foreman: "color" should be true or false' },
    { behaviour: 'a formation that is a list is an error', yaml: 'formation: [web]\n', message: '.foreman: "formation" should be "web=2,worker=1" or {"web": 2}' },
  ])('$behaviour', ({ yaml, message }) => {
    const error = userErrorOf(() => defaultsOf({ '.foreman': yaml }));
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
    expect(error.exitCode).toBe(1);
  });
});

describe('readProjectDefaults: .tfui.json', () => {
  it.each<{ behaviour: string; json: unknown; expected: Omit<ProjectDefaults, 'origin'> }>([
    { behaviour: 'formation may be written as foreman writes it', json: { formation: 'web=2,worker=1' }, expected: { formation: 'web=2,worker=1' } },
    { behaviour: 'formation may be an object of counts', json: { formation: { web: 2, worker: 0 } }, expected: { formation: 'web=2,worker=0' } },
    { behaviour: 'a numeric port becomes the text of a port', json: { port: 6000 }, expected: { port: '6000' } },
    { behaviour: 'timeout is a number of seconds', json: { timeout: 2.5 }, expected: { timeout: 2.5 } },
    { behaviour: 'env may be one file name', json: { env: '.env.dev' }, expected: { env: ['.env.dev'] } },
    { behaviour: 'env may be a list of file names', json: { env: ['a.env', 'b.env'] }, expected: { env: ['a.env', 'b.env'] } },
    { behaviour: 'procfile and root are paths', json: { procfile: 'Procfile.dev', root: 'app' }, expected: { procfile: 'Procfile.dev', root: 'app' } },
    { behaviour: 'restart gives a policy per type', json: { restart: { worker: 'on-failure', clock: 'always' } }, expected: { restart: { worker: 'on-failure', clock: 'always' } } },
    { behaviour: 'an empty object sets nothing', json: {}, expected: {} },
  ])('$behaviour', ({ json, expected }) => {
    const { origin, ...rest } = defaultsOf({ '.tfui.json': JSON.stringify(json) });
    expect(rest).toEqual(expected);
    expect(origin).toEqual(Object.fromEntries(Object.keys(expected).map((key) => [key, '.tfui.json'])));
  });

  it.each<{ behaviour: string; text: string; message: RegExp | string }>([
    { behaviour: 'an unknown option is an error naming the file and the known options', text: '{"formation": "web=1", "concurrency": 2}', message: '.tfui.json: unknown option "concurrency" (known: procfile, root, env, formation, port, timeout, timestamp, color, restart, crashLoop)' },
    { behaviour: 'invalid JSON is an error naming the file and line', text: '{\n  "port": 6000,\n}', message: /^\.tfui\.json:3: not valid JSON \(Expected double-quoted property name\)$/ },
    { behaviour: 'an empty .tfui.json is invalid JSON', text: '', message: /^\.tfui\.json:1: not valid JSON \(Unexpected end of JSON input\)$/ },
    { behaviour: 'a .tfui.json that is a list is an error', text: '[]', message: '.tfui.json: expected an object of options' },
    { behaviour: 'a .tfui.json that is null is an error', text: 'null', message: '.tfui.json: expected an object of options' },
    { behaviour: 'a formation count written as text is an error', text: '{"formation": {"web": "2"}}', message: '.tfui.json: "formation" should be "web=2,worker=1" or {"web": 2}' },
    { behaviour: 'a formation that is a number is an error', text: '{"formation": 2}', message: '.tfui.json: "formation" should be "web=2,worker=1" or {"web": 2}' },
    { behaviour: 'a restart that is text is an error', text: '{"restart": "always"}', message: '.tfui.json: "restart" should be an object like {"worker": "on-failure"}' },
    { behaviour: 'a restart policy that is not text is an error', text: '{"restart": {"web": 1}}', message: '.tfui.json: "restart" should be an object like {"worker": "on-failure"}' },
    { behaviour: 'a port that is a boolean is an error', text: '{"port": true}', message: '.tfui.json: "port" should be a port number' },
    { behaviour: 'a timeout that is text is an error', text: '{"timeout": "5"}', message: '.tfui.json: "timeout" should be a number of seconds' },
    { behaviour: 'a timestamp that is text is an error', text: '{"timestamp": "yes"}', message: '.tfui.json: "timestamp" should be true or false' },
  ])('$behaviour', ({ text, message }) => {
    const error = userErrorOf(() => defaultsOf({ '.tfui.json': text }));
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
    expect(error.exitCode).toBe(1);
  });
});

describe('readProjectDefaults: .tfui.json and .foreman together', () => {
  it('.tfui.json wins where both set an option, and .foreman fills in the rest', () => {
    const defaults = defaultsOf({
      '.foreman': 'port: 6000\nformation: web=2\ntimeout: 3\n',
      '.tfui.json': JSON.stringify({ port: 7000, formation: { worker: 1 } }),
    });
    expect(defaults).toEqual<ProjectDefaults>({
      port: '7000',
      formation: 'worker=1',
      timeout: 3,
      origin: { port: '.tfui.json', formation: '.tfui.json', timeout: '.foreman' },
    });
  });

  it('an error in .foreman is reported even when .tfui.json is fine', () => {
    expect(userErrorOf(() => defaultsOf({ '.foreman': 'port: [1]\n', '.tfui.json': '{}' })).message).toBe('.foreman: "port" should be a port number');
  });

  it('a .tfui.json formation object flows into the formation that starts', () => {
    const dir = project({ Procfile: 'web: a\nworker: b\nclock: c\n', '.tfui.json': JSON.stringify({ formation: { web: 2, clock: 1 } }) });
    const defaults = readProjectDefaults(dir);
    const app = loadAppConfig({ formation: defaults.formation, formationOrigin: `${defaults.origin.formation}: formation` }, dir, {});
    expect([...app.formation]).toEqual([
      ['web', 2],
      ['worker', 0],
      ['clock', 1],
    ]);
  });

  it('a .tfui.json formation object with a type named 9 gives that type its count and its Procfile slot', () => {
    const dir = project({ Procfile: 'web: a\n9: b\n', '.tfui.json': '{"formation": {"web": 1, "9": 2}}' });
    const defaults = readProjectDefaults(dir);
    const app = loadAppConfig({ formation: defaults.formation, formationOrigin: `${defaults.origin.formation}: formation` }, dir, {});
    expect([...app.formation]).toEqual([
      ['web', 1],
      ['9', 2],
    ]);
    expect(app.types.map((t) => [t.name, t.index])).toEqual([
      ['web', 0],
      ['9', 1],
    ]);
  });

  it('a .foreman formation and port are used as foreman 0.87 uses them', () => {
    // foreman 0.87 with this .foreman runs worker.1 on 6100 and worker.2 on 6101, and no web.
    const dir = project({ Procfile: 'web: a\nworker: b\n', '.foreman': 'formation: worker=2\nport: 6000\n' });
    const defaults = readProjectDefaults(dir);
    const app = loadAppConfig({ formation: defaults.formation, port: defaults.port, portOrigin: '.foreman: port' }, dir, {});
    expect([...app.formation]).toEqual([
      ['web', 0],
      ['worker', 2],
    ]);
    expect(app.basePort).toBe(6000);
  });

  it('a .tfui.json formation naming an unknown type is an error naming the file', () => {
    const dir = project({ Procfile: 'web: a\n', '.tfui.json': JSON.stringify({ formation: { wrker: 1 } }) });
    const defaults = readProjectDefaults(dir);
    const error = userErrorOf(() => loadAppConfig({ formation: defaults.formation, formationOrigin: `${defaults.origin.formation}: formation` }, dir, {}));
    expect(error.message).toBe('.tfui.json: formation: unknown process type "wrker" (Procfile has web)');
  });
});
