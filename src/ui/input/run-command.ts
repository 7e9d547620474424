import { UserError } from '../../config/index.js';
import type { EngineCommand } from '../../engine/index.js';
import type { TerminalModel } from '../../terminal/terminal-model.js';
import type { CommandId } from '../keys/commands.js';
import { paneInnerSize } from '../screen-layout.js';
import { rowType } from '../sidebar-rows.js';
import type { KeyRouterContext } from './route-input.js';

/** What each command does: the implementations behind the keymap's command ids. */

function focusedModel(ctx: KeyRouterContext): { model: TerminalModel; paneId: number; top: number | null; rows: number } | undefined {
  const pane = ctx.state.panes.find((p) => p.id === ctx.state.focused);
  const model = pane?.row ? ctx.models.get(pane.row) : undefined;
  const rect = ctx.layout.panes.get(ctx.state.focused);
  if (!pane || !model || !rect) return undefined;
  return { model, paneId: pane.id, top: pane.top, rows: paneInnerSize(rect).rows };
}

/** Scrolls a pane by `lines` (negative: back); reaching the bottom follows new output again. */
export function scrollBy(ctx: KeyRouterContext, lines: number, paneId = ctx.state.focused): void {
  const pane = ctx.state.panes.find((p) => p.id === paneId);
  const model = pane?.row ? ctx.models.get(pane.row) : undefined;
  if (!pane || !model) return;
  const bottom = model.clampTop(null);
  // At the bottom (or with nothing above it) the pane follows new output again.
  const top = Math.max(model.firstLine, model.clampTop(pane.top) + lines);
  ctx.dispatch({ type: 'scrollTo', paneId, top: top >= bottom ? null : top });
}

/** Shows match `index` (0 = the newest) of the committed search in the focused pane. */
export function jumpToMatch(ctx: KeyRouterContext, query: string, index: number): void {
  const focused = focusedModel(ctx);
  if (!focused || query === '') return;
  const matches = focused.model.search(query);
  if (matches.length === 0) {
    ctx.dispatch({ type: 'notice', text: `no match for "${query}"` });
    return;
  }
  const wrapped = ((index % matches.length) + matches.length) % matches.length;
  const match = matches[matches.length - 1 - wrapped];
  if (!match) return;
  ctx.dispatch({ type: 'searchIndex', index: wrapped });
  const top = Math.max(focused.model.firstLine, match.line - Math.floor(focused.rows / 2));
  ctx.dispatch({ type: 'scrollTo', paneId: focused.paneId, top: top >= focused.model.clampTop(null) ? null : top });
}

function selectedInstance(ctx: KeyRouterContext) {
  return ctx.snapshot.instances.find((i) => i.id === ctx.state.selected);
}

function report(ctx: KeyRouterContext, action: () => unknown): void {
  try {
    const result = action();
    if (result instanceof Promise) result.catch((error: unknown) => ctx.dispatch({ type: 'notice', text: messageOf(error) }));
  } catch (error) {
    ctx.dispatch({ type: 'notice', text: messageOf(error) });
  }
}

