import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { COLORS } from '../theme.js';

export interface OverlayProps {
  title: string;
  /** One entry per row; rows beyond the room there is are cut, with a note. */
  lines: ReactNode[];
  /** First line shown (the overlay scrolls with j/k). */
  scroll: number;
  width: number;
  screen: { columns: number; rows: number };
}

/** A bordered window drawn over the screen, centred; what is under it is blanked, not shown through. */
export function Overlay({ title, lines, scroll, width, screen }: OverlayProps) {
  const w = Math.max(10, Math.min(width, screen.columns - 2));
  const room = Math.max(2, screen.rows - 2 - 3);
  const first = Math.min(scroll, Math.max(0, lines.length - (room - 1)));
  const rest = lines.length - first - (room - 1);
  const shown = lines.length > room ? [...lines.slice(first, first + room - 1), <Text color={COLORS.dim}>{rest > 0 ? `… ${rest} more: j/↓ scrolls down` : '(end) k/↑ scrolls up'}</Text>] : lines;
  const h = shown.length + 3;
  const left = Math.max(0, Math.floor((screen.columns - w) / 2));
  const top = Math.max(0, Math.floor((screen.rows - 1 - h) / 2));
  const blank = ' '.repeat(w);
  return (
    <>
      <Box position="absolute" marginLeft={left} marginTop={top} flexDirection="column">
        {Array.from({ length: h }, (_, i) => (
          <Text key={i}>{blank}</Text>
        ))}
      </Box>
      <Box position="absolute" marginLeft={left} marginTop={top} width={w} height={h} flexDirection="column" borderStyle="round" borderColor={COLORS.focus} paddingX={1}>
        <Box height={1} flexShrink={0}>
          <Text bold color={COLORS.focus} wrap="truncate">
            {title}
          </Text>
        </Box>
        {shown.map((line, index) => (
          <Box key={index} height={1} flexShrink={0}>
            {typeof line === 'string' ? <Text wrap="truncate">{line}</Text> : line}
          </Box>
        ))}
      </Box>
    </>
  );
}
