import { describe, expect, it } from 'vitest';
import { shellCommandLine } from '../../src/engine/pty-process.js';

describe('the shell command line', () => {
  it.each([
    ['node web.js', 'exec node web.js'],
    ['bundle exec rails s -p $PORT', 'exec bundle exec rails s -p $PORT'],
    ['  npm run dev ', 'exec npm run dev'],
    ['python -c "print(1)"', 'python -c "print(1)"'],
    ['cd api; npm start', 'cd api; npm start'],
    ['a && b', 'a && b'],
    ['a | b', 'a | b'],
    ['FOO=1 node x', 'FOO=1 node x'],
    ['while true; do x; done', 'while true; do x; done'],
    ['exec node x', 'exec node x'],
    ['exit 3', 'exit 3'],
    ['cd sub', 'cd sub'],
    ['trap "" TERM', 'trap "" TERM'],
    ['node x > log', 'node x > log'],
  ])('%s runs as %s', (command, line) => {
    expect(shellCommandLine(command)).toBe(line);
  });
});
