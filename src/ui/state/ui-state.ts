import { closePane, MAX_PANES, paneIds, splitPane, type PaneTree } from './pane-layout.js';

/** What a pane shows: a sidebar row (an instance id, or `type:NAME` for a type scaled to 0). */
export interface PaneState {
  id: number;
  row: string | null;
  /** Absolute first line shown, or null to follow the newest output. */
  top: number | null;
}

export type Mode = 'main' | 'input' | 'search' | 'copy' | 'help' | 'details';

export interface UiState {
  selected: string | null;
  panes: PaneState[];
  tree: PaneTree;
  focused: number;
  nextPaneId: number;
  zoomed: boolean;
  mode: Mode;
  /** `draft` is being typed; `query` is the committed search; `index` counts matches from the newest. */
  search: { draft: string; query: string; index: number };
  /** Copy mode: absolute lines of the focused pane. */
  copy: { cursor: number; anchor: number | null };
  revealSecrets: boolean;
  /** First line shown in the help or details overlay. */
  overlayScroll: number;
  /** How many times quit was asked: 1 stops gracefully, 2 kills. */
  quitRequests: number;
  /** A short message for the hint bar (e.g. "copied 3 lines"). */
  notice: string | null;
}

export type UiAction =
  | { type: 'rowsChanged'; rows: string[] }
  | { type: 'select'; row: string }
  | { type: 'moveSelection'; delta: number; rows: string[] }
  | { type: 'split'; direction: 'row' | 'column'; rows: string[] }
  | { type: 'closePane' }
  | { type: 'nextPane' }
  | { type: 'focusPane'; id: number }
  | { type: 'toggleZoom' }
  | { type: 'scrollTo'; paneId: number; top: number | null }
  | { type: 'setMode'; mode: Mode }
  | { type: 'searchDraft'; draft: string }
  | { type: 'searchCommit' }
  | { type: 'searchIndex'; index: number }
  | { type: 'searchClear' }
  | { type: 'copyStart'; line: number }
  | { type: 'copyMove'; line: number }
  | { type: 'copyMark' }
  | { type: 'toggleReveal' }
  | { type: 'overlayScroll'; delta: number }
  | { type: 'quitRequested' }
  | { type: 'notice'; text: string | null };

export function initialUiState(rows: string[]): UiState {
  const first = rows[0] ?? null;
  return {
    selected: first,
    panes: [{ id: 1, row: first, top: null }],
    tree: { kind: 'pane', id: 1 },
    focused: 1,
    nextPaneId: 2,
    zoomed: false,
    mode: 'main',
    search: { draft: '', query: '', index: 0 },
    copy: { cursor: 0, anchor: null },
    revealSecrets: false,
    overlayScroll: 0,
    quitRequests: 0,
    notice: null,
  };
}

function focusedPane(state: UiState): PaneState | undefined {
  return state.panes.find((p) => p.id === state.focused);
}

/** Points the focused pane at `row`, which becomes the selection; a new row starts following its output. */
function showInFocused(state: UiState, row: string | null): UiState {
  return {
    ...state,
    selected: row,
    panes: state.panes.map((p) => (p.id === state.focused && p.row !== row ? { ...p, row, top: null } : p)),
  };
}

/** A row that survives a change of rows: the same one, else the nearest of the same type, else the first. */
function survivor(row: string | null, rows: string[]): string | null {
  if (row !== null && rows.includes(row)) return row;
  if (row !== null) {
    const type = row.startsWith('type:') ? row.slice(5) : row.slice(0, row.lastIndexOf('.'));
    const sameType = rows.filter((r) => r === `type:${type}` || r.startsWith(`${type}.`));
    if (sameType.length > 0) return sameType[sameType.length - 1] ?? null;
  }
  return rows[0] ?? null;
}

/** The UI's own state (selection, panes, modes); pure, so it is tested without a terminal. */
export function uiReducer(state: UiState, action: UiAction): UiState {
  switch (action.type) {
    case 'rowsChanged': {
      const panes = state.panes.map((p) => {
        const row = survivor(p.row, action.rows);
        return row === p.row ? p : { ...p, row, top: null };
      });
      return { ...state, selected: survivor(state.selected, action.rows), panes };
    }
    case 'select':
      return showInFocused(state, action.row);
    case 'moveSelection': {
      if (action.rows.length === 0) return state;
      const at = state.selected === null ? -1 : action.rows.indexOf(state.selected);
      const next = Math.max(0, Math.min(action.rows.length - 1, at + action.delta));
      return showInFocused(state, action.rows[next] ?? null);
    }
    case 'split': {
      if (state.panes.length >= MAX_PANES) return { ...state, notice: `at most ${MAX_PANES} panes` };
      const shown = new Set(state.panes.map((p) => p.row));
      const row = action.rows.find((r) => !shown.has(r)) ?? state.selected;
      const id = state.nextPaneId;
      return {
        ...state,
        tree: splitPane(state.tree, state.focused, action.direction, id),
        panes: [...state.panes, { id, row, top: null }],
        focused: id,
        nextPaneId: id + 1,
        selected: row,
        zoomed: false,
      };
    }
    case 'closePane': {
      if (state.panes.length <= 1) return { ...state, notice: 'the last pane stays' };
      const tree = closePane(state.tree, state.focused) as PaneTree;
      const order = paneIds(state.tree);
      const at = order.indexOf(state.focused);
      const remaining = paneIds(tree);
      const focused = remaining[Math.min(at, remaining.length - 1)] as number;
      const panes = state.panes.filter((p) => p.id !== state.focused);
      return { ...state, tree, panes, focused, selected: panes.find((p) => p.id === focused)?.row ?? state.selected, zoomed: false };
    }
    case 'nextPane': {
      const order = paneIds(state.tree);
      const focused = order[(order.indexOf(state.focused) + 1) % order.length] as number;
      return { ...state, focused, selected: state.panes.find((p) => p.id === focused)?.row ?? state.selected };
    }
    case 'focusPane':
      return { ...state, focused: action.id, selected: state.panes.find((p) => p.id === action.id)?.row ?? state.selected };
    case 'toggleZoom':
      return { ...state, zoomed: !state.zoomed };
    case 'scrollTo':
      return { ...state, panes: state.panes.map((p) => (p.id === action.paneId ? { ...p, top: action.top } : p)) };
    case 'overlayScroll':
      return { ...state, overlayScroll: Math.max(0, state.overlayScroll + action.delta) };
    case 'setMode':
      return { ...state, mode: action.mode, notice: null, overlayScroll: 0, search: action.mode === 'search' ? { ...state.search, draft: '' } : state.search };
    case 'searchDraft':
      return { ...state, search: { ...state.search, draft: action.draft } };
    case 'searchCommit':
      return { ...state, mode: 'main', search: { draft: '', query: state.search.draft, index: 0 } };
    case 'searchClear':
      return { ...state, search: { draft: '', query: '', index: 0 }, notice: null };
    case 'searchIndex':
      return { ...state, search: { ...state.search, index: action.index } };
    case 'copyStart':
      return { ...state, mode: 'copy', copy: { cursor: action.line, anchor: null } };
    case 'copyMove':
      return { ...state, copy: { ...state.copy, cursor: action.line } };
    case 'copyMark':
      return { ...state, copy: { ...state.copy, anchor: state.copy.cursor } };
    case 'toggleReveal':
      return { ...state, revealSecrets: !state.revealSecrets };
    case 'quitRequested':
      return { ...state, quitRequests: state.quitRequests + 1, mode: 'main' };
    case 'notice':
      return { ...state, notice: action.text };
  }
}

export { focusedPane };
