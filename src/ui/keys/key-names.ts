/** A mouse report (SGR 1006 encoding), 0-based cell coordinates. */
export interface MouseEvent {
  kind: 'press' | 'release' | 'wheelUp' | 'wheelDown' | 'drag';
  button: number;
  x: number;
  y: number;
}

const NAMED: Record<string, string> = {
  '\r': 'enter',
  '\n': 'enter',
  '\t': 'tab',
  '\x1b[Z': 'shift-tab',
  '\x1b': 'escape',
  '\x7f': 'backspace',
  '\b': 'backspace',
  ' ': 'space',
  '\x1b[A': 'up',
  '\x1b[B': 'down',
  '\x1b[C': 'right',
  '\x1b[D': 'left',
  '\x1bOA': 'up',
  '\x1bOB': 'down',
  '\x1bOC': 'right',
  '\x1bOD': 'left',
  '\x1b[H': 'home',
  '\x1b[F': 'end',
  '\x1b[1~': 'home',
  '\x1b[4~': 'end',
  '\x1bOH': 'home',
  '\x1bOF': 'end',
  '\x1b[5~': 'pageup',
  '\x1b[6~': 'pagedown',
  '\x1b[3~': 'delete',
};

/**
 * A key's name as the keymap writes it: `j`, `J`, `?`, `up`, `pageup`,
 * `enter`, `ctrl-c`. Unknown sequences get `undefined`.
 */
export function keyName(input: string): string | undefined {
  const named = NAMED[input];
  if (named) return named;
  if (input.length === 1) {
    const code = input.charCodeAt(0);
    if (code >= 1 && code <= 26) return `ctrl-${String.fromCharCode(code + 96)}`;
    if (code >= 32) return input;
  }
  if ([...input].length === 1) return input;
  return undefined;
}

/** Parses an SGR mouse report `ESC [ < b ; x ; y M|m`. */
export function parseMouse(input: string): MouseEvent | undefined {
  const match = /^\x1b\[<(\d+);(\d+);(\d+)([Mm])$/.exec(input);
  if (!match) return undefined;
  const code = Number(match[1]);
  const x = Number(match[2]) - 1;
  const y = Number(match[3]) - 1;
  if (code & 64) return { kind: code & 1 ? 'wheelDown' : 'wheelUp', button: 0, x, y };
  if (code & 32) return { kind: 'drag', button: code & 3, x, y };
  return { kind: match[4] === 'M' ? 'press' : 'release', button: code & 3, x, y };
}

/** The bytes a terminal sends for a key name (the inverse of `keyName`), when there is one. */
export function keySequence(name: string): string | undefined {
  if (name.startsWith('ctrl-') && name.length === 6) {
    const code = name.charCodeAt(5) - 96;
    if (code >= 1 && code <= 26) return String.fromCharCode(code);
  }
  const named = Object.entries(NAMED).find(([, n]) => n === name);
  if (named) return named[0];
  return [...name].length === 1 ? name : undefined;
}
