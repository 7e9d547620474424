import { closePane, MAX_PANES, paneIds, splitPane, type PaneTree } from './pane-layout.js';

/** What a pane shows: a sidebar row (an instance id, or `type:NAME` for a type scaled to 0). */
export interface PaneState {
  id: number;
  row: string | null;
  /** First line shown (the terminal model's stable line number), or null to follow the newest output. */
  top: number | null;
}

export type Mode = 'main' | 'input' | 'search' | 'copy' | 'help' | 'details' | 'timeline';

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
  /** Copy mode: lines of the focused pane (stable line numbers). */
  copy: { cursor: number; anchor: number | null };
  /** Input mode was just left with the leader key: pressing it again sends it to the process. */
  leaderJustLeft: boolean;
  revealSecrets: boolean;
  /** The timeline's chosen lane and mark (0 = the newest), its zoom, and whether the mark's details show. */
  timeline: { lane: number; mark: number; zoom: number; details: boolean };
  /** First line shown in the help or details overlay. */
  overlayScroll: number;
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
  | { type: 'leaveInput' }
  | { type: 'leaderDone' }
  | { type: 'searchDraft'; draft: string }
  | { type: 'searchCommit' }
  | { type: 'searchIndex'; index: number }
  | { type: 'searchClear' }
  | { type: 'copyStart'; line: number }
  | { type: 'copyMove'; line: number }
  | { type: 'copyMark' }
  | { type: 'toggleReveal' }
  | { type: 'overlayScroll'; delta: number }
  | { type: 'timeline'; lane?: number; mark?: number; zoom?: number; details?: boolean }
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
    leaderJustLeft: false,
    overlayScroll: 0,
    timeline: { lane: 0, mark: 0, zoom: 0, details: false },
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

/**
 * A row that survives a change of rows: the same one; else, of the same type,
 * the nearest lower-numbered instance (web.3 gone → web.2), else the first
 * (a type that went from 0 to some instances → web.1); else the first row.
 */
function survivor(row: string | null, rows: string[]): string | null {
  if (row !== null && rows.includes(row)) return row;
  if (row !== null) {
    const type = row.startsWith('type:') ? row.slice(5) : row.slice(0, row.lastIndexOf('.'));
    const number = row.startsWith('type:') ? 0 : Number(row.slice(row.lastIndexOf('.') + 1));
    const sameType = rows.filter((r) => r === `type:${type}` || r.startsWith(`${type}.`));
    const lower = sameType.filter((r) => !r.startsWith('type:') && Number(r.slice(r.lastIndexOf('.') + 1)) < number);
    const chosen = lower.at(-1) ?? sameType[0];
    if (chosen) return chosen;
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
    case 'timeline': {
      const next = { ...state.timeline, ...Object.fromEntries(Object.entries(action).filter(([key, value]) => key !== 'type' && value !== undefined)) };
      return { ...state, timeline: { lane: Math.max(0, next.lane), mark: Math.max(0, next.mark), zoom: Math.max(0, Math.min(12, next.zoom)), details: next.details } };
    }
    case 'overlayScroll':
      return { ...state, overlayScroll: Math.max(0, state.overlayScroll + action.delta) };
    case 'setMode':
      return { ...state, mode: action.mode, notice: null, overlayScroll: 0, leaderJustLeft: false, search: action.mode === 'search' ? { ...state.search, draft: '' } : state.search };
    case 'leaveInput':
      return { ...state, mode: 'main', notice: null, leaderJustLeft: true };
    case 'leaderDone':
      return state.leaderJustLeft ? { ...state, leaderJustLeft: false } : state;
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
      // Whether it stops or kills is the engine's to say (its quit phase); the screen shows the main view.
      return { ...state, mode: 'main' };
    case 'notice':
      return { ...state, notice: action.text };
  }
}

export { focusedPane };
