import type { Terminal } from '@xterm/headless';

/** A mouse event at a cell of a pane's screen, as tfui hands it on to the program. */
export interface CellMouseEvent {
  col: number;
  row: number;
  kind: 'press' | 'release' | 'wheelUp' | 'wheelDown' | 'drag';
  /** 0 left, 1 middle, 2 right (ignored for the wheel). */
  button: number;
}

/** xterm's mouse service: it encodes a report in the protocol and encoding the program asked for, and emits it as data. */
interface CoreMouseService {
  triggerMouseEvent?: (event: object) => boolean;
}

function mouseServiceOf(term: Terminal): CoreMouseService | undefined {
  return (term as unknown as { _core?: { coreMouseService?: CoreMouseService } })._core?.coreMouseService;
}

/** Whether this xterm has the mouse service reportMouse drives (test/compat checks it). */
export function reportsMouse(term: Terminal): boolean {
  return typeof mouseServiceOf(term)?.triggerMouseEvent === 'function';
}

/**
 * Reports a mouse event to the program through xterm's own mouse service, so
 * it comes out of onData/onBinary in X10, SGR or whatever the program asked
 * for; the public API has no way to do this. False when nothing was sent: no
 * protocol asked for, a cell off the screen, or another xterm without the service.
 */
export function reportMouse(term: Terminal, event: CellMouseEvent): boolean {
  const service = mouseServiceOf(term);
  if (typeof service?.triggerMouseEvent !== 'function') return false;
  // xterm's buttons: 0-2 as the terminal's, 4 the wheel; actions: 0 up (release, wheel up), 1 down, 32 move.
  const wheel = event.kind === 'wheelUp' || event.kind === 'wheelDown';
  const action = event.kind === 'release' || event.kind === 'wheelUp' ? 0 : event.kind === 'drag' ? 32 : 1;
  return service.triggerMouseEvent({ col: event.col, row: event.row, x: 0, y: 0, button: wheel ? 4 : event.button, action, ctrl: false, alt: false, shift: false });
}
