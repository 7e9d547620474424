import { afterEach, describe, expect, it } from 'vitest';
import { runTfui } from '../helpers/cli.js';
import { makeProject } from '../helpers/project.js';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

function project(files: Record<string, string>) {
  const made = makeProject(files);
  cleanup = made.remove;
  return made.dir;
}

describe('tfui run', () => {
  it('runs a shell command line with the app environment, env files overriding the shell', async () => {
    const cwd = project({ Procfile: 'web: x\n', '.env': 'GREETING=from env file\nSHARED=file wins\n' });
    const result = await runTfui(['run', 'printf "%s|%s|%s" "$GREETING" "$SHARED" "$ONLY_SHELL"'], { cwd, env: { SHARED: 'shell', ONLY_SHELL: 'kept' } });
    expect(result.stdout).toBe('from env file|file wins|kept');
    expect(result.code).toBe(0);
  });

  it('passes the exit status through, 128 + n for a signal', async () => {
    const cwd = project({ Procfile: 'web: x\n' });
    expect((await runTfui(['run', 'exit 42'], { cwd })).code).toBe(42);
    expect((await runTfui(['run', 'kill -TERM $$'], { cwd })).code).toBe(128 + 15);
  });

  it('runs several arguments as an argv, without a shell', async () => {
    const cwd = project({ Procfile: 'web: x\n' });
    const result = await runTfui(['run', 'printf', '%s-', '$HOME', 'a b'], { cwd });
    expect(result.stdout).toBe('$HOME-a b-');
  });

  it('runs a Procfile type\'s command when named alone, as foreman does', async () => {
    const cwd = project({ Procfile: 'hello: echo "hello $NAME"\n', '.env': 'NAME=world\n' });
    const result = await runTfui(['run', 'hello'], { cwd });
    expect(result.stdout).toBe('hello world\n');
  });

  it('works without a Procfile', async () => {
    const cwd = project({ '.env': 'A=1\n' });
    const result = await runTfui(['run', 'echo $A'], { cwd });
    expect(result.stdout).toBe('1\n');
  });
});

describe('tfui check', () => {
  it('prints the formation with each instance\'s PORT and where each variable comes from', async () => {
    const cwd = project({
      Procfile: 'web: serve --port $PORT\nworker: work\nclock: tick\n',
      '.env': 'PORT=7000\nAPI_TOKEN=abc123\nPLAIN=visible\n',
    });
    const result = await runTfui(['check', '-m', 'web=2,clock=1'], { cwd, env: { PLAIN: 'shell value' } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('valid procfile detected (web, worker, clock)');
    expect(result.stdout).toContain('base port  7000 (from .env:1)');
    expect(result.stdout).toMatch(/web +2 +PORT web\.1=7000 web\.2=7001/);
    expect(result.stdout).toMatch(/worker +0 +\(not started\)/);
    expect(result.stdout).toMatch(/clock +1 +PORT clock\.1=7200/);
    expect(result.stdout).toMatch(/API_TOKEN +\.env:2 +••••••\n/);
    expect(result.stdout).not.toContain('abc123');
    expect(result.stdout).toMatch(/PLAIN +\.env:3 +"visible" +\(overrides the shell\)/);
  });

  it('warns about variables /bin/sh will drop', async () => {
    const cwd = project({ Procfile: 'web: x\n', '.env': '1DIGIT=x\n' });
    const result = await runTfui(['check'], { cwd });
    expect(result.stdout).toContain('.env:1: 1DIGIT is not a shell variable name');
  });
});
