import { describe, expect, it } from 'vitest';
import { parseProcfile, type ProcfileEntry } from '../../src/config/index.js';
import { userErrorOf } from '../helpers/user-error.js';

const entries = (text: string) => parseProcfile(text, 'Procfile').map(({ name, command }) => [name, command]);

describe('parseProcfile: lines foreman reads', () => {
  // Each row was also run through Ruby foreman 0.87 (`foreman check`), which
  // accepts the same lines and reads the same names.
  it.each<{ behaviour: string; text: string; expected: [string, string][] }>([
    { behaviour: 'a command may follow the colon without a space', text: 'web:cmd\n', expected: [['web', 'cmd']] },
    { behaviour: 'one space after the colon is dropped', text: 'web: cmd\n', expected: [['web', 'cmd']] },
    { behaviour: 'many spaces after the colon are dropped', text: 'web:      cmd\n', expected: [['web', 'cmd']] },
    { behaviour: 'tabs after the colon are dropped', text: 'web:\t\tcmd\n', expected: [['web', 'cmd']] },
    { behaviour: 'a mix of spaces and tabs after the colon is dropped', text: 'web: \t cmd\n', expected: [['web', 'cmd']] },
    { behaviour: "a vertical tab, form feed or lone carriage return after the colon is dropped, as Ruby's \\s drops it", text: 'a:\vcmd\nb:\fcmd\nc:\rcmd\n', expected: [['a', 'cmd'], ['b', 'cmd'], ['c', 'cmd']] },
    { behaviour: 'a no-break space after the colon stays in the command, as in foreman', text: 'web:\u00a0cmd\n', expected: [['web', '\u00a0cmd']] },
    { behaviour: 'colons inside the command are part of the command', text: 'clock: echo a:b c:d\n', expected: [['clock', 'echo a:b c:d']] },
    { behaviour: 'a URL in the command keeps its colons and slashes', text: 'web: curl http://localhost:5000/\n', expected: [['web', 'curl http://localhost:5000/']] },
    { behaviour: 'a # inside a command is not a comment', text: 'web: echo a # b\n', expected: [['web', 'echo a # b']] },
    { behaviour: 'trailing spaces of a command are kept verbatim', text: 'web: echo a  \n', expected: [['web', 'echo a  ']] },
    { behaviour: 'spaces inside the command are kept verbatim', text: 'web: echo  a\t b\n', expected: [['web', 'echo  a\t b']] },
    { behaviour: 'CRLF line endings leave no carriage return in commands', text: 'web: a\r\nworker: b\r\n', expected: [['web', 'a'], ['worker', 'b']] },
    { behaviour: 'a last line without a final newline is read', text: 'web: a\nworker: b', expected: [['web', 'a'], ['worker', 'b']] },
    { behaviour: 'a last CRLF line without a final newline is read', text: 'web: a\r\nworker: b', expected: [['web', 'a'], ['worker', 'b']] },
    { behaviour: 'names may use letters, digits, underscores and dashes', text: 'Web_2-x: a\n', expected: [['Web_2-x', 'a']] },
    { behaviour: 'names may start with a dash or a digit', text: '-x: a\n9: b\n', expected: [['-x', 'a'], ['9', 'b']] },
    { behaviour: 'names are case-sensitive, so web and Web are two types', text: 'web: a\nWeb: b\n', expected: [['web', 'a'], ['Web', 'b']] },
    { behaviour: 'comment lines are skipped', text: '# a comment\nweb: a\n#worker: b\n', expected: [['web', 'a']] },
    { behaviour: 'indented comment lines are skipped', text: '  # indented\n\t# tabbed\nweb: a\n', expected: [['web', 'a']] },
    { behaviour: 'a comment that looks like a bad line is still a comment', text: '# web.1 : no colon here\nweb: a\n', expected: [['web', 'a']] },
    { behaviour: 'blank lines are skipped', text: '\n\nweb: a\n\n\nworker: b\n\n', expected: [['web', 'a'], ['worker', 'b']] },
    { behaviour: 'whitespace-only lines are skipped', text: '   \nweb: a\n\t\n \t \r\nworker: b\n', expected: [['web', 'a'], ['worker', 'b']] },
    { behaviour: 'types keep their Procfile order, and a type named 9 does not jump ahead', text: 'web: a\n9: b\n1: c\nworker: d\n', expected: [['web', 'a'], ['9', 'b'], ['1', 'c'], ['worker', 'd']] },
  ])('$behaviour', ({ text, expected }) => {
    expect(entries(text)).toEqual(expected);
  });

  it('records the 1-based line of each entry, counting comments, blank lines and CRLF lines', () => {
    const text = '# header\r\n\r\nweb: a\r\n   \r\n# worker below\r\nworker: b\r\n9: c';
    expect(parseProcfile(text, 'Procfile')).toEqual<ProcfileEntry[]>([
      { name: 'web', command: 'a', line: 3 },
      { name: 'worker', command: 'b', line: 6 },
      { name: '9', command: 'c', line: 7 },
    ]);
  });
});

