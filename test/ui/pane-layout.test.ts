import { describe, expect, it } from 'vitest';
import { closePane, layoutPanes, paneIds, sidebarWidth, splitPane, type PaneTree, type Rect } from '../../src/ui/state/pane-layout.js';
import { MIN_COLUMNS, MIN_ROWS, paneInnerSize, screenLayout, SIDEBAR_MIN_COLUMNS, sidebarFirstRow, tooSmall } from '../../src/ui/screen-layout.js';

const pane = (id: number): PaneTree => ({ kind: 'pane', id });
const row = (...children: PaneTree[]): PaneTree => ({ kind: 'split', direction: 'row', children });
const column = (...children: PaneTree[]): PaneTree => ({ kind: 'split', direction: 'column', children });

describe('splitting a pane', () => {
  it('turns a lone pane into a split of it and the new pane', () => {
    expect(splitPane(pane(1), 1, 'row', 2)).toEqual(row(pane(1), pane(2)));
  });

  it('joins a parent split in the same direction, right after the split pane', () => {
    expect(splitPane(row(pane(1), pane(2)), 1, 'row', 3)).toEqual(row(pane(1), pane(3), pane(2)));
    expect(splitPane(row(pane(1), pane(2)), 2, 'row', 3)).toEqual(row(pane(1), pane(2), pane(3)));
  });

  it('nests a split in the other direction in place of the split pane', () => {
    expect(splitPane(row(pane(1), pane(2)), 2, 'column', 3)).toEqual(row(pane(1), column(pane(2), pane(3))));
  });

  it('finds the pane deep in the tree', () => {
    const tree = row(pane(1), column(pane(2), pane(3)));
    expect(splitPane(tree, 3, 'column', 4)).toEqual(row(pane(1), column(pane(2), pane(3), pane(4))));
    expect(splitPane(tree, 3, 'row', 4)).toEqual(row(pane(1), column(pane(2), row(pane(3), pane(4)))));
  });

  it('leaves the tree alone when the pane is not in it', () => {
    const tree = row(pane(1), pane(2));
    expect(splitPane(tree, 9, 'row', 3)).toEqual(tree);
  });

  it('lists pane ids in layout order', () => {
    expect(paneIds(row(pane(1), column(pane(4), pane(2)), pane(3)))).toEqual([1, 4, 2, 3]);
  });
});

describe('closing a pane', () => {
  it.each<[string, PaneTree, number, PaneTree | undefined]>([
    ['the only pane leaves nothing', pane(1), 1, undefined],
    ['a split of two collapses to the other pane', row(pane(1), pane(2)), 1, pane(2)],
    ['a split of three keeps a split of two', row(pane(1), pane(2), pane(3)), 2, row(pane(1), pane(3))],
    ['a nested split left with one child is replaced by it', row(pane(1), column(pane(2), pane(3))), 3, row(pane(1), pane(2))],
    ['closing beside a nested split keeps the nested split as the whole tree', row(pane(1), column(pane(2), pane(3))), 1, column(pane(2), pane(3))],
    ['an unknown pane leaves the tree as it was', row(pane(1), pane(2)), 7, row(pane(1), pane(2))],
  ])('%s', (_name, tree, id, expected) => {
    expect(closePane(tree, id)).toEqual(expected);
  });
});

function area(width: number, height: number, x = 0, y = 0): Rect {
  return { x, y, width, height };
}

/** Every cell of `within` covered by exactly one rectangle, and none outside it. */
function expectTiling(rects: Rect[], within: Rect): void {
  const cover = new Uint8Array(within.width * within.height);
  const problems: string[] = [];
  for (const r of rects) {
    if (r.width < 0 || r.height < 0) problems.push(`negative size ${JSON.stringify(r)}`);
    for (let x = r.x; x < r.x + r.width; x++) {
      for (let y = r.y; y < r.y + r.height; y++) {
        const inside = x >= within.x && x < within.x + within.width && y >= within.y && y < within.y + within.height;
        if (!inside) problems.push(`cell ${x},${y} is outside`);
        else cover[(y - within.y) * within.width + (x - within.x)] += 1;
      }
    }
  }
  cover.forEach((n, i) => {
    if (n !== 1) problems.push(`cell ${within.x + (i % within.width)},${within.y + Math.floor(i / within.width)} covered ${n} times`);
  });
  expect(problems.slice(0, 5), JSON.stringify({ within, rects })).toEqual([]);
}

