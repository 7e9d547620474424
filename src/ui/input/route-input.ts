import type { Dispatch } from 'react';
import type { EngineDoor, SupervisorSnapshot } from '../../engine/index.js';
import { encodeKeyForProgram } from '../../terminal/key-encoding.js';
import type { ModelRegistry } from '../../terminal/model-registry.js';
import { keyName, keySequence, parseMouse, type MouseEvent } from '../keys/key-names.js';
import type { Keymap } from '../keys/keymap.js';
import { sidebarFirstRow, type ScreenLayout } from '../screen-layout.js';
import { sidebarLines, sidebarRows } from '../sidebar-rows.js';
import { uiReducer, type UiAction, type UiState } from '../state/ui-state.js';
import type { Lane } from '../timeline/timeline-model.js';
import { jumpToMatch, runCommand, scrollBy } from './run-command.js';

/** What routing a key needs: the UI state and its dispatch, the engine, the models, the layout. */
export interface KeyRouterContext {
  state: UiState;
  dispatch: Dispatch<UiAction>;
  engine: EngineDoor;
  snapshot: SupervisorSnapshot;
  models: ModelRegistry;
  keymap: Keymap;
  rows: string[];
  layout: ScreenLayout;
  onQuit(): void;
  onSuspend(): void;
  copyToClipboard(text: string): void;
  /** The timeline's lanes, built from the event log when asked. */
  lanes(): Lane[];
  /** A paste being received: its text so far, or null (it comes in several input events). */
  paste: { text: string | null };
}

/** Lines one mouse-wheel notch scrolls. */
const WHEEL_LINES = 3;
/** Bracketed paste (the outer terminal marks a paste; see terminal-modes.ts). */
const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

/**
 * The one input router: by mode, a key is a command, a character of a search,
 * a move in copy mode, or (in input mode) bytes for the process.
 */
export function routeInput(input: string, ctx: KeyRouterContext): void {
  // A paste is text, not keys: gathered whole, then given to whatever takes text now.
  if (input === PASTE_START) {
    ctx.paste.text = '';
    return;
  }
  if (ctx.paste.text !== null) {
    if (input !== PASTE_END) {
      ctx.paste.text += input;
      return;
    }
    const text = ctx.paste.text;
    ctx.paste.text = null;
    return routePaste(text, ctx);
  }
  // Fast typing (and a paste, in a terminal without bracketed paste) arrives as one chunk
  // ("/tick"): outside input mode each character is a key, and each sees the state the ones
  // before it left.
  if (ctx.state.mode !== 'input' && input.length > 1 && !input.startsWith('\x1b')) {
    let state = ctx.state;
    const dispatch = (action: UiAction) => {
      state = uiReducer(state, action);
      ctx.dispatch(action);
    };
    for (const char of input) routeKey(char, { ...ctx, state, dispatch });
    return;
  }
  routeKey(input, ctx);
}

function routeKey(input: string, ctx: KeyRouterContext): void {
  const { state, keymap } = ctx;
  const mouse = parseMouse(input);
  if (state.mode === 'input') {
    if (mouse) return onMouseInInput(mouse, ctx);
    // The leader may arrive inside a chunk ("\x01j" when typed fast): keys before it go to
    // the process, the leader leaves input mode, keys after it are tfui's again.
    const sequence = leaderSequence(keymap);
    const at = sequence ? input.indexOf(sequence) : -1;
    const forProcess = at >= 0 ? input.slice(0, at) : input;
    if (forProcess !== '' && state.selected) {
      const model = ctx.models.get(state.selected);
      ctx.engine.write(state.selected, encodeKeyForProgram(forProcess, model?.applicationCursorKeys ?? false));
    }
    if (at >= 0 && sequence) {
      ctx.dispatch({ type: 'leaveInput' });
      const rest = input.slice(at + sequence.length);
      if (rest !== '') routeInput(rest, { ...ctx, state: uiReducer(state, { type: 'leaveInput' }) });
    }
    return;
  }
  // The leader twice (as in screen and tmux): the process gets one, and input mode goes on.
  if (state.leaderJustLeft) {
    const sequence = leaderSequence(keymap);
    if (sequence !== undefined && input === sequence && state.selected) {
      ctx.engine.write(state.selected, sequence);
      return ctx.dispatch({ type: 'setMode', mode: 'input' });
    }
    ctx.dispatch({ type: 'leaderDone' });
  }
  if (mouse) {
    if (state.mode === 'main' || state.mode === 'copy') onMouse(mouse, ctx);
    return;
  }
  const key = keyName(input);
  if (!key) {
    // Esc and the next key read together ("\x1bk") arrive as one unknown sequence: take them apart.
    if (input.length > 1 && input.startsWith('\x1b') && !input.startsWith('\x1b[') && !input.startsWith('\x1bO')) {
      let state = ctx.state;
      const dispatch = (action: UiAction) => {
        state = uiReducer(state, action);
        ctx.dispatch(action);
      };
      routeKey('\x1b', { ...ctx, dispatch });
      routeInput(input.slice(1), { ...ctx, state, dispatch });
    }
    return;
  }
  if (key === 'ctrl-z') return ctx.onSuspend();
  if (state.mode === 'search') return onSearchKey(key, input, ctx);
  const group = state.mode === 'copy' ? keymap.copy : state.mode === 'main' ? keymap.main : state.mode === 'timeline' ? keymap.timeline : keymap.overlay;
  const command = group.get(key);
  if (command) runCommand(command, ctx);
}