describe('parseProcfile: lines foreman would silently drop are errors naming file and line', () => {
  it.each<{ behaviour: string; text: string; message: string }>([
    { behaviour: 'a line without a colon is an error', text: 'web: a\nnocolon\n', message: 'Procfile:2: expected "name: command"' },
    { behaviour: 'a line of only a command is an error', text: 'bundle exec rails s\n', message: 'Procfile:1: expected "name: command"' },
    { behaviour: 'a line that starts with a colon is an error', text: ': a\n', message: 'Procfile:1: expected "name: command"' },
    { behaviour: 'an entry indented by spaces is an error', text: 'web: a\n  worker: b\n', message: 'Procfile:2: indented entry; a process line must start at the beginning of the line' },
    { behaviour: 'an entry indented by a tab is an error', text: '\tweb: a\n', message: 'Procfile:1: indented entry; a process line must start at the beginning of the line' },
    { behaviour: 'a dotted name like web.1 is an error', text: 'web.1: a\n', message: 'Procfile:1: invalid process type name "web.1" (use letters, digits, "_" and "-")' },
    { behaviour: 'a name with other punctuation is an error', text: 'web/api: a\n', message: 'Procfile:1: invalid process type name "web/api" (use letters, digits, "_" and "-")' },
    { behaviour: 'a space before the colon is an error', text: 'web : a\n', message: 'Procfile:1: no space allowed between "web" and ":"' },
    { behaviour: 'a tab before the colon is an error', text: 'web\t: a\n', message: 'Procfile:1: no space allowed between "web" and ":"' },
    { behaviour: 'an entry with nothing after the colon is an error', text: 'web:\n', message: 'Procfile:1: process type "web" has no command' },
    { behaviour: 'an entry with only spaces after the colon is an error', text: 'web:    \n', message: 'Procfile:1: process type "web" has no command' },
    { behaviour: 'an entry with only a tab after the colon is an error', text: 'web:\t\n', message: 'Procfile:1: process type "web" has no command' },
    { behaviour: 'an empty command on a CRLF line is an error', text: 'web:\r\n', message: 'Procfile:1: process type "web" has no command' },
    { behaviour: 'a duplicate name is an error that also names the first line', text: 'web: a\nworker: b\n\nweb: c\n', message: 'Procfile:4: duplicate process type "web" (first defined on line 1)' },
    { behaviour: 'a name used a third time is reported at its second use', text: '# c\nweb: a\nweb: b\nweb: c\n', message: 'Procfile:3: duplicate process type "web" (first defined on line 2)' },
    { behaviour: 'the line number counts comments, blank and CRLF lines', text: '# one\r\n\r\n   \r\n# four\r\nweb: a\r\nworker: b\r\nbroken\r\n', message: 'Procfile:7: expected "name: command"' },
    { behaviour: 'the first bad line is the one reported', text: 'web: a\nbad one\nbad two\n', message: 'Procfile:2: expected "name: command"' },
  ])('$behaviour', ({ text, message }) => {
    const error = userErrorOf(() => parseProcfile(text, 'Procfile'));
    expect(error.message).toBe(message);
    expect(error.exitCode).toBe(1);
  });

  it.each<{ behaviour: string; text: string }>([
    { behaviour: 'an empty Procfile is an error', text: '' },
    { behaviour: 'a Procfile of blank lines is an error', text: '\n\n  \n' },
    { behaviour: 'a Procfile of only comments is an error', text: '# web: a\n# worker: b\n' },
  ])('$behaviour', ({ text }) => {
    const error = userErrorOf(() => parseProcfile(text, 'Procfile'));
    expect(error.message).toBe('Procfile: no process types defined (expected lines like "web: command")');
  });

  it('names the file as it was given, so a Procfile elsewhere is reported by its path', () => {
    expect(userErrorOf(() => parseProcfile('web: a\nweb.2: b\n', 'config/Procfile.dev')).message).toBe(
      'config/Procfile.dev:2: invalid process type name "web.2" (use letters, digits, "_" and "-")',
    );
  });
});