function messageOf(error: unknown): string {
  if (error instanceof UserError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

export function runCommand(id: CommandId, ctx: KeyRouterContext): void {
  const { state, dispatch, engine } = ctx;
  const command = (what: EngineCommand) => report(ctx, () => engine.command(what, 'screen'));
  const type = state.selected ? rowType(state.selected) : undefined;
  const instance = selectedInstance(ctx);
  switch (id) {
    case 'selection.next':
      return dispatch({ type: 'moveSelection', delta: 1, rows: ctx.rows });
    case 'selection.previous':
      return dispatch({ type: 'moveSelection', delta: -1, rows: ctx.rows });
    case 'process.scaleUp':
      if (type) command({ kind: 'scaleBy', processType: type, delta: 1 });
      return;
    case 'process.scaleDown':
      if (type) command({ kind: 'scaleBy', processType: type, delta: -1 });
      return;
    case 'process.restart':
      if (instance) command({ kind: 'restart', targets: [instance.id] });
      else dispatch({ type: 'notice', text: `${type} is scaled to 0: press + to start one` });
      return;
    case 'process.restartType':
      if (type) command({ kind: 'restart', targets: [type] });
      return;
    case 'process.toggleStop':
      if (!instance) return dispatch({ type: 'notice', text: `${type} is scaled to 0: press + to start one` });
      if (instance.state === 'running' || instance.state === 'starting') command({ kind: 'stop', targets: [instance.id] });
      else if (instance.state !== 'stopping') command({ kind: 'start', targets: [instance.id] });
      return;
    case 'pane.splitSideBySide':
      return dispatch({ type: 'split', direction: 'row', rows: ctx.rows });
    case 'pane.splitStacked':
      return dispatch({ type: 'split', direction: 'column', rows: ctx.rows });
    case 'pane.close':
      return dispatch({ type: 'closePane' });
    case 'pane.next':
      return dispatch({ type: 'nextPane' });
    case 'pane.zoom':
      return dispatch({ type: 'toggleZoom' });
    case 'scroll.pageUp':
    case 'scroll.pageDown': {
      const focused = focusedModel(ctx);
      if (focused) scrollBy(ctx, (id === 'scroll.pageUp' ? -1 : 1) * Math.max(1, focused.rows - 1));
      return;
    }
    case 'scroll.bottom':
      return dispatch({ type: 'scrollTo', paneId: state.focused, top: null });
    case 'search.start':
      return dispatch({ type: 'setMode', mode: 'search' });
    case 'search.next':
    case 'search.previous':
      if (state.search.query === '') return dispatch({ type: 'notice', text: 'no search yet: press / to search' });
      return jumpToMatch(ctx, state.search.query, state.search.index + (id === 'search.next' ? 1 : -1));
    case 'search.clear':
      return dispatch({ type: 'searchClear' });
    case 'copy.start': {
      const focused = focusedModel(ctx);
      if (!focused) return dispatch({ type: 'notice', text: `${type ?? 'this pane'} is scaled to 0: nothing to copy` });
      const top = focused.model.clampTop(focused.top);
      const cursor = focused.top === null ? top + focused.model.cursor.y : top + focused.rows - 1;
      return dispatch({ type: 'copyStart', line: Math.min(cursor, focused.model.lastLine) });
    }
    case 'copy.down':
    case 'copy.up': {
      const focused = focusedModel(ctx);
      if (!focused) return;
      const line = Math.max(focused.model.firstLine, Math.min(focused.model.lastLine, state.copy.cursor + (id === 'copy.down' ? 1 : -1)));
      dispatch({ type: 'copyMove', line });
      const top = focused.model.clampTop(focused.top);
      if (line < top) dispatch({ type: 'scrollTo', paneId: focused.paneId, top: line });
      else if (line >= top + focused.rows) scrollBy(ctx, line - (top + focused.rows) + 1);
      return;
    }
    case 'copy.mark':
      return dispatch({ type: 'copyMark' });
    case 'copy.yank': {
      const focused = focusedModel(ctx);
      if (!focused) return;
      const from = Math.min(state.copy.anchor ?? state.copy.cursor, state.copy.cursor);
      const to = Math.max(state.copy.anchor ?? state.copy.cursor, state.copy.cursor);
      const lines: string[] = [];
      for (let line = from; line <= to; line++) lines.push(focused.model.lineText(line));
      ctx.copyToClipboard(lines.join('\n'));
      dispatch({ type: 'setMode', mode: 'main' });
      return dispatch({ type: 'notice', text: `copied ${lines.length} line${lines.length === 1 ? '' : 's'} to the clipboard` });
    }
    case 'copy.cancel':
    case 'overlay.close':
      return dispatch({ type: 'setMode', mode: 'main' });
    case 'overlay.down':
    case 'overlay.up':
      return dispatch({ type: 'overlayScroll', delta: id === 'overlay.down' ? 5 : -5 });
    case 'details.reveal':
      if (state.mode === 'details') dispatch({ type: 'toggleReveal' });
      return;
    case 'view.details':
      // Details are an instance's: a type at 0 has none to show (and an empty overlay would still take the keys).
      if (!instance) return dispatch({ type: 'notice', text: `${type} is scaled to 0: press + to start one` });
      return dispatch({ type: 'setMode', mode: 'details' });
    case 'view.timeline': {
      // Open on the selected instance's lane, at its newest mark.
      const lanes = ctx.lanes();
      const lane = Math.max(0, lanes.findIndex((l) => l.id === state.selected));
      dispatch({ type: 'timeline', lane, mark: 0, details: false });
      return dispatch({ type: 'setMode', mode: 'timeline' });
    }
    case 'timeline.nextLane':
    case 'timeline.previousLane': {
      const count = ctx.lanes().length;
      const lane = Math.max(0, Math.min(count - 1, state.timeline.lane + (id === 'timeline.nextLane' ? 1 : -1)));
      return dispatch({ type: 'timeline', lane, mark: 0 });
    }
    case 'timeline.olderMark':
    case 'timeline.newerMark': {
      const marks = ctx.lanes()[state.timeline.lane]?.marks.length ?? 0;
      const mark = Math.max(0, Math.min(marks - 1, state.timeline.mark + (id === 'timeline.olderMark' ? 1 : -1)));
      return dispatch({ type: 'timeline', mark });
    }
    case 'timeline.zoomIn':
    case 'timeline.zoomOut':
      return dispatch({ type: 'timeline', zoom: state.timeline.zoom + (id === 'timeline.zoomIn' ? 1 : -1) });
    case 'timeline.details':
      return dispatch({ type: 'timeline', details: !state.timeline.details });
    case 'timeline.close':
      if (state.timeline.details) return dispatch({ type: 'timeline', details: false });
      return dispatch({ type: 'setMode', mode: 'main' });
    case 'view.help':
      return dispatch({ type: 'setMode', mode: 'help' });
    case 'input.start':
      if (instance && (instance.state === 'running' || instance.state === 'starting')) return dispatch({ type: 'setMode', mode: 'input' });
      return dispatch({ type: 'notice', text: 'select a running instance to type into it' });
    case 'input.leave':
      return dispatch({ type: 'setMode', mode: 'main' });
    case 'app.quit':
      dispatch({ type: 'quitRequested' });
      return ctx.onQuit();
  }
}
