import { Box, Text, useStdout } from 'ink';
import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef } from 'react';
import type { AppConfig } from '../config/index.js';
import { remoteNotice, type EngineDoor } from '../engine/index.js';
import type { FrameScheduler } from '../terminal/frame-scheduler.js';
import type { ModelRegistry } from '../terminal/model-registry.js';
import type { Highlight } from '../terminal/sgr.js';
import { DetailsOverlay } from './components/DetailsOverlay.js';
import { HelpOverlay } from './components/HelpOverlay.js';
import { HintBar, type HintBarProps } from './components/HintBar.js';
import { Pane } from './components/Pane.js';
import { Sidebar } from './components/Sidebar.js';
import { Timeline } from './components/Timeline.js';
import { buildLanes } from './timeline/timeline-model.js';
import { useFrame } from './hooks/use-frame.js';
import { routeInput } from './input/route-input.js';
import { useRawInput } from './hooks/use-raw-input.js';
import { useScreenSize } from './hooks/use-screen-size.js';
import { useEngineSnapshot } from './hooks/use-engine-snapshot.js';
import type { CommandId } from './keys/commands.js';
import { hintItems, keysLabel } from './keys/help-text.js';
import type { Keymap } from './keys/keymap.js';
import { MIN_COLUMNS, MIN_ROWS, paneInnerSize, screenLayout, tooSmall } from './screen-layout.js';
import { nextLabelChange, sidebarRows, timeLeft } from './sidebar-rows.js';
import { initialUiState, uiReducer, type UiAction } from './state/ui-state.js';
import { STATE_GLYPHS } from './theme.js';

export interface AppProps {
  app: AppConfig;
  engine: EngineDoor;
  models: ModelRegistry;
  scheduler: FrameScheduler;
  keymap: Keymap;
  keysOf: Record<CommandId, string[]>;
  /** Quit: stop everything gracefully; asked again, kill at once. */
  onQuit(): void;
  onSuspend(): void;
  /** Filled in with a function that writes the whole frame again (after `fg`, onto a blank alternate screen). */
  redrawHandle?: { redraw?: () => void };
  copyToClipboard(text: string): void;
  now?: () => number;
}

