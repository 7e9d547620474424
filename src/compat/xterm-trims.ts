import type { Terminal } from '@xterm/headless';

/** xterm's internal list of a buffer's lines: its length, and an event for lines dropped off its start. */
export interface TrimmingLineList {
  readonly length: number;
  onTrim(listener: (amount: number) => void): unknown;
}

/**
 * The line list of the normal buffer, whose `onTrim` fires with the count of
 * lines dropped off the top of a full scrollback. xterm's public API has no
 * event for it (markers move, but are disposed with their line). A reset (RIS)
 * puts a new list in place, so callers compare it by identity. Undefined in an
 * xterm without it: line numbers are then plain indexes.
 */
export function normalLineList(term: Terminal): TrimmingLineList | undefined {
  const lines = (term as unknown as { _core?: { buffers?: { normal?: { lines?: Partial<TrimmingLineList> } } } })._core?.buffers?.normal?.lines;
  return lines && typeof lines.onTrim === 'function' && typeof lines.length === 'number' ? (lines as TrimmingLineList) : undefined;
}
