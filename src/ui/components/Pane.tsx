import { Box, Text } from 'ink';
import { memo } from 'react';
import stringWidth from 'string-width';
import { COLORS } from '../theme.js';

export interface PaneProps {
  width: number;
  height: number;
  /** The title bar's text, e.g. ` web.1 ● :5000`. */
  title: string;
  /** Right-aligned part of the title bar (scroll position, search position). */
  status: string;
  focused: boolean;
  inputMode: boolean;
  /** The rows to show, already styled (from the terminal model). */
  rows: readonly string[];
}

/** One pane: a title bar and the visible rows of an instance's terminal model, with a rule on its left. */
export const Pane = memo(function Pane({ width, height, title, status, focused, inputMode, rows }: PaneProps) {
  const color = inputMode ? COLORS.input : focused ? COLORS.focus : COLORS.dim;
  const inner = Math.max(1, width - 1);
  const gap = Math.max(1, inner - title.length - status.length);
  const bar = `${title}${' '.repeat(gap)}${status}`.slice(0, inner);
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="single" borderTop={false} borderRight={false} borderBottom={false} borderColor={color}>
      <Text wrap="truncate" color={focused || inputMode ? 'black' : undefined} backgroundColor={focused || inputMode ? color : undefined} dimColor={!focused && !inputMode}>
        {bar}
      </Text>
      {/* Rows that fit are one text: a layout node per row made Ink's first frame ~10 ms slower. */}
      {rowsFit(rows, inner) ? <Text>{rows.join('\n')}</Text> : rows.map((row, index) => <PaneRow key={index} text={row} />)}
    </Box>
  );
});

/**
 * Whether every row fits the pane as Ink measures it. A model of the pane's width is not
 * enough: xterm gives emoji one column where string-width gives two, and one row too wide
 * would wrap inside the joined text and push the others down.
 */
function rowsFit(rows: readonly string[], width: number): boolean {
  return rows.every((row) => stringWidth(row) <= width);
}

/** A row that may be wider than the pane (its model not resized yet, an emoji, a hint on a narrow pane) is cut by Ink. */
const PaneRow = memo(function PaneRow({ text }: { text: string }) {
  return <Text wrap="truncate">{text === '' ? ' ' : text}</Text>;
});
