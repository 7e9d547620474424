import { layoutPanes, sidebarWidth, type PaneTree, type Rect } from './state/pane-layout.js';

export interface ScreenLayout {
  /** The height Ink draws: one row short of the screen (Ink 6 repaints everything when a frame fills it). */
  height: number;
  sidebar: Rect | null;
  panes: Map<number, Rect>;
  hintBar: Rect;
}

/** Narrower than this, the panes take the whole width, as when zoomed: a 26-column sidebar would leave them almost nothing. */
export const SIDEBAR_MIN_COLUMNS = 50;
/** Smaller than this, the screen only says so (see `tooSmall`): nothing useful fits, and Ink would wrap what does not. */
export const MIN_COLUMNS = 20;
export const MIN_ROWS = 6;

/** Whether a terminal of `columns` × `rows` is too small to draw the screen in. */
export function tooSmall(columns: number, rows: number): boolean {
  return columns < MIN_COLUMNS || rows < MIN_ROWS;
}

/** Where everything goes on a screen of `columns` × `rows`. Pure, so layouts are tested without a terminal. */
export function screenLayout(columns: number, rows: number, tree: PaneTree, zoomedPane: number | null): ScreenLayout {
  const height = Math.max(3, rows - 1);
  const contentHeight = height - 1;
  const side = zoomedPane === null && columns >= SIDEBAR_MIN_COLUMNS ? sidebarWidth(columns) : 0;
  const area = { x: side, y: 0, width: Math.max(4, columns - side), height: contentHeight };
  return {
    height,
    sidebar: side > 0 ? { x: 0, y: 0, width: side, height: contentHeight } : null,
    panes: zoomedPane === null ? layoutPanes(tree, area) : new Map([[zoomedPane, area]]),
    hintBar: { x: 0, y: contentHeight, width: columns, height: 1 },
  };
}

/** A pane's terminal size: the rectangle less the rule on its left and the title bar. */
export function paneInnerSize(rect: Rect): { cols: number; rows: number } {
  return { cols: Math.max(2, rect.width - 1), rows: Math.max(1, rect.height - 1) };
}

/** The first sidebar row shown, so that the selection stays in view (roughly centred). */
export function sidebarFirstRow(count: number, selectedIndex: number, visible: number): number {
  return Math.min(Math.max(0, selectedIndex - Math.floor(visible / 2)), Math.max(0, count - visible));
}
