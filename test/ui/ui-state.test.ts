import { describe, expect, it } from 'vitest';
import { initialUiState, uiReducer, type UiAction, type UiState } from '../../src/ui/state/ui-state.js';
import { paneIds } from '../../src/ui/state/pane-layout.js';

const ROWS = ['web.1', 'web.2', 'web.3', 'worker.1', 'clock.1'];

function run(state: UiState, ...actions: UiAction[]): UiState {
  return actions.reduce(uiReducer, state);
}

function paneRow(state: UiState, id: number): string | null | undefined {
  return state.panes.find((p) => p.id === id)?.row;
}

describe('the initial UI state', () => {
  it('selects the first row and shows it in a single focused pane', () => {
    const state = initialUiState(ROWS);
    expect(state.selected).toBe('web.1');
    expect(state.panes).toEqual([{ id: 1, row: 'web.1', top: null }]);
    expect(state.focused).toBe(1);
    expect(state.mode).toBe('main');
  });

  it('selects nothing when there are no rows', () => {
    const state = initialUiState([]);
    expect(state.selected).toBeNull();
    expect(state.panes[0]?.row).toBeNull();
  });
});

describe('moving the selection', () => {
  it.each([
    ['web.1', 1, 'web.2'],
    ['web.1', 3, 'worker.1'],
    ['web.2', -1, 'web.1'],
    ['web.1', -1, 'web.1'],
    ['clock.1', 1, 'clock.1'],
    ['web.2', 100, 'clock.1'],
    ['worker.1', -100, 'web.1'],
  ])('from %s by %i selects %s, clamped to the list', (from, delta, to) => {
    const state = run(initialUiState(ROWS), { type: 'select', row: from }, { type: 'moveSelection', delta, rows: ROWS });
    expect(state.selected).toBe(to);
  });

  it('points the focused pane at the newly selected row and follows its newest output', () => {
    const scrolled = run(initialUiState(ROWS), { type: 'scrollTo', paneId: 1, top: 40 });
    const state = uiReducer(scrolled, { type: 'moveSelection', delta: 1, rows: ROWS });
    expect(state.panes[0]).toEqual({ id: 1, row: 'web.2', top: null });
  });

  it('keeps the pane scrolled when the selection does not move', () => {
    const scrolled = run(initialUiState(ROWS), { type: 'scrollTo', paneId: 1, top: 40 });
    const state = uiReducer(scrolled, { type: 'moveSelection', delta: -1, rows: ROWS });
    expect(state.panes[0]).toEqual({ id: 1, row: 'web.1', top: 40 });
  });

  it('starts from the first row when nothing was selected', () => {
    const state = uiReducer(initialUiState([]), { type: 'moveSelection', delta: 1, rows: ROWS });
    expect(state.selected).toBe('web.1');
  });

  it('does nothing when there are no rows', () => {
    const before = initialUiState(ROWS);
    expect(uiReducer(before, { type: 'moveSelection', delta: 1, rows: [] })).toBe(before);
  });
});

describe('selecting a row', () => {
  it('points the focused pane, and only it, at the row', () => {
    const split = run(initialUiState(ROWS), { type: 'split', direction: 'row', rows: ROWS });
    expect(split.focused).toBe(2);
    const state = uiReducer(split, { type: 'select', row: 'clock.1' });
    expect(state.selected).toBe('clock.1');
    expect(paneRow(state, 2)).toBe('clock.1');
    expect(paneRow(state, 1)).toBe('web.1');
  });
});

