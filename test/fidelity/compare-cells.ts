/** Cell-by-cell comparison of a pane with its reference, the cursor included. */
import type { Cell } from './screen-cells.js';
import type { CursorState } from './tmux-reference.js';

/** What is compared: the character and every attribute tmux and the pane both show. */
const FIELDS = ['char', 'fg', 'bg', 'bold', 'dim', 'italic', 'underline', 'blink', 'inverse', 'hidden', 'strike'] as const;

/** A cell's fields for comparison; underline as on or off (the pane draws every underline style straight, see the report). */
function comparable(cell: Cell): Record<(typeof FIELDS)[number], string | boolean | number> {
  return { ...cell, underline: cell.underline > 0 };
}

/**
 * The reference screen as the pane should show it: tmux draws the cursor in
 * the outer terminal, not in its cells, so the cell it is on is marked the way
 * the pane marks it (src/terminal/sgr.ts cursorMark): inverted for a block,
 * underlined for an underline or a bar (inverted if already underlined).
 */
export function withCursor(screen: Cell[][], cursor: CursorState, shape: 'block' | 'underline' | 'bar'): Cell[][] {
  const marked = screen.map((row) => row.map((cell) => ({ ...cell })));
  if (!cursor.visible) return marked;
  const row = marked[cursor.y];
  // A cursor on the right half of a wide character shows on the character.
  let x = Math.min(cursor.x, (row?.length ?? 1) - 1);
  if (row?.[x]?.char === '' && x > 0) x -= 1;
  const cell = row?.[x];
  if (!cell) return marked;
  // The whole of a wide character is marked.
  for (const marks of row[x + 1]?.char === '' ? [cell, row[x + 1]!] : [cell]) {
    if (shape === 'block' || marks.underline > 0) marks.inverse = !marks.inverse;
    else marks.underline = 1;
  }
  return marked;
}

/** The cells that differ, one line each (`row 3 col 7: bold true ≠ false`), at most `limit`. */
export function differences(expected: Cell[][], actual: Cell[][], limit = 12): string[] {
  const found: string[] = [];
  for (let y = 0; y < expected.length; y++) {
    for (let x = 0; x < (expected[y]?.length ?? 0); x++) {
      const want = comparable(expected[y]![x]!);
      const got = actual[y]?.[x] ? comparable(actual[y]![x]!) : undefined;
      if (!got) {
        found.push(`row ${y} col ${x}: missing`);
        continue;
      }
      const fields = FIELDS.filter((field) => want[field] !== got[field]);
      if (fields.length > 0) found.push(`row ${y} col ${x}: ${fields.map((f) => `${f} ${JSON.stringify(want[f])} ≠ ${JSON.stringify(got[f])}`).join(', ')}`);
      if (found.length >= limit) return [...found, '…'];
    }
  }
  return found;
}
