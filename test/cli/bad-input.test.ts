import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { runTfui, TFUI_BIN } from '../helpers/cli.js';
import { makeProject } from '../helpers/project.js';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

const GOOD = 'web: sleep 1000\nworker: sleep 1000\n';

/** [what, project files, argv, the one line expected on stderr, exit status] */
const CASES: Array<[string, Record<string, string>, string[], RegExp, number]> = [
  ['no Procfile', {}, ['start'], /^tfui: Procfile: cannot read Procfile \(no such file\)$/, 1],
  ['a Procfile line without a colon', { Procfile: 'web: ok\nthis is not an entry\n' }, ['start'], /^tfui: Procfile:2: expected "name: command"$/, 1],
  ['a dotted process name', { Procfile: 'web.1: ok\n' }, ['start'], /^tfui: Procfile:1: invalid process type name "web\.1"/, 1],
  ['an indented entry', { Procfile: 'web: a\n  worker: b\n' }, ['start'], /^tfui: Procfile:2: indented entry/, 1],
  ['a duplicate name', { Procfile: 'web: a\nweb: b\n' }, ['start'], /^tfui: Procfile:2: duplicate process type "web" \(first defined on line 1\)$/, 1],
  ['an empty Procfile', { Procfile: '# nothing\n\n' }, ['start'], /^tfui: Procfile: no process types defined/, 1],
  ['a bad .env line', { Procfile: GOOD, '.env': 'A=1\nnot a variable\n' }, ['start'], /^tfui: \.env:2: expected KEY=value$/, 1],
  ['a bad .env variable name', { Procfile: GOOD, '.env': 'MY-DASH=1\n' }, ['start'], /^tfui: \.env:1: invalid variable name "MY-DASH"/, 1],
  ['an unterminated quote in a dotenv-style line', { Procfile: GOOD, '.env': 'export A="open\n' }, ['start'], /^tfui: \.env:1: unterminated quoted value$/, 1],
  ['a missing -e file', { Procfile: GOOD }, ['start', '-e', 'nope.env'], /^tfui: nope\.env: cannot read env file \(no such file\)$/, 1],
  ['a bad PORT in .env', { Procfile: GOOD, '.env': 'PORT=abc\n' }, ['start'], /^tfui: \.env:1: PORT "abc" is not a port number/, 1],
  ['an unknown flag', { Procfile: GOOD }, ['start', '--bogus'], /^tfui: unknown option '--bogus'/, 2],
  ['an unknown flag before the command', { Procfile: GOOD }, ['--bogus'], /^tfui: unknown option '--bogus'/, 2],
  ['a formation for an unknown type', { Procfile: GOOD }, ['-m', 'nosuch=2'], /^tfui: --formation: unknown process type "nosuch"/, 2],
  ['a formation count that is not a number', { Procfile: GOOD }, ['-m', 'web=abc'], /^tfui: --formation: "web=abc" is not NAME=COUNT/, 2],
  ['a formation that runs nothing', { Procfile: GOOD }, ['-m', 'all=0'], /^tfui: nothing to start/, 2],
  ['an unknown type to start', { Procfile: GOOD }, ['start', 'nosuch'], /^tfui: unknown process type "nosuch"/, 2],
  ['a port that is not a number', { Procfile: GOOD }, ['-p', 'abc'], /^tfui: --port: PORT "abc" is not a port number/, 2],
  ['ports past 65535', { Procfile: GOOD }, ['-p', '65500'], /^tfui: ports from base 65500 run past 65535/, 2],
  ['a timeout that is not a number', { Procfile: GOOD }, ['-t', 'soon'], /^tfui: option '-t, --timeout <seconds>' argument 'soon' is invalid/, 2],
  ['a missing root directory', { Procfile: GOOD }, ['-d', 'nowhere'], /^tfui: nowhere: root directory does not exist$/, 1],
  ['an invalid .tfui.json', { Procfile: GOOD, '.tfui.json': '{ "formation": ' }, ['start'], /^tfui: \.tfui\.json:1: not valid JSON \(Unexpected end of JSON input\)$/, 1],
  ['an unknown .tfui.json option', { Procfile: GOOD, '.tfui.json': '{ "colour": true }' }, ['start'], /^tfui: \.tfui\.json: unknown option "colour"/, 1],
  ['a .foreman formation naming an unknown type', { Procfile: GOOD, '.foreman': 'formation: nosuch=1\n' }, ['start'], /^tfui: \.foreman: formation: unknown process type "nosuch"/, 1],
  ['run without a command', { Procfile: GOOD }, ['run'], /^tfui: missing required argument 'command'/, 2],
  ['run of a command that does not exist', { Procfile: GOOD }, ['run', 'no-such-program-tfui', 'x'], /^tfui: command not found: no-such-program-tfui$/, 127],
  ['check of a broken Procfile', { Procfile: 'web ok\n' }, ['check'], /^tfui: Procfile:1: expected "name: command"$/, 1],
];

describe('bad input gets one clear line and a non-zero exit', () => {
  it.each(CASES)('%s', async (_what, files, argv, message, status) => {
    const project = makeProject(files);
    cleanup = project.remove;
    const result = await runTfui(argv, { cwd: project.dir });
    const lines = result.stderr.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(status);
    expect(result.stdout).toBe('');
  });
});

describe('a system tfui does not run on', () => {
  it('native Windows gets one line pointing to WSL and a non-zero exit, before anything starts', async () => {
    const project = makeProject({ Procfile: GOOD });
    cleanup = project.remove;
    // The real CLI, told by a preload that this is win32: it must stop at its edge, never reach a spawn.
    const win32 = `data:text/javascript,Object.defineProperty(process, 'platform', { value: 'win32' })`;
    const child = spawn(process.execPath, ['--import', win32, TFUI_BIN, 'start'], { cwd: project.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('tfui: native Windows is not supported (no process groups or POSIX signals); run tfui in WSL\n');
    expect(stdout).toBe('');
    expect(code).toBe(1);
  });
});