describe('splitting panes', () => {
  it('shows the first row not yet shown in the new pane and focuses it', () => {
    const state = uiReducer(initialUiState(ROWS), { type: 'split', direction: 'row', rows: ROWS });
    expect(state.panes.map((p) => p.row)).toEqual(['web.1', 'web.2']);
    expect(state.focused).toBe(2);
    expect(state.selected).toBe('web.2');
    expect(paneIds(state.tree)).toEqual([1, 2]);
  });

  it('skips every row already shown in some pane', () => {
    const state = run(
      initialUiState(ROWS),
      { type: 'select', row: 'web.2' },
      { type: 'split', direction: 'row', rows: ROWS },
      { type: 'split', direction: 'column', rows: ROWS },
    );
    expect(state.panes.map((p) => p.row)).toEqual(['web.2', 'web.1', 'web.3']);
  });

  it('shows the selected row again when every row is already shown', () => {
    const rows = ['web.1', 'web.2'];
    const state = run(initialUiState(rows), { type: 'split', direction: 'row', rows }, { type: 'split', direction: 'row', rows });
    expect(state.panes.map((p) => p.row)).toEqual(['web.1', 'web.2', 'web.2']);
  });

  it('allows up to 4 panes; a 5th split leaves the panes alone and gives a notice', () => {
    const split: UiAction = { type: 'split', direction: 'row', rows: ROWS };
    const four = run(initialUiState(ROWS), split, split, split);
    expect(four.panes).toHaveLength(4);
    expect(four.notice).toBeNull();
    const five = uiReducer(four, split);
    expect(five.panes).toEqual(four.panes);
    expect(five.tree).toEqual(four.tree);
    expect(five.focused).toBe(four.focused);
    expect(five.notice).toMatch(/4 panes/);
  });

  it('unzooms, so the new pane can be seen', () => {
    const state = run(initialUiState(ROWS), { type: 'toggleZoom' }, { type: 'split', direction: 'row', rows: ROWS });
    expect(state.zoomed).toBe(false);
  });

  it('gives every new pane a fresh id', () => {
    const split: UiAction = { type: 'split', direction: 'column', rows: ROWS };
    const state = run(initialUiState(ROWS), split, { type: 'closePane' }, split);
    expect(state.panes.map((p) => p.id)).toEqual([1, 3]);
  });
});

describe('closing panes', () => {
  it('keeps the last pane and says so', () => {
    const before = initialUiState(ROWS);
    const state = uiReducer(before, { type: 'closePane' });
    expect(state.panes).toEqual(before.panes);
    expect(state.tree).toEqual(before.tree);
    expect(state.notice).not.toBeNull();
  });

  it('focuses the pane before the closed last one, and selects its row', () => {
    const state = run(initialUiState(ROWS), { type: 'split', direction: 'row', rows: ROWS }, { type: 'closePane' });
    expect(state.panes.map((p) => p.id)).toEqual([1]);
    expect(state.tree).toEqual({ kind: 'pane', id: 1 });
    expect(state.focused).toBe(1);
    expect(state.selected).toBe('web.1');
  });

  it('focuses the pane that took the closed one\'s place in the middle', () => {
    const split: UiAction = { type: 'split', direction: 'row', rows: ROWS };
    const three = run(initialUiState(ROWS), split, split, { type: 'focusPane', id: 2 });
    expect(paneIds(three.tree)).toEqual([1, 2, 3]);
    const state = uiReducer(three, { type: 'closePane' });
    expect(paneIds(state.tree)).toEqual([1, 3]);
    expect(state.focused).toBe(3);
    expect(state.selected).toBe('web.3');
  });

  it('focuses the new first pane when the first is closed', () => {
    const state = run(initialUiState(ROWS), { type: 'split', direction: 'row', rows: ROWS }, { type: 'focusPane', id: 1 }, { type: 'closePane' });
    expect(state.focused).toBe(2);
    expect(state.selected).toBe('web.2');
  });

  it('unzooms', () => {
    const state = run(initialUiState(ROWS), { type: 'split', direction: 'row', rows: ROWS }, { type: 'toggleZoom' }, { type: 'closePane' });
    expect(state.zoomed).toBe(false);
  });
});

describe('cycling panes', () => {
  it('moves focus through the panes in layout order and back to the first, the selection following', () => {
    const split: UiAction = { type: 'split', direction: 'row', rows: ROWS };
    let state = run(initialUiState(ROWS), split, split);
    const seen: Array<[number, string | null]> = [];
    for (let i = 0; i < 4; i++) {
      state = uiReducer(state, { type: 'nextPane' });
      seen.push([state.focused, state.selected]);
    }
    expect(seen).toEqual([
      [1, 'web.1'],
      [2, 'web.2'],
      [3, 'web.3'],
      [1, 'web.1'],
    ]);
  });

  it('follows the tree order, not the order panes were made', () => {
    // Pane 3 splits pane 1, so the layout order is 1, 3, 2.
    const state = run(
      initialUiState(ROWS),
      { type: 'split', direction: 'row', rows: ROWS },
      { type: 'focusPane', id: 1 },
      { type: 'split', direction: 'row', rows: ROWS },
    );
    expect(state.focused).toBe(3);
    expect(uiReducer(state, { type: 'nextPane' }).focused).toBe(2);
  });

  it('stays on the only pane', () => {
    const state = uiReducer(initialUiState(ROWS), { type: 'nextPane' });
    expect(state.focused).toBe(1);
    expect(state.selected).toBe('web.1');
  });
});