/**
 * In input mode a paste goes to the process, marked as a paste if it asked
 * for that; in a search it is typed into the query (its first line). Anywhere
 * else it is not taken as keys: a pasted "quit" must not stop everything.
 */
function routePaste(text: string, ctx: KeyRouterContext): void {
  const { state } = ctx;
  if (state.mode === 'input' && state.selected) {
    const model = ctx.models.get(state.selected);
    ctx.engine.write(state.selected, model?.bracketedPasteMode ? `${PASTE_START}${text}${PASTE_END}` : text);
  } else if (state.mode === 'search') {
    const line = (text.split(/\r\n|\r|\n/)[0] ?? '').replace(/[\x00-\x1f\x7f]/g, '');
    ctx.dispatch({ type: 'searchDraft', draft: state.search.draft + line });
  } else {
    ctx.dispatch({ type: 'notice', text: 'a paste goes to a process in input mode (Enter), or into a search (/)' });
  }
}

/** The bytes of the key that leaves input mode (Ctrl-a unless remapped). */
function leaderSequence(keymap: Keymap): string | undefined {
  const leader = [...keymap.input].find(([, id]) => id === 'input.leave')?.[0];
  return leader ? keySequence(leader) : undefined;
}

function onSearchKey(key: string, input: string, ctx: KeyRouterContext): void {
  const { draft } = ctx.state.search;
  if (key === 'escape') ctx.dispatch({ type: 'setMode', mode: 'main' });
  else if (key === 'enter') {
    ctx.dispatch({ type: 'searchCommit' });
    jumpToMatch(ctx, draft, 0);
  } else if (key === 'backspace') ctx.dispatch({ type: 'searchDraft', draft: [...draft].slice(0, -1).join('') });
  else if (key === 'space') ctx.dispatch({ type: 'searchDraft', draft: `${draft} ` });
  else if ([...input].length === 1 && input >= ' ') ctx.dispatch({ type: 'searchDraft', draft: draft + input });
}

/**
 * In input mode the mouse over the focused pane is the process's, if it asked
 * for mouse reports (at the cell under the pointer); otherwise the wheel
 * scrolls the pane as usual. Clicks elsewhere do nothing: the keys' target
 * stays the same.
 */
function onMouseInInput(mouse: MouseEvent, ctx: KeyRouterContext): void {
  const rect = ctx.layout.panes.get(ctx.state.focused);
  const model = ctx.state.selected ? ctx.models.get(ctx.state.selected) : undefined;
  if (!rect || !model) return;
  // The pane's text starts right of its rule and under its title.
  const col = mouse.x - rect.x - 1;
  const row = mouse.y - rect.y - 1;
  if (col < 0 || row < 0 || col >= rect.width - 1 || row >= rect.height - 1) return;
  if (model.sendMouse({ col, row, kind: mouse.kind, button: mouse.button })) return;
  if (mouse.kind === 'wheelUp' || mouse.kind === 'wheelDown') scrollBy(ctx, mouse.kind === 'wheelUp' ? -WHEEL_LINES : WHEEL_LINES);
}

function onMouse(mouse: MouseEvent, ctx: KeyRouterContext): void {
  const { layout } = ctx;
  const inSidebar = layout.sidebar !== null && mouse.x < layout.sidebar.width && mouse.y < layout.sidebar.height;
  if (inSidebar) {
    if (mouse.kind === 'wheelUp' || mouse.kind === 'wheelDown') {
      ctx.dispatch({ type: 'moveSelection', delta: mouse.kind === 'wheelUp' ? -1 : 1, rows: ctx.rows });
    } else if (mouse.kind === 'press' && mouse.button === 0 && mouse.y >= 1) {
      const visible = Math.max(1, (layout.sidebar?.height ?? 1) - 1);
      const lines = sidebarLines(sidebarRows(ctx.snapshot), layout.sidebar?.width ?? 0);
      const first = sidebarFirstRow(lines.length, Math.max(0, lines.findIndex((l) => l.row.key === ctx.state.selected && !l.note)), visible);
      const line = lines[first + mouse.y - 1];
      if (line) ctx.dispatch({ type: 'select', row: line.row.key });
    }
    return;
  }
  for (const [paneId, rect] of layout.panes) {
    if (mouse.x < rect.x || mouse.x >= rect.x + rect.width || mouse.y < rect.y || mouse.y >= rect.y + rect.height) continue;
    if (mouse.kind === 'wheelUp' || mouse.kind === 'wheelDown') scrollBy(ctx, mouse.kind === 'wheelUp' ? -WHEEL_LINES : WHEEL_LINES, paneId);
    else if (mouse.kind === 'press' && mouse.button === 0 && paneId !== ctx.state.focused) ctx.dispatch({ type: 'focusPane', id: paneId });
    return;
  }
}
