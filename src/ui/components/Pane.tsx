import { Box, Text } from 'ink';
import { memo } from 'react';
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
  /** True when no row is wider than the pane (a model of the pane's own width). */
  rowsFit: boolean;
}

/** One pane: a title bar and the visible rows of an instance's terminal model, with a rule on its left. */
export const Pane = memo(function Pane({ width, height, title, status, focused, inputMode, rows, rowsFit }: PaneProps) {
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
      {rowsFit ? <Text>{rows.join('\n')}</Text> : rows.map((row, index) => <PaneRow key={index} text={row} />)}
    </Box>
  );
});

/** A row that may be wider than the pane (its model not resized yet, a hint on a narrow pane) is cut by Ink. */
const PaneRow = memo(function PaneRow({ text }: { text: string }) {
  return <Text wrap="truncate">{text === '' ? ' ' : text}</Text>;
});