describe('when the rows change', () => {
  it.each([
    ['a surviving row stays', 'worker.1', ['web.1', 'worker.1'], 'worker.1'],
    ['web.3 removed goes to web.2', 'web.3', ['web.1', 'web.2', 'worker.1', 'clock.1'], 'web.2'],
    ['a type scaled to 0 goes to its type row', 'web.2', ['type:web', 'worker.1', 'clock.1'], 'type:web'],
    ['a type row scaled back up goes to an instance', 'type:web', ['web.1', 'worker.1'], 'web.1'],
    ['no row of the same type goes to the first row', 'clock.1', ['web.1', 'worker.1'], 'web.1'],
    ['a type is not confused with one sharing its prefix', 'web.1', ['webhook.1', 'worker.1'], 'webhook.1'],
  ])('%s', (_name, selected, rows, expected) => {
    const state = run(initialUiState(ROWS), { type: 'select', row: selected }, { type: 'rowsChanged', rows });
    expect(state.selected).toBe(expected);
    expect(state.panes[0]?.row).toBe(expected);
  });

  it('prefers the nearest remaining instance of the same type: web.2 removed from web.1..3 goes to web.1 or web.3', () => {
    const state = run(initialUiState(ROWS), { type: 'select', row: 'web.2' }, { type: 'rowsChanged', rows: ['web.1', 'web.3', 'worker.1'] });
    expect(['web.1', 'web.3']).toContain(state.selected);
  });

  it('selects nothing when no rows are left', () => {
    const state = uiReducer(initialUiState(ROWS), { type: 'rowsChanged', rows: [] });
    expect(state.selected).toBeNull();
    expect(state.panes[0]?.row).toBeNull();
  });

  it('moves each pane on its own, and resets the scroll only of panes whose row went away', () => {
    const state = run(
      initialUiState(ROWS),
      { type: 'select', row: 'web.3' },
      { type: 'split', direction: 'row', rows: ROWS },
      { type: 'select', row: 'worker.1' },
      { type: 'scrollTo', paneId: 1, top: 5 },
      { type: 'scrollTo', paneId: 2, top: 7 },
      { type: 'rowsChanged', rows: ['web.1', 'web.2', 'worker.1'] },
    );
    expect(state.panes).toEqual([
      { id: 1, row: 'web.2', top: null },
      { id: 2, row: 'worker.1', top: 7 },
    ]);
    expect(state.selected).toBe('worker.1');
  });
});

describe('search', () => {
  it('keeps the draft while typing, without touching the committed query', () => {
    const state = run(
      initialUiState(ROWS),
      { type: 'setMode', mode: 'search' },
      { type: 'searchDraft', draft: 'err' },
      { type: 'searchCommit' },
      { type: 'setMode', mode: 'search' },
      { type: 'searchDraft', draft: 'warn' },
    );
    expect(state.search).toEqual({ draft: 'warn', query: 'err', index: 0 });
    expect(state.mode).toBe('search');
  });

  it('starts every search with an empty draft', () => {
    const state = run(initialUiState(ROWS), { type: 'setMode', mode: 'search' }, { type: 'searchDraft', draft: 'abc' }, { type: 'setMode', mode: 'main' }, { type: 'setMode', mode: 'search' });
    expect(state.search.draft).toBe('');
  });

  it('commits the draft as the query, from the first match, and goes back to the main screen', () => {
    const state = run(
      initialUiState(ROWS),
      { type: 'setMode', mode: 'search' },
      { type: 'searchDraft', draft: 'timeout' },
      { type: 'searchIndex', index: 4 },
      { type: 'searchCommit' },
    );
    expect(state.search).toEqual({ draft: '', query: 'timeout', index: 0 });
    expect(state.mode).toBe('main');
  });

  it('moves between matches by index', () => {
    const state = run(initialUiState(ROWS), { type: 'searchDraft', draft: 'x' }, { type: 'searchCommit' }, { type: 'searchIndex', index: 3 });
    expect(state.search.index).toBe(3);
  });

  it('clears the query, the draft, the index and the notice', () => {
    const state = run(
      initialUiState(ROWS),
      { type: 'searchDraft', draft: 'x' },
      { type: 'searchCommit' },
      { type: 'searchIndex', index: 2 },
      { type: 'notice', text: '3 matches' },
      { type: 'searchClear' },
    );
    expect(state.search).toEqual({ draft: '', query: '', index: 0 });
    expect(state.notice).toBeNull();
  });
});

