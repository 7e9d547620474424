import { atLine, splitLines } from './user-error.js';

export interface EnvEntry {
  key: string;
  value: string;
  /** The env file this value came from, and its 1-based line. */
  file: string;
  line: number;
}

// foreman's own line rule (lib/foreman/env.rb). Lines of this form mean
// exactly what they mean to foreman: the value runs verbatim to the end of
// the line (spaces and `#` included) unless it is wholly quoted.
const FOREMAN_LINE = /^([A-Za-z_0-9]+)=(.*)$/s;
// The forms dotenv adds: indentation, `export `, spaces around `=`.
const DOTENV_LINE = /^\s*(?:export\s+)?([A-Za-z_0-9]+)\s*=\s*(.*?)\s*$/s;

/** Parses one env file. Anything that is not a variable, comment or blank line is an error. */
export function parseEnvFile(text: string, file: string): EnvEntry[] {
  const entries: EnvEntry[] = [];
  splitLines(text).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const foreman = FOREMAN_LINE.exec(raw);
    if (foreman) {
      entries.push({ key: foreman[1] as string, value: foremanValue(foreman[2] as string), file, line });
      return;
    }
    const dotenv = DOTENV_LINE.exec(raw);
    if (dotenv) {
      const value = dotenvValue(dotenv[2] as string);
      if (typeof value !== 'string') throw atLine(file, line, value.error);
      entries.push({ key: dotenv[1] as string, value, file, line });
      return;
    }
    throw atLine(file, line, explainBadLine(raw));
  });
  return entries;
}

/** foreman: '…' is literal; "…" turns \n into a newline, then \x into x. */
function foremanValue(value: string): string {
  const single = /^'(.*)'$/s.exec(value);
  if (single) return single[1] as string;
  const double = /^"(.*)"$/s.exec(value);
  if (double) return unescapeDouble(double[1] as string);
  return value;
}

// Ruby's `.` does not match a newline, so an escaped newline made by the first
// step (from `\\n`) keeps its backslash, exactly as in foreman.
function unescapeDouble(inner: string): string {
  return inner.replace(/\\n/g, '\n').replace(/\\([^\n])/g, '$1');
}

/**
 * dotenv's reading for lines foreman ignores: a quoted value may be followed
 * by a ` # comment`; an unquoted value ends at ` #`.
 * Returns an error for an unterminated quote or text after the closing one.
 */
const SINGLE_QUOTED = /^'([^']*)'\s*(?:#.*)?$/s;
const DOUBLE_QUOTED = /^"((?:\\.|[^"\\])*)"\s*(?:#.*)?$/s;

function dotenvValue(value: string): string | { error: string } {
  const quote = value[0];
  if (quote === "'" || quote === '"') {
    const quoted = (quote === "'" ? SINGLE_QUOTED : DOUBLE_QUOTED).exec(value);
    if (!quoted) {
      const closed = (quote === "'" ? /^'[^']*'/s : /^"(?:\\.|[^"\\])*"/s).test(value);
      return { error: closed ? 'unexpected text after the quoted value (a comment needs " #")' : 'unterminated quoted value' };
    }
    return quote === "'" ? (quoted[1] as string) : unescapeDouble(quoted[1] as string);
  }
  return value.replace(/(^|\s+)#.*$/s, '');
}

function explainBadLine(raw: string): string {
  const key = /^\s*(?:export\s+)?([^=\s]+)\s*=/.exec(raw);
  if (key) return `invalid variable name "${key[1]}" (use letters, digits and "_")`;
  return 'expected KEY=value';
}
