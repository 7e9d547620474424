/** Panes as a tree of splits, like tmux: `row` lays children side by side, `column` stacks them. */
export type PaneTree = { kind: 'pane'; id: number } | { kind: 'split'; direction: 'row' | 'column'; children: PaneTree[] };

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const MAX_PANES = 4;

export function paneIds(tree: PaneTree): number[] {
  return tree.kind === 'pane' ? [tree.id] : tree.children.flatMap(paneIds);
}

/** Splits pane `id`, putting `newId` after it; a split in the same direction as its parent joins the parent. */
export function splitPane(tree: PaneTree, id: number, direction: 'row' | 'column', newId: number): PaneTree {
  if (tree.kind === 'pane') {
    return tree.id === id ? { kind: 'split', direction, children: [tree, { kind: 'pane', id: newId }] } : tree;
  }
  const index = tree.children.findIndex((child) => child.kind === 'pane' && child.id === id);
  if (index >= 0 && tree.direction === direction) {
    const children = [...tree.children];
    children.splice(index + 1, 0, { kind: 'pane', id: newId });
    return { ...tree, children };
  }
  return { ...tree, children: tree.children.map((child) => splitPane(child, id, direction, newId)) };
}

/** Removes pane `id`; a split left with one child is replaced by it. Undefined when nothing is left. */
export function closePane(tree: PaneTree, id: number): PaneTree | undefined {
  if (tree.kind === 'pane') return tree.id === id ? undefined : tree;
  const children = tree.children.map((child) => closePane(child, id)).filter((child): child is PaneTree => child !== undefined);
  if (children.length === 0) return undefined;
  if (children.length === 1) return children[0];
  return { ...tree, children };
}

/** Each pane's rectangle inside `area`; space is shared evenly, the remainder going to the first panes. */
export function layoutPanes(tree: PaneTree, area: Rect, out = new Map<number, Rect>()): Map<number, Rect> {
  if (tree.kind === 'pane') {
    out.set(tree.id, area);
    return out;
  }
  const total = tree.direction === 'row' ? area.width : area.height;
  const count = tree.children.length;
  let offset = 0;
  tree.children.forEach((child, i) => {
    const size = Math.floor(total / count) + (i < total % count ? 1 : 0);
    const rect =
      tree.direction === 'row'
        ? { x: area.x + offset, y: area.y, width: size, height: area.height }
        : { x: area.x, y: area.y + offset, width: area.width, height: size };
    layoutPanes(child, rect, out);
    offset += size;
  });
  return out;
}

/** The sidebar's width for a screen this wide. */
export function sidebarWidth(columns: number): number {
  return Math.max(26, Math.min(34, Math.floor(columns * 0.3)));
}
