import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_PORT, instanceEnvironment, loadAppConfig, parsePort, portFor, type AppConfig, type AppOptions } from '../../src/config/index.js';
import { userErrorOf } from '../helpers/user-error.js';
import { useProjects } from '../helpers/project.js';

/** The PORT an instance gets, found by type name. */
function portOf(app: AppConfig, typeName: string, instance: number): string | undefined {
  const type = app.types.find((t) => t.name === typeName);
  if (!type) throw new Error(`no type ${typeName}`);
  return instanceEnvironment(app, type, instance).get('PORT')?.value;
}

const project = useProjects();

describe('portFor', () => {
  it.each<{ behaviour: string; base: number; index: number; instance: number; port: number }>([
    { behaviour: 'the first instance of the first type gets the base port', base: 5000, index: 0, instance: 1, port: 5000 },
    { behaviour: 'each further instance adds 1', base: 5000, index: 0, instance: 2, port: 5001 },
    { behaviour: 'the tenth instance adds 9', base: 5000, index: 0, instance: 10, port: 5009 },
    { behaviour: 'the second type starts 100 higher', base: 5000, index: 1, instance: 1, port: 5100 },
    { behaviour: 'the third instance of the third type is base + 200 + 2', base: 5000, index: 2, instance: 3, port: 5202 },
    { behaviour: 'another base shifts every port', base: 3000, index: 1, instance: 2, port: 3101 },
  ])('$behaviour', ({ base, index, instance, port }) => {
    expect(portFor(base, index, instance)).toBe(port);
  });

  it('the default base port is 5000', () => {
    expect(DEFAULT_BASE_PORT).toBe(5000);
  });
});

describe('parsePort', () => {
  it.each<{ behaviour: string; text: string; port: number }>([
    { behaviour: 'a plain number is a port', text: '6000', port: 6000 },
    { behaviour: 'surrounding spaces are ignored', text: ' 6000 ', port: 6000 },
    { behaviour: 'port 1 is the lowest port', text: '1', port: 1 },
    { behaviour: 'port 65535 is the highest port', text: '65535', port: 65535 },
    { behaviour: 'leading zeros are allowed', text: '05000', port: 5000 },
  ])('$behaviour', ({ text, port }) => {
    expect(parsePort(text, '--port')).toBe(port);
  });

  it.each<{ behaviour: string; text: string }>([
    { behaviour: 'an empty port is an error', text: '' },
    { behaviour: 'a word is an error', text: 'abc' },
    { behaviour: 'a number followed by text is an error', text: '5000abc' },
    { behaviour: 'port 0 is an error', text: '0' },
    { behaviour: 'a port past 65535 is an error', text: '65536' },
    { behaviour: 'a negative port is an error', text: '-1' },
    { behaviour: 'a fractional port is an error', text: '6000.5' },
    { behaviour: 'an exponent is an error', text: '1e4' },
    { behaviour: 'a hexadecimal port is an error', text: '0x1770' },
    { behaviour: 'a port with a plus sign is an error', text: '+6000' },
  ])('$behaviour', ({ text }) => {
    const error = userErrorOf(() => parsePort(text, '.env:3'));
    expect(error.message).toBe(`.env:3: PORT "${text}" is not a port number (1-65535)`);
    expect(error.exitCode).toBe(1);
  });

  it('uses the exit code it is given', () => {
    expect(userErrorOf(() => parsePort('abc', '--port', 2)).exitCode).toBe(2);
  });
});

describe('PORT of each instance', () => {
  // Checked against foreman 0.87: with this Procfile and `-m web=0,9=1,worker=2`
  // it gives 9.1 PORT 5100 and worker.2 PORT 5201.
  const PROCFILE = 'web: a\n9: b\nworker: c\n';

  it.each<{ behaviour: string; formation?: string; type: string; instance: number; port: string }>([
    { behaviour: 'a type named 9 keeps its Procfile position for PORT', type: '9', instance: 1, port: '5100' },
    { behaviour: 'the type after one named 9 keeps its own position', type: 'worker', instance: 1, port: '5200' },
    { behaviour: 'the second instance of the first type gets base + 1', formation: 'web=2', type: 'web', instance: 2, port: '5001' },
    { behaviour: 'a type that runs 0 instances keeps its slot for the types after it', formation: 'web=1,9=0,worker=2', type: 'worker', instance: 2, port: '5201' },
    { behaviour: 'types not selected still take their slots', formation: 'worker=1', type: 'worker', instance: 1, port: '5200' },
  ])('$behaviour', ({ formation, type, instance, port }) => {
    const dir = project({ Procfile: PROCFILE });
    const options: AppOptions = formation === undefined ? {} : { formation };
    expect(portOf(loadAppConfig(options, dir, {}), type, instance)).toBe(port);
  });

  it('types selected on the command line keep their Procfile slots', () => {
    const dir = project({ Procfile: PROCFILE });
    const app = loadAppConfig({ types: ['worker'] }, dir, {});
    expect(portOf(app, 'worker', 1)).toBe('5200');
  });
});