/** The whole screen: sidebar, panes, hint bar and overlays. State lives in the reducer and the engine. */
export function App(props: AppProps) {
  const { engine, models, scheduler, keymap, keysOf } = props;
  const { snapshot } = useEngineSnapshot(engine);
  const frame = useFrame(scheduler);
  const screen = useScreenSize();
  const rows = useMemo(() => sidebarRows(snapshot), [snapshot]);
  const rowKeys = useMemo(() => rows.map((r) => r.key), [rows]);
  const rowSignature = rowKeys.join('\n');
  const [storedState, dispatch] = useReducer(uiReducer, rowKeys, initialUiState);
  // Rows come and go with the engine's events; the frame that shows a change already
  // shows the selection and the panes moved to surviving rows (the effect below stores it).
  const state = useMemo(() => uiReducer(storedState, { type: 'rowsChanged', rows: rowKeys }), [storedState, rowKeys]);
  const now = (props.now ?? Date.now)();

  useEffect(() => dispatch({ type: 'rowsChanged', rows: rowSignature === '' ? [] : rowSignature.split('\n') }), [rowSignature]);

  // What another shell or an agent did is said on the screen, not only seen in its effect.
  useEffect(
    () =>
      engine.subscribe((event) => {
        const notice = event ? remoteNotice(event) : null;
        if (notice) dispatch({ type: 'notice', text: notice });
      }),
    [engine],
  );

  // Ink writes a frame only when it differs from the last one; its stdout write puts the last one back.
  const { write } = useStdout();
  useEffect(() => {
    if (props.redrawHandle) props.redrawHandle.redraw = () => write('');
  }, [props.redrawHandle, write]);

  const layout = screenLayout(screen.columns, screen.rows, state.tree, state.zoomed ? state.focused : null);
  const shownPanes = state.panes.filter((p) => layout.panes.has(p.id));

  // Each shown instance's terminal model and pty take the size of its pane.
  const sizing = shownPanes.map((p) => `${p.row}:${JSON.stringify(layout.panes.get(p.id))}`).join('|');
  useEffect(() => {
    for (const pane of shownPanes) {
      const rect = layout.panes.get(pane.id);
      if (!rect || !pane.row || pane.row.startsWith('type:')) continue;
      const { cols, rows: height } = paneInnerSize(rect);
      models.modelFor(pane.row).resize(cols, height);
      engine.resize(pane.row, cols, height);
    }
    const focusedRect = layout.panes.get(state.focused);
    if (focusedRect) {
      const { cols, rows: height } = paneInnerSize(focusedRect);
      engine.setDefaultSize(cols, height);
    }
    // `sizing` captures every input of this effect.
  }, [sizing]);

  useEffect(() => {
    models.setVisible(shownPanes.flatMap((p) => (p.row && !p.row.startsWith('type:') ? [p.row] : [])));
  });

  // Uptimes and countdowns change on their own: ask for a frame when the next label does.
  useEffect(() => {
    const next = nextLabelChange(snapshot.instances, Date.now());
    if (next !== null) scheduler.wakeAtTime(next);
  });

  // Input events can come several before the next render (wheel notches, keys read together):
  // each must see the state the ones before it left, not the last render's.
  const live = useRef(state);
  useLayoutEffect(() => {
    live.current = state;
  });
  const paste = useRef<{ text: string | null }>({ text: null });
  const liveDispatch = useCallback((action: UiAction) => {
    live.current = uiReducer(live.current, action);
    dispatch(action);
  }, []);

  useRawInput((input) =>
    routeInput(input, {
      state: live.current,
      dispatch: liveDispatch,
      engine,
      snapshot,
      models,
      keymap,
      rows: rowKeys,
      layout,
      onQuit: props.onQuit,
      onSuspend: props.onSuspend,
      copyToClipboard: props.copyToClipboard,
      lanes: () => buildLanes(engine.events(), props.app.types.map((t) => t.name)),
      paste: paste.current,
    }),
  );

  const query = state.search.query;
  const matches = useMemo(() => {
    if (query === '') return null;
    const counts = new Map<string, number>();
    for (const row of rowKeys) {
      const model = models.get(row);
      if (model) counts.set(row, model.search(query).length);
    }
    return counts;
    // Recounted each frame: new output changes the counts.
  }, [query, rowKeys, frame, models]);

  const shownRows = new Set(shownPanes.map((p) => p.row));
  const unseen = new Set(rowKeys.filter((row) => !shownRows.has(row) && models.hasUnseenOutput(row)));
  const formation = new Map(snapshot.formation.map((f) => [f.processType, f.count]));

  const panes = shownPanes.map((pane) => {
    const rect = layout.panes.get(pane.id);
    if (!rect) return null;
    const focused = pane.id === state.focused;
    const instance = snapshot.instances.find((i) => i.id === pane.row);
    const model = instance ? models.get(instance.id) : undefined;
    const { rows: height } = paneInnerSize(rect);
    let content: readonly string[] = [];
    let status = '';
    if (model) {
      const top = model.clampTop(pane.top);
      const all = query !== '' ? model.search(query) : [];
      const current = focused && all.length > 0 ? all[all.length - 1 - state.search.index] : undefined;
      const copying = focused && state.mode === 'copy';
      const from = Math.min(state.copy.anchor ?? state.copy.cursor, state.copy.cursor);
      const to = Math.max(state.copy.anchor ?? state.copy.cursor, state.copy.cursor);
      const highlightsFor = (line: number): Highlight[] => {
        if (copying && line >= from && line <= to) return [{ start: 0, end: model.cols, kind: 'selection' }];
        return all.filter((m) => m.line === line).map((m) => ({ start: m.start, end: m.end, kind: m === current ? 'current' : 'match' }));
      };
      // Without highlights to draw, the model can hand back the rows it drew last time.
      content = model.viewport(pane.top, { ...(all.length > 0 || copying ? { highlightsFor } : {}), showCursor: focused && state.mode === 'input' });
      const behind = model.clampTop(null) - top;
      if (focused && query !== '' && all.length > 0) status += `/${query} ${state.search.index + 1}/${all.length} `;
      if (behind > 0) status += `↑${behind} `;
    } else if (pane.row?.startsWith('type:')) {
      content = [` ${pane.row.slice(5)} is scaled to 0.`, ` Press ${keysLabel(keysOf, 'process.scaleUp')} to start an instance.`];
    }
    // Until the model has taken the pane's size (an effect after this render), show what fits.
    if (content.length > height) content = content.slice(0, height);
    if (content.length < height) content = [...content, ...new Array<string>(height - content.length).fill('')];
    const glyph = instance ? STATE_GLYPHS[instance.state].glyph : '';
    const warning = instance?.portConflict ?? instance?.gaveUp;
    const title = instance ? ` ${instance.id} ${glyph} :${instance.port}${warning ? ` · ${warning}` : ''}` : ` ${pane.row?.slice(5) ?? ''}`;
    return (
      <Box key={pane.id} position="absolute" marginLeft={rect.x} marginTop={rect.y}>
        <Pane width={rect.width} height={rect.height} title={title} status={status} focused={focused && state.panes.length > 1} inputMode={focused && state.mode === 'input'} rows={content} />
      </Box>
    );
  });

  const active = snapshot.instances.filter((i) => i.pid !== null).length;
  let hint: HintBarProps['content'] = { kind: 'hints', items: hintItems(keysOf) };
  if (engine.quitting) {
    const killAt = Math.min(...snapshot.instances.flatMap((i) => (i.killAt !== null && i.killAt > now ? [i.killAt] : [])));
    const killIn = Number.isFinite(killAt) ? timeLeft(killAt, now) : null;
    hint = { kind: 'quitting', remaining: active, force: keysLabel(keysOf, 'app.quit'), killIn };
  }
  else if (state.mode === 'input') hint = { kind: 'input', target: state.selected ?? '', leave: keysLabel(keysOf, 'input.leave') };
  else if (state.mode === 'search') hint = { kind: 'search', draft: state.search.draft };
  else if (state.mode === 'copy') hint = { kind: 'copy', lines: Math.abs(state.copy.cursor - (state.copy.anchor ?? state.copy.cursor)) + 1 };

  const selectedInstance = snapshot.instances.find((i) => i.id === state.selected);
  if (tooSmall(screen.columns, screen.rows)) {
    // One line, cut to the width: anything wider would wrap and scroll the screen. Keys still work.
    return (
      <Text wrap="truncate">{`too small (${screen.columns}×${screen.rows} < ${MIN_COLUMNS}×${MIN_ROWS}) · ${keysLabel(keysOf, 'app.quit')} quits`}</Text>
    );
  }
  if (state.mode === 'timeline') {
    const events = engine.events();
    return (
      <Box width={screen.columns} height={layout.height} flexDirection="column">
        <Timeline lanes={buildLanes(events, props.app.types.map((t) => t.name))} lane={state.timeline.lane} mark={state.timeline.mark} zoom={state.timeline.zoom} details={state.timeline.details} start={events[0]?.at ?? now} now={now} width={screen.columns} height={layout.height - 1} />
        <HintBar width={layout.hintBar.width} content={{ kind: 'timeline', keys: `${keysLabel(keysOf, 'timeline.previousLane')} ${keysLabel(keysOf, 'timeline.nextLane')} lane · ${keysLabel(keysOf, 'timeline.olderMark')} ${keysLabel(keysOf, 'timeline.newerMark')} mark · ${keysLabel(keysOf, 'timeline.zoomIn')} ${keysLabel(keysOf, 'timeline.zoomOut')} zoom · ${keysLabel(keysOf, 'timeline.details')} details · ${keysLabel(keysOf, 'timeline.close')} close` }} notice={state.notice} />
      </Box>
    );
  }
  return (
    <Box width={screen.columns} height={layout.height} flexDirection="column">
      {layout.sidebar ? (
        <Box position="absolute">
          <Sidebar rows={rows} selected={state.selected} width={layout.sidebar.width} height={layout.sidebar.height} now={now} unseen={unseen} matches={matches} formation={formation} />
        </Box>
      ) : null}
      {panes}
      <Box position="absolute" marginTop={layout.hintBar.y}>
        <HintBar width={layout.hintBar.width} content={hint} notice={state.notice} />
      </Box>
      {state.mode === 'help' ? <HelpOverlay keysOf={keysOf} screen={screen} scroll={state.overlayScroll} /> : null}
      {state.mode === 'details' && selectedInstance ? (
        <DetailsOverlay app={props.app} instance={selectedInstance} revealSecrets={state.revealSecrets} revealKey={keysLabel(keysOf, 'details.reveal')} now={now} scroll={state.overlayScroll} screen={screen} />
      ) : null}
    </Box>
  );
}
