/**
 * The bytes to send to a program for a key typed in input mode. Keys arrive
 * as the outer terminal sent them (normal cursor mode); a program that asked
 * for application cursor keys (vim, less, readline) expects `ESC O x` instead.
 */
export function encodeKeyForProgram(input: string, applicationCursorKeys: boolean): string {
  if (applicationCursorKeys) {
    const cursor = /^\x1b\[([ABCDHF])$/.exec(input);
    if (cursor) return `\x1bO${cursor[1]}`;
  }
  return input;
}