describe('base port precedence: -p, then PORT from env files, then the shell, then 5000', () => {
  // The order matches foreman 0.87 (checked with PORT=9000 in the shell, -e
  // files in both orders and -p); only the empty PORT= rows differ on purpose.
  it.each<{ behaviour: string; files: Record<string, string>; options?: AppOptions; shell?: NodeJS.ProcessEnv; base: number; source: string }>([
    { behaviour: 'with no PORT anywhere the base is 5000', files: {}, base: 5000, source: 'default' },
    { behaviour: "the shell's PORT is used when no env file sets one", files: {}, shell: { PORT: '9000' }, base: 9000, source: '$PORT' },
    { behaviour: "PORT in .env beats the shell's PORT", files: { '.env': 'A=1\nPORT=6000\n' }, shell: { PORT: '9000' }, base: 6000, source: '.env:2' },
    { behaviour: 'PORT in the later -e file wins', files: { 'a.env': 'PORT=6000\n', 'b.env': 'PORT=7000\n' }, options: { env: ['a.env', 'b.env'] }, base: 7000, source: 'b.env:1' },
    { behaviour: 'the order of -e files decides which PORT wins', files: { 'a.env': 'PORT=6000\n', 'b.env': 'PORT=7000\n' }, options: { env: ['b.env', 'a.env'] }, base: 6000, source: 'a.env:1' },
    { behaviour: 'the later PORT line of one file wins', files: { '.env': 'PORT=6000\nPORT=6500\n' }, base: 6500, source: '.env:2' },
    { behaviour: 'an -e file without PORT falls back to the shell', files: { 'a.env': 'PORT=6000\n', 'b.env': 'A=1\n' }, options: { env: ['b.env'] }, shell: { PORT: '9000' }, base: 9000, source: '$PORT' },
    { behaviour: '-e replaces .env, so the PORT of .env is not used', files: { '.env': 'PORT=6000\n', 'b.env': 'A=1\n' }, options: { env: ['b.env'] }, base: 5000, source: 'default' },
    { behaviour: '-p beats PORT in env files and in the shell', files: { '.env': 'PORT=6000\n' }, options: { port: '8000' }, shell: { PORT: '9000' }, base: 8000, source: '--port' },
    { behaviour: 'a port from a project file is named by where it came from', files: { '.env': 'PORT=6000\n' }, options: { port: '7000', portOrigin: '.tfui.json: port' }, base: 7000, source: '.tfui.json: port' },
    { behaviour: 'an empty PORT= in .env counts as unset, so the shell decides', files: { '.env': 'PORT=\n' }, shell: { PORT: '9000' }, base: 9000, source: '$PORT' },
    { behaviour: 'an empty PORT= in .env with no shell PORT gives 5000, not foreman\'s 0', files: { '.env': 'PORT=\n' }, base: 5000, source: 'default' },
    { behaviour: 'an empty quoted PORT in .env counts as unset', files: { '.env': 'PORT=""\n' }, shell: { PORT: '9000' }, base: 9000, source: '$PORT' },
    { behaviour: "an empty PORT in the shell counts as unset", files: {}, shell: { PORT: '' }, base: 5000, source: 'default' },
    { behaviour: 'a quoted PORT in .env is read without its quotes', files: { '.env': 'PORT="6100"\n' }, base: 6100, source: '.env:1' },
    { behaviour: 'a PORT in the dotenv form is read', files: { '.env': 'export PORT = 6200 # dev\n' }, base: 6200, source: '.env:1' },
  ])('$behaviour', ({ files, options = {}, shell = {}, base, source }) => {
    const dir = project({ Procfile: 'web: a\nworker: b\n', ...files });
    const app = loadAppConfig(options, dir, shell);
    expect(app.basePort).toBe(base);
    expect(app.basePortSource).toBe(source);
    expect(portOf(app, 'worker', 1)).toBe(String(base + 100));
  });

  it.each<{ behaviour: string; files: Record<string, string>; options?: AppOptions; shell?: NodeJS.ProcessEnv; message: string; exitCode: number }>([
    { behaviour: 'an invalid -p is a usage error', files: {}, options: { port: 'abc' }, message: '--port: PORT "abc" is not a port number (1-65535)', exitCode: 2 },
    { behaviour: 'an invalid PORT in .env is an error naming file and line', files: { '.env': 'A=1\nPORT=abc\n' }, message: '.env:2: PORT "abc" is not a port number (1-65535)', exitCode: 1 },
    { behaviour: 'an invalid PORT in an -e file is an error naming that file', files: { 'dev.env': 'PORT=70000\n' }, options: { env: ['dev.env'] }, message: 'dev.env:1: PORT "70000" is not a port number (1-65535)', exitCode: 1 },
    { behaviour: "an invalid PORT in the shell is an error naming the environment", files: {}, shell: { PORT: 'abc' }, message: 'PORT in the environment: PORT "abc" is not a port number (1-65535)', exitCode: 1 },
    { behaviour: 'an invalid port from a project file names that file', files: {}, options: { port: 'x', portOrigin: '.foreman: port' }, message: '.foreman: port: PORT "x" is not a port number (1-65535)', exitCode: 1 },
  ])('$behaviour', ({ files, options = {}, shell = {}, message, exitCode }) => {
    const dir = project({ Procfile: 'web: a\n', ...files });
    const error = userErrorOf(() => loadAppConfig(options, dir, shell));
    expect(error.message).toBe(message);
    expect(error.exitCode).toBe(exitCode);
  });

  it.each<{ behaviour: string; files: Record<string, string>; options: AppOptions; shell?: NodeJS.ProcessEnv }>([
    { behaviour: 'a valid -p makes an invalid PORT in .env irrelevant', files: { '.env': 'PORT=abc\n' }, options: { port: '6000' } },
    { behaviour: "a PORT in .env makes an invalid shell PORT irrelevant", files: { '.env': 'PORT=6000\n' }, options: {}, shell: { PORT: 'abc' } },
  ])('$behaviour', ({ files, options, shell = {} }) => {
    const dir = project({ Procfile: 'web: a\n', ...files });
    expect(loadAppConfig(options, dir, shell).basePort).toBe(6000);
  });
});

