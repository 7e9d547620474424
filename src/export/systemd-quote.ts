import { UserError } from '../config/index.js';
import { dollarsDoubled } from './command-line.js';

/**
 * A double-quoted word as systemd reads unit files (systemd.syntax(7), systemd.unit(5)):
 * inside quotes C escapes are decoded, then `%` specifiers are expanded. So `\` and `"`
 * are escaped, `%` is doubled, and control characters become `\uXXXX` (which decodes to
 * UTF-8, where `\xNN` would give a raw byte) so the line never breaks.
 */
function quoteWord(text: string, what: string): string {
  if (text.includes('\0')) throw new UserError(`${what} contains a NUL byte, which no process can be given`, 1);
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    // systemd refuses a whole unit holding a Unicode noncharacter, escaped or not.
    if ((code >= 0xfdd0 && code <= 0xfdef) || (code & 0xfffe) === 0xfffe) {
      throw new UserError(`${what} contains a Unicode noncharacter (U+${code.toString(16).toUpperCase()}), which systemd does not accept in a unit`, 1);
    }
    if (char === '\\' || char === '"') out += `\\${char}`;
    else if (char === '%') out += '%%';
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return `${out}"`;
}

/** `Environment="KEY=value"` as systemd.exec(5) wants it: the value comes back exactly (no `$` expansion there). */
export function environmentLine(key: string, value: string): string {
  return `Environment=${quoteWord(`${key}=${value}`, key)}`;
}

/**
 * `ExecStart=/bin/sh -c "…"`: besides the quoting, systemd expands `$VAR` and `${VAR}` in
 * command lines when it starts them; `$$` is its literal dollar, so the shell sees the text as written.
 */
export function execStartLine(shellCommand: string): string {
  return `ExecStart=/bin/sh -c ${quoteWord(dollarsDoubled(shellCommand), 'the command')}`;
}
