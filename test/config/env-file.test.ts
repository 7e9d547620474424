import { describe, expect, it } from 'vitest';
import { mergeEnvironment, parseEnvFile, type EnvEntry } from '../../src/config/index.js';
import { userErrorOf } from '../helpers/user-error.js';

/** The value of the only variable in a one-line env file. */
function valueOf(line: string): string {
  const entries = parseEnvFile(`${line}\n`, '.env');
  expect(entries).toHaveLength(1);
  return (entries[0] as EnvEntry).value;
}

describe('parseEnvFile: lines foreman reads mean what they mean to foreman', () => {
  // Every expected value below was checked against Ruby foreman 0.87.2: the
  // line was written to a .env and read back with
  // `foreman run ruby -e 'puts ENV.to_h.to_json'`.
  it.each<{ behaviour: string; line: string; value: string }>([
    { behaviour: 'a plain value is read as is', line: 'KEY=hello', value: 'hello' },
    { behaviour: 'an unquoted value keeps its inner spaces', line: 'KEY=hello world', value: 'hello world' },
    { behaviour: 'an unquoted value keeps a tab', line: 'KEY=a\tb', value: 'a\tb' },
    { behaviour: 'an unquoted " # " is part of the value, not a comment', line: 'KEY=a # not a comment', value: 'a # not a comment' },
    { behaviour: 'an unquoted # without spaces is part of the value', line: 'KEY=a#b', value: 'a#b' },
    { behaviour: 'an unquoted value keeps every further =', line: 'KEY=a=b=c', value: 'a=b=c' },
    { behaviour: 'an unquoted value keeps its trailing spaces', line: 'KEY=trailing   ', value: 'trailing   ' },
    { behaviour: 'a space right after = belongs to the value', line: 'KEY= lead', value: ' lead' },
    { behaviour: 'nothing after = is an empty value', line: 'KEY=', value: '' },
    { behaviour: 'an unquoted ${VAR} is not interpolated', line: 'KEY=${HOME}/x', value: '${HOME}/x' },
    { behaviour: 'an unquoted $VAR is not interpolated', line: 'KEY=$HOME', value: '$HOME' },
    { behaviour: 'an unquoted backslash-n stays two characters', line: 'KEY=a\\nb', value: 'a\\nb' },
    { behaviour: 'single quotes are removed and the inside is literal', line: `KEY='single $X \\n "q"'`, value: 'single $X \\n "q"' },
    { behaviour: 'single quotes keep a backslash-n as two characters', line: `KEY='a\\nb'`, value: 'a\\nb' },
    { behaviour: 'single quotes may contain a single quote', line: `KEY='it's'`, value: "it's" },
    { behaviour: 'two single quotes are an empty value', line: `KEY=''`, value: '' },
    { behaviour: 'three single quotes are one single quote', line: `KEY='''`, value: "'" },
    { behaviour: 'double quotes turn backslash-n into a newline', line: 'KEY="line1\\nline2"', value: 'line1\nline2' },
    { behaviour: 'double quotes turn backslash-quote into a quote', line: 'KEY="say \\"hi\\""', value: 'say "hi"' },
    { behaviour: 'double quotes turn two backslashes into one', line: 'KEY="back\\\\slash"', value: 'back\\slash' },
    { behaviour: 'double quotes turn any other backslash-x into x', line: 'KEY="\\x\\t\\$"', value: 'xt$' },
    { behaviour: 'double quotes turn backslash-t into t, not a tab', line: 'KEY="tab\\there"', value: 'tabthere' },
    { behaviour: 'double quotes holding only an escaped backslash give one backslash', line: 'KEY="\\\\"', value: '\\' },
    { behaviour: 'double quotes holding four backslashes give two', line: 'KEY="\\\\\\\\"', value: '\\\\' },
    // foreman turns every `\n` into a newline first, so in `a\\nb` the second
    // backslash and the n become a newline and the first backslash, now before
    // a newline, is kept.
    { behaviour: 'an escaped backslash before n still becomes a backslash and a newline, as in foreman', line: 'KEY="a\\\\nb"', value: 'a\\\nb' },
    { behaviour: 'three backslashes before n become a backslash and a newline', line: 'KEY="a\\\\\\nb"', value: 'a\\\nb' },
    { behaviour: 'four backslashes before n become two backslashes and a newline', line: 'KEY="a\\\\\\\\nb"', value: 'a\\\\\nb' },
    { behaviour: 'a backslash before the closing double quote is kept', line: 'KEY="a\\"', value: 'a\\' },
    { behaviour: 'two double quotes are an empty value', line: 'KEY=""', value: '' },
    { behaviour: 'three double quotes are one double quote', line: 'KEY="""', value: '"' },
    { behaviour: 'a double quote inside double quotes is kept', line: 'KEY="a"b"', value: 'a"b' },
    { behaviour: 'an unterminated double quote is kept verbatim', line: 'KEY="abc', value: '"abc' },
    { behaviour: 'an unterminated single quote is kept verbatim', line: `KEY='abc`, value: "'abc" },
    { behaviour: 'a lone double quote is kept verbatim', line: 'KEY="', value: '"' },
    { behaviour: 'mismatched quotes are kept verbatim', line: `KEY='a"`, value: `'a"` },
    { behaviour: 'a space after the closing double quote makes the quotes part of the value', line: 'KEY="a" ', value: '"a" ' },
    { behaviour: 'a space after the closing single quote makes the quotes part of the value', line: `KEY='a' `, value: "'a' " },
    { behaviour: 'spaces before an opening quote make the quotes part of the value', line: 'KEY=  "a"', value: '  "a"' },
    { behaviour: 'a comment after a double-quoted value is part of the unquoted value', line: 'KEY="a" # c', value: '"a" # c' },
    { behaviour: 'a comment after a single-quoted value is part of the unquoted value', line: `KEY='a' # c`, value: "'a' # c" },
  ])('$behaviour', ({ line, value }) => {
    expect(valueOf(line)).toBe(value);
  });

  it.each<{ behaviour: string; text: string; key: string; value: string }>([
    { behaviour: 'a key may start with a digit', text: '1DIGIT=x\n', key: '1DIGIT', value: 'x' },
    { behaviour: 'a key may be all underscores and digits', text: '_9=x\n', key: '_9', value: 'x' },
    { behaviour: 'a key named export is an ordinary key', text: 'export=x\n', key: 'export', value: 'x' },
    { behaviour: 'a CRLF line ending leaves no carriage return in the value', text: 'KEY=value\r\n', key: 'KEY', value: 'value' },
    { behaviour: 'a carriage return at the very end of a file without a newline stays in the value, as in foreman', text: 'KEY=value\r', key: 'KEY', value: 'value\r' },
    { behaviour: 'a last line without a final newline is read', text: 'KEY=value', key: 'KEY', value: 'value' },
  ])('$behaviour', ({ text, key, value }) => {
    expect(parseEnvFile(text, '.env').map((e) => [e.key, e.value])).toEqual([[key, value]]);
  });

  it('skips comments, indented comments, blank and whitespace-only lines, and numbers lines as the file does', () => {
    const text = '# comment\r\n\r\n  # indented comment\r\nA=1\r\n \t \r\n#B=2\r\nC=3';
    expect(parseEnvFile(text, '.env')).toEqual<EnvEntry[]>([
      { key: 'A', value: '1', file: '.env', line: 4 },
      { key: 'C', value: '3', file: '.env', line: 7 },
    ]);
  });

  it('keeps a key set twice in file order, so the later line wins when merged', () => {
    const entries = parseEnvFile('KEY=first\nKEY=second\n', '.env');
    expect(entries.map((e) => [e.value, e.line])).toEqual([
      ['first', 1],
      ['second', 2],
    ]);
    expect(mergeEnvironment({}, entries).get('KEY')).toEqual({ value: 'second', source: { kind: 'file', file: '.env', line: 2 } });
  });
});