describe('laying out panes', () => {
  it('gives a lone pane the whole area', () => {
    expect(layoutPanes(pane(1), area(80, 23, 20, 0)).get(1)).toEqual(area(80, 23, 20, 0));
  });

  it('shares width evenly side by side, the remainder going to the first panes', () => {
    const rects = layoutPanes(row(pane(1), pane(2), pane(3)), area(11, 10, 5, 2));
    expect(rects.get(1)).toEqual(area(4, 10, 5, 2));
    expect(rects.get(2)).toEqual(area(4, 10, 9, 2));
    expect(rects.get(3)).toEqual(area(3, 10, 13, 2));
  });

  it('shares height evenly when stacked, the remainder going to the first panes', () => {
    const rects = layoutPanes(column(pane(1), pane(2), pane(3), pane(4)), area(30, 23));
    expect([1, 2, 3, 4].map((id) => rects.get(id)?.height)).toEqual([6, 6, 6, 5]);
    expect([1, 2, 3, 4].map((id) => rects.get(id)?.y)).toEqual([0, 6, 12, 18]);
    expect([1, 2, 3, 4].map((id) => rects.get(id)?.width)).toEqual([30, 30, 30, 30]);
  });

  it('lays out a nested split inside its share', () => {
    const rects = layoutPanes(row(pane(1), column(pane(2), pane(3))), area(60, 21));
    expect(rects.get(1)).toEqual(area(30, 21, 0, 0));
    expect(rects.get(2)).toEqual(area(30, 11, 30, 0));
    expect(rects.get(3)).toEqual(area(30, 10, 30, 11));
  });

  const shapes: Array<[string, PaneTree]> = [
    ['one pane', pane(1)],
    ['two side by side', row(pane(1), pane(2))],
    ['three stacked', column(pane(1), pane(2), pane(3))],
    ['four side by side', row(pane(1), pane(2), pane(3), pane(4))],
    ['a pane beside a stack', row(pane(1), column(pane(2), pane(3)))],
    ['a stack of a row and a pane', column(row(pane(1), pane(2), pane(3)), pane(4))],
    ['two levels of nesting', row(pane(1), column(pane(2), row(pane(3), pane(4))))],
  ];

  it.each(shapes)('tiles the area exactly, with no gap or overlap, at many sizes: %s', (_name, tree) => {
    for (let width = 4; width <= 41; width += 3) {
      for (let height = 1; height <= 25; height += 4) {
        const within = area(width, height, width % 7, height % 5);
        const rects = layoutPanes(tree, within);
        expect([...rects.keys()].sort()).toEqual(paneIds(tree).sort());
        expectTiling([...rects.values()], within);
      }
    }
  });

  it('never makes two panes of one split differ by more than one cell', () => {
    for (let width = 4; width <= 200; width++) {
      const widths = [...layoutPanes(row(pane(1), pane(2), pane(3), pane(4)), area(width, 10)).values()].map((r) => r.width);
      expect(Math.max(...widths) - Math.min(...widths)).toBeLessThanOrEqual(1);
      expect(widths).toEqual([...widths].sort((a, b) => b - a));
    }
  });
});

describe('the sidebar width', () => {
  it.each([
    [40, 26],
    [66, 26],
    [80, 26],
    [100, 30],
    [113, 33],
    [200, 34],
  ])('at %i columns is %i', (columns, width) => {
    expect(sidebarWidth(columns)).toBe(width);
  });

  it('stays between 26 and 34 columns (room for a row with its PORT, uptime and marks)', () => {
    for (let columns = 1; columns <= 400; columns++) {
      expect(sidebarWidth(columns)).toBeGreaterThanOrEqual(26);
      expect(sidebarWidth(columns)).toBeLessThanOrEqual(34);
    }
  });
});

