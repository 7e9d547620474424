import type { IBufferLine } from '@xterm/headless';

/** xterm's own line, behind the public view; only its trimmed length is read. */
interface InternalLine {
  getNoBgTrimmedLength(): number;
}

function internalLineOf(line: IBufferLine): Partial<InternalLine> | undefined {
  return (line as { _line?: Partial<InternalLine> })._line;
}

/** Whether this xterm keeps the trimmed length where drawnLength reads it (test/compat checks it). */
export function readsDrawnLength(line: IBufferLine): boolean {
  return typeof internalLineOf(line)?.getNoBgTrimmedLength === 'function';
}

/**
 * The columns of a line up to its last cell with a character or a coloured
 * background: every cell after it is a blank in the default style. xterm keeps
 * this on its internal line (the public IBufferLine does not expose it); a
 * pane is mostly such blanks, and visiting each cell cost ~5 ms per first
 * frame. Without the internal method (another xterm), every column counts.
 */
export function drawnLength(line: IBufferLine): number {
  const internal = internalLineOf(line);
  return typeof internal?.getNoBgTrimmedLength === 'function' ? internal.getNoBgTrimmedLength() : line.length;
}