describe('ports past 65535', () => {
  it.each<{ behaviour: string; procfile: string; options: AppOptions; highest: number }>([
    { behaviour: 'a base that pushes the last type past 65535 is an error', procfile: 'a: x\nb: x\nc: x\n', options: { port: '65400' }, highest: 65600 },
    { behaviour: 'a last port of 65536, one past the highest, is an error', procfile: 'a: x\nb: x\nc: x\n', options: { port: '65336' }, highest: 65536 },
    { behaviour: 'instances that push a type past 65535 are an error', procfile: 'web: x\n', options: { port: '65530', formation: 'web=10' }, highest: 65539 },
    { behaviour: 'a type with 0 instances still needs its first port to fit, as it may be scaled up', procfile: 'a: x\nb: x\n', options: { port: '65500', formation: 'a=1' }, highest: 65600 },
  ])('$behaviour', ({ procfile, options, highest }) => {
    const dir = project({ Procfile: procfile });
    const error = userErrorOf(() => loadAppConfig(options, dir, {}));
    expect(error.message).toBe(`ports from base ${options.port} run past 65535 (up to ${highest}); choose a lower --port`);
    expect(error.exitCode).toBe(2);
  });

  it.each<{ behaviour: string; procfile: string; options: AppOptions }>([
    { behaviour: 'a last port of exactly 65535 is allowed', procfile: 'a: x\nb: x\nc: x\n', options: { port: '65335' } },
    { behaviour: 'the last instance landing on 65535 is allowed', procfile: 'web: x\n', options: { port: '65526', formation: 'web=10' } },
  ])('$behaviour', ({ procfile, options }) => {
    const dir = project({ Procfile: procfile });
    expect(() => loadAppConfig(options, dir, {})).not.toThrow();
  });
});
