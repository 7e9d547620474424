import type { IBufferCell, IBufferLine } from '@xterm/headless';
import type { CursorShape } from '../compat/xterm-cursor.js';
import { drawnLength } from '../compat/xterm-drawn-length.js';

/** A column range of a row to draw highlighted (a search match, a selection). */
export interface Highlight {
  start: number;
  end: number;
  kind: 'match' | 'current' | 'selection';
}

const HIGHLIGHT_SGR: Record<Highlight['kind'], string> = {
  match: '0;30;43',
  current: '0;30;103;1',
  selection: '0;7',
};

function colorParams(mode: 'fg' | 'bg', cell: IBufferCell): string {
  const isDefault = mode === 'fg' ? cell.isFgDefault() : cell.isBgDefault();
  if (isDefault) return '';
  const color = mode === 'fg' ? cell.getFgColor() : cell.getBgColor();
  if (mode === 'fg' ? cell.isFgRGB() : cell.isBgRGB()) {
    return `;${mode === 'fg' ? 38 : 48};2;${(color >> 16) & 255};${(color >> 8) & 255};${color & 255}`;
  }
  if (color < 8) return `;${(mode === 'fg' ? 30 : 40) + color}`;
  if (color < 16) return `;${(mode === 'fg' ? 90 : 100) + color - 8}`;
  return `;${mode === 'fg' ? 38 : 48};5;${color}`;
}

/** How the cursor marks its cell: the cell's inverse, or an underline added to it. */
type CursorMark = 'inverse' | 'underline';

/**
 * The mark for a cursor shape (DECSCUSR). A block is the cell inverted, as
 * terminals draw it: its character in its own colours swapped, not a blank
 * reverse cell. An underline cursor is an underline. A bar (a thin line at the
 * cell's left edge) cannot be drawn inside a cell: it is shown as an underline,
 * the other thin mark that leaves the character readable and that, unlike a
 * block, does not read as vim's normal mode when vim asks for a bar in insert
 * mode. On a cell already underlined the underline would not show: inverse then.
 */
function cursorMark(shape: CursorShape, cell: IBufferCell): CursorMark {
  return shape === 'block' || cell.isUnderline() ? 'inverse' : 'underline';
}

/** The SGR parameters that reproduce a cell's style from a reset, e.g. `0;1;31`; `mark` adds the cursor. */
function cellStyle(cell: IBufferCell, mark?: CursorMark): string {
  if (mark === undefined && cell.isAttributeDefault()) return '0';
  let params = '0';
  if (cell.isBold()) params += ';1';
  if (cell.isDim()) params += ';2';
  if (cell.isItalic()) params += ';3';
  if (cell.isUnderline() || mark === 'underline') params += ';4';
  if (cell.isBlink()) params += ';5';
  if (Boolean(cell.isInverse()) !== (mark === 'inverse')) params += ';7';
  if (cell.isInvisible()) params += ';8';
  if (cell.isStrikethrough()) params += ';9';
  return params + colorParams('fg', cell) + colorParams('bg', cell);
}

/**
 * One row of a terminal model as a string Ink can print: the characters with
 * an SGR sequence wherever the style changes, trailing blanks trimmed, wide
 * characters' continuation cells skipped. `highlights` override the style of
 * their columns; `cursor` marks the cell the cursor is on (see cursorMark).
 */
export function renderRow(line: IBufferLine | undefined, cols: number, cell: IBufferCell, highlights: readonly Highlight[] = [], cursor?: { x: number; shape: CursorShape }): string {
  if (!line) return '';
  // Past the drawn part only blanks would be visited and then dropped; a highlight or the cursor can still paint there.
  let end = Math.min(cols, drawnLength(line));
  for (const highlight of highlights) end = Math.max(end, Math.min(cols, highlight.end));
  const cursorX = cursor?.x ?? -1;
  if (cursorX >= 0) end = Math.max(end, Math.min(cols, cursorX + 1));
  let out = '';
  let current = '0';
  let pendingBlanks = '';
  for (let x = 0; x < end; x++) {
    const c = line.getCell(x, cell);
    if (!c) break;
    const width = c.getWidth();
    if (width === 0) continue;
    const chars = c.getChars() || ' ';
    const highlight = highlights.find((h) => x >= h.start && x < h.end);
    const style = x === cursorX ? cellStyle(c, cursorMark(cursor!.shape, c)) : highlight ? HIGHLIGHT_SGR[highlight.kind] : cellStyle(c);
    // Blanks in the default style are held back so trailing ones can be dropped.
    if (chars === ' ' && style === '0') {
      pendingBlanks += ' ';
      continue;
    }
    if (pendingBlanks !== '') {
      if (current !== '0') {
        out += '\x1b[0m';
        current = '0';
      }
      out += pendingBlanks;
      pendingBlanks = '';
    }
    if (style !== current) {
      out += `\x1b[${style}m`;
      current = style;
    }
    out += chars;
  }
  return current === '0' ? out : `${out}\x1b[0m`;
}