describe('the screen layout', () => {
  it.each([
    [80, 24, 26],
    [200, 60, 34],
  ])('at %ix%i draws one row short of the screen, with the hint bar on the last row drawn', (columns, rows, side) => {
    const layout = screenLayout(columns, rows, pane(1), null);
    expect(layout.height).toBe(rows - 1);
    expect(layout.hintBar).toEqual({ x: 0, y: rows - 2, width: columns, height: 1 });
    expect(layout.sidebar).toEqual({ x: 0, y: 0, width: side, height: rows - 2 });
    expect(layout.panes.get(1)).toEqual({ x: side, y: 0, width: columns - side, height: rows - 2 });
  });

  it('tiles the sidebar, the panes and the hint bar over every drawn row', () => {
    for (const [columns, rows] of [
      [80, 24],
      [200, 60],
      [120, 40],
    ] as const) {
      const layout = screenLayout(columns, rows, row(pane(1), column(pane(2), pane(3))), null);
      expectTiling([layout.sidebar as Rect, ...layout.panes.values(), layout.hintBar], area(columns, layout.height));
    }
  });

  it('gives a zoomed pane the whole width and no sidebar, leaving other panes out', () => {
    const layout = screenLayout(80, 24, row(pane(1), pane(2)), 2);
    expect(layout.sidebar).toBeNull();
    expect([...layout.panes.keys()]).toEqual([2]);
    expect(layout.panes.get(2)).toEqual({ x: 0, y: 0, width: 80, height: 22 });
    expect(layout.hintBar.y).toBe(22);
  });

  it('leaves the sidebar out when it would leave the panes less than 24 columns', () => {
    expect(screenLayout(SIDEBAR_MIN_COLUMNS, 24, pane(1), null).sidebar?.width).toBe(26);
    const narrow = screenLayout(SIDEBAR_MIN_COLUMNS - 1, 24, row(pane(1), pane(2)), null);
    expect(narrow.sidebar).toBeNull();
    expectTiling([...narrow.panes.values(), narrow.hintBar], area(SIDEBAR_MIN_COLUMNS - 1, narrow.height));
  });

  it('knows a screen too small to draw in', () => {
    expect(tooSmall(MIN_COLUMNS, MIN_ROWS)).toBe(false);
    expect(tooSmall(MIN_COLUMNS - 1, 60)).toBe(true);
    expect(tooSmall(200, MIN_ROWS - 1)).toBe(true);
  });

  it('still draws something on a screen too small to be useful', () => {
    const layout = screenLayout(10, 2, pane(1), null);
    expect(layout.height).toBeGreaterThanOrEqual(3);
    expect(layout.panes.get(1)?.width).toBeGreaterThanOrEqual(4);
  });
});

describe('a pane\'s terminal size', () => {
  it.each([
    [{ x: 24, y: 0, width: 56, height: 22 }, { cols: 55, rows: 21 }],
    [{ x: 0, y: 0, width: 200, height: 58 }, { cols: 199, rows: 57 }],
    [{ x: 0, y: 0, width: 1, height: 1 }, { cols: 2, rows: 1 }],
    [{ x: 0, y: 0, width: 0, height: 0 }, { cols: 2, rows: 1 }],
  ])('%j leaves %j for the terminal, less the rule and the title', (rect, size) => {
    expect(paneInnerSize(rect)).toEqual(size);
  });
});

describe('the first sidebar row shown', () => {
  it.each([
    ['all rows fit', 5, 4, 10, 0],
    ['the selection near the top', 50, 3, 10, 0],
    ['the selection in the middle is centred', 50, 25, 10, 20],
    ['the selection near the end shows the last page', 50, 48, 10, 40],
    ['the last row selected', 50, 49, 10, 40],
  ])('%s', (_name, count, selected, visible, first) => {
    expect(sidebarFirstRow(count, selected, visible)).toBe(first);
  });

  it('always keeps the selection in view', () => {
    const hidden: string[] = [];
    for (let count = 1; count <= 40; count++) {
      for (let visible = 1; visible <= 12; visible++) {
        for (let selected = 0; selected < count; selected++) {
          const first = sidebarFirstRow(count, selected, visible);
          if (first < 0 || selected < first || selected >= first + visible) hidden.push(`${count} rows, ${visible} visible, row ${selected}: first ${first}`);
        }
      }
    }
    expect(hidden).toEqual([]);
  });
});