describe('parseEnvFile: the forms dotenv adds', () => {
  it.each<{ behaviour: string; line: string; key?: string; value: string }>([
    { behaviour: 'an indented line is read', line: '  KEY=x', value: 'x' },
    { behaviour: 'a tab-indented line is read', line: '\tKEY=x', value: 'x' },
    { behaviour: 'an export prefix is dropped', line: 'export KEY=x', value: 'x' },
    { behaviour: 'several spaces after export are allowed', line: 'export   KEY=x', value: 'x' },
    { behaviour: 'an indented export line is read', line: '  export KEY=x', value: 'x' },
    { behaviour: 'a space before = is allowed', line: 'KEY =x', value: 'x' },
    { behaviour: 'spaces on both sides of = are dropped', line: 'KEY = x', value: 'x' },
    { behaviour: 'tabs around = are dropped', line: 'KEY\t=\tx', value: 'x' },
    { behaviour: 'trailing spaces of a dotenv-form value are dropped', line: '  KEY=value   ', value: 'value' },
    { behaviour: 'inner spaces of a dotenv-form value are kept', line: 'KEY = a  b', value: 'a  b' },
    { behaviour: 'a dotenv-form value ends at " #"', line: 'KEY = a # comment', value: 'a' },
    { behaviour: 'a dotenv-form value ends at a tab before #', line: 'export KEY=a\t# comment', value: 'a' },
    { behaviour: 'a # without a space before it stays in a dotenv-form value', line: 'KEY = a#b', value: 'a#b' },
    { behaviour: 'a dotenv-form value that is only a comment is empty', line: 'KEY = # comment', value: '' },
    { behaviour: 'an empty dotenv-form value is empty', line: 'export KEY=', value: '' },
    { behaviour: 'a comment may follow a double-quoted dotenv-form value', line: 'export KEY="a b" # c', value: 'a b' },
    { behaviour: 'a comment may follow a single-quoted dotenv-form value', line: `KEY = 'a b' # c`, value: 'a b' },
    { behaviour: 'a comment right after the closing quote is allowed', line: 'KEY = "a"# c', value: 'a' },
    { behaviour: 'a # inside double quotes is part of the value', line: 'KEY = "a # b"', value: 'a # b' },
    { behaviour: 'double quotes in the dotenv form unescape as foreman does', line: 'export KEY="a\\nb \\"c\\" \\\\ \\x"', value: 'a\nb "c" \\ x' },
    { behaviour: 'single quotes in the dotenv form are literal', line: `export KEY='a\\nb $X'`, value: 'a\\nb $X' },
    { behaviour: 'empty double quotes with a comment are an empty value', line: 'KEY = "" # empty', value: '' },
    { behaviour: 'the key of an export line is read without export', line: 'export PATH_EXTRA=x', key: 'PATH_EXTRA', value: 'x' },
  ])('$behaviour', ({ line, key = 'KEY', value }) => {
    expect(parseEnvFile(`${line}\n`, '.env').map((e) => [e.key, e.value])).toEqual([[key, value]]);
  });
});

