import { atLine, splitLines, UserError } from './user-error.js';

export interface ProcfileEntry {
  /** The process type, e.g. `web`. */
  name: string;
  command: string;
  /** 1-based line in the Procfile, for messages. */
  line: number;
}

// foreman's rule (lib/foreman/procfile.rb): a name of letters, digits, `_`
// and `-`, a colon, optional spaces, then the command. The spaces are Ruby's
// `\s` (space, tab, \v, \f, \r), narrower than JavaScript's, which would
// also eat a no-break space that foreman keeps in the command.
const ENTRY = /^([A-Za-z0-9_-]+):[ \t\v\f\r]*(.+)$/s;
const NAME_THEN_COLON = /^\s*([^\s:]+)\s*:/;

/**
 * Parses Procfile text. Unlike foreman, which silently drops what it cannot
 * read, every line that is neither an entry, a comment nor blank is an error
 * naming the file and line, and so is a duplicate name.
 */
export function parseProcfile(text: string, file: string): ProcfileEntry[] {
  const entries: ProcfileEntry[] = [];
  const seen = new Map<string, number>();
  splitLines(text).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const match = ENTRY.exec(raw);
    if (!match) throw atLine(file, line, explainBadLine(raw));
    const [, name, command] = match as unknown as [string, string, string];
    if (command.trim() === '') throw atLine(file, line, `process type "${name}" has no command`);
    const first = seen.get(name);
    if (first !== undefined) {
      throw atLine(file, line, `duplicate process type "${name}" (first defined on line ${first})`);
    }
    seen.set(name, line);
    entries.push({ name, command, line });
  });
  if (entries.length === 0) throw new UserError(`${file}: no process types defined (expected lines like "web: command")`);
  return entries;
}

function explainBadLine(raw: string): string {
  if (/^\s/.test(raw) && ENTRY.test(raw.trimStart())) {
    return 'indented entry; a process line must start at the beginning of the line';
  }
  const spaced = /^([A-Za-z0-9_-]+)[ \t]+:/.exec(raw);
  if (spaced) return `no space allowed between "${spaced[1]}" and ":"`;
  const named = NAME_THEN_COLON.exec(raw);
  if (named) {
    const name = named[1] as string;
    if (!/^[A-Za-z0-9_-]+$/.test(name)) {
      return `invalid process type name "${name}" (use letters, digits, "_" and "-")`;
    }
    return `process type "${name}" has no command`;
  }
  return 'expected "name: command"';
}