describe('copy mode', () => {
  it('starts at a line with no mark', () => {
    const state = uiReducer(initialUiState(ROWS), { type: 'copyStart', line: 120 });
    expect(state.mode).toBe('copy');
    expect(state.copy).toEqual({ cursor: 120, anchor: null });
  });

  it('moves the cursor and leaves the mark where it was set', () => {
    const state = run(
      initialUiState(ROWS),
      { type: 'copyStart', line: 120 },
      { type: 'copyMove', line: 118 },
      { type: 'copyMark' },
      { type: 'copyMove', line: 125 },
    );
    expect(state.copy).toEqual({ cursor: 125, anchor: 118 });
  });

  it('restarts the mark at the cursor when marked again', () => {
    const state = run(initialUiState(ROWS), { type: 'copyStart', line: 10 }, { type: 'copyMark' }, { type: 'copyMove', line: 14 }, { type: 'copyMark' });
    expect(state.copy).toEqual({ cursor: 14, anchor: 14 });
  });

  it('forgets an earlier mark when copy mode starts again', () => {
    const state = run(initialUiState(ROWS), { type: 'copyStart', line: 10 }, { type: 'copyMark' }, { type: 'setMode', mode: 'main' }, { type: 'copyStart', line: 30 });
    expect(state.copy).toEqual({ cursor: 30, anchor: null });
  });
});

describe('quitting', () => {
  it('goes back to the main screen (how many quits there were is the engine\'s to count)', () => {
    const once = run(initialUiState(ROWS), { type: 'setMode', mode: 'help' }, { type: 'quitRequested' });
    expect(once.mode).toBe('main');
    expect(uiReducer(once, { type: 'quitRequested' }).mode).toBe('main');
  });
});

describe('overlay scrolling', () => {
  it.each([
    [[3], 3],
    [[3, -1], 2],
    [[-1], 0],
    [[2, -5], 0],
    [[2, -5, 1], 1],
  ])('scrolling by %j ends at %i, never above the top', (deltas, expected) => {
    const state = run(initialUiState(ROWS), ...deltas.map((delta): UiAction => ({ type: 'overlayScroll', delta })));
    expect(state.overlayScroll).toBe(expected);
  });

  it('starts again at the top when the mode changes', () => {
    const state = run(initialUiState(ROWS), { type: 'setMode', mode: 'help' }, { type: 'overlayScroll', delta: 7 }, { type: 'setMode', mode: 'details' });
    expect(state.overlayScroll).toBe(0);
    expect(state.mode).toBe('details');
  });

  it('clears the notice when the mode changes', () => {
    const state = run(initialUiState(ROWS), { type: 'notice', text: 'copied 3 lines' }, { type: 'setMode', mode: 'help' });
    expect(state.notice).toBeNull();
  });
});

describe('zoom, scroll and reveal', () => {
  it('toggles zoom', () => {
    const once = uiReducer(initialUiState(ROWS), { type: 'toggleZoom' });
    expect(once.zoomed).toBe(true);
    expect(uiReducer(once, { type: 'toggleZoom' }).zoomed).toBe(false);
  });

  it('scrolls only the named pane', () => {
    const state = run(initialUiState(ROWS), { type: 'split', direction: 'row', rows: ROWS }, { type: 'scrollTo', paneId: 1, top: 12 });
    expect(state.panes.map((p) => p.top)).toEqual([12, null]);
  });

  it('toggles revealing secrets', () => {
    const once = uiReducer(initialUiState(ROWS), { type: 'toggleReveal' });
    expect(once.revealSecrets).toBe(true);
    expect(uiReducer(once, { type: 'toggleReveal' }).revealSecrets).toBe(false);
  });
});