describe('parseEnvFile: anything else is an error naming file and line', () => {
  it.each<{ behaviour: string; text: string; message: string }>([
    { behaviour: 'a key without = is an error', text: 'KEY\n', message: '.env:1: expected KEY=value' },
    { behaviour: 'export of a key without a value is an error', text: 'export KEY\n', message: '.env:1: expected KEY=value' },
    { behaviour: 'export alone is an error', text: 'export\n', message: '.env:1: expected KEY=value' },
    { behaviour: 'a line of garbage is an error', text: 'A=1\nthis is not a variable\n', message: '.env:2: expected KEY=value' },
    { behaviour: 'a value without a key is an error', text: '=value\n', message: '.env:1: expected KEY=value' },
    { behaviour: 'a key with a dash is an error', text: 'MY-DASH=1\n', message: '.env:1: invalid variable name "MY-DASH" (use letters, digits and "_")' },
    { behaviour: 'a key with a dot is an error', text: 'my.key=1\n', message: '.env:1: invalid variable name "my.key" (use letters, digits and "_")' },
    { behaviour: 'an exported key with a dash is an error', text: 'export MY-DASH = 1\n', message: '.env:1: invalid variable name "MY-DASH" (use letters, digits and "_")' },
    { behaviour: 'an unterminated double quote in the dotenv form is an error', text: 'export KEY="abc\n', message: '.env:1: unterminated quoted value' },
    { behaviour: 'an unterminated single quote in the dotenv form is an error', text: `KEY = 'abc\n`, message: '.env:1: unterminated quoted value' },
    { behaviour: 'an escaped closing quote leaves a dotenv-form value unterminated', text: 'KEY = "abc\\"\n', message: '.env:1: unterminated quoted value' },
    { behaviour: 'the line number counts comments, blank and CRLF lines', text: '# a\r\n\r\nA=1\r\n  \r\nB=2\r\n# b\r\nMY-DASH=3\r\n', message: '.env:7: invalid variable name "MY-DASH" (use letters, digits and "_")' },
    { behaviour: 'the first bad line is the one reported', text: 'A=1\nbad\nworse-=\n', message: '.env:2: expected KEY=value' },
  ])('$behaviour', ({ text, message }) => {
    const error = userErrorOf(() => parseEnvFile(text, '.env'));
    expect(error.message).toBe(message);
    expect(error.exitCode).toBe(1);
  });

  it('rejects text after the closing quote of a dotenv-form value, naming file and line', () => {
    expect(userErrorOf(() => parseEnvFile('A=1\nKEY = "a" b\n', '.env')).message).toMatch(/^\.env:2: /);
  });

  it('names the env file as it was given', () => {
    expect(userErrorOf(() => parseEnvFile('KEY\n', 'config/dev.env')).message).toBe('config/dev.env:1: expected KEY=value');
  });

  it('records the file and line of every entry', () => {
    expect(parseEnvFile('A=1\n\nexport B=2\n', 'config/dev.env')).toEqual<EnvEntry[]>([
      { key: 'A', value: '1', file: 'config/dev.env', line: 1 },
      { key: 'B', value: '2', file: 'config/dev.env', line: 3 },
    ]);
  });

  it('an empty file has no variables', () => {
    expect(parseEnvFile('', '.env')).toEqual([]);
  });
});

describe('messages for dotenv-style lines that are almost right', () => {
  it.each([
    ['KEY = "a" b', '.env:1: unexpected text after the quoted value (a comment needs " #")'],
    ["export KEY='a' 'b'", '.env:1: unexpected text after the quoted value (a comment needs " #")'],
    ['export KEY="open', '.env:1: unterminated quoted value'],
  ])('%s is reported as: %s', (line, message) => {
    expect(() => parseEnvFile(`${line}\n`, '.env')).toThrow(message);
  });

  it('a byte-order mark at the start of the file is not part of the first key', () => {
    expect(parseEnvFile('\uFEFFA=1\n', '.env')).toEqual([{ key: 'A', value: '1', file: '.env', line: 1 }]);
  });
});
