/**
 * A mistake the user can fix (a bad Procfile line, an unknown flag value).
 * The CLI prints `message` as one line and exits with `exitCode`; a stack
 * trace is only ever shown for tfui's own bugs.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** `file:line: message`, the form compilers use, so editors can jump to it. */
export function atLine(file: string, line: number, message: string): UserError {
  return new UserError(`${file}:${line}: ${message}`);
}

/**
 * Splits text into lines the way foreman does: CRLF is one line break. A
 * leading byte-order mark (editors on Windows add one) is dropped; foreman
 * silently loses the first entry to it.
 */
export function splitLines(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
