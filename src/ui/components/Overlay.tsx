import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { COLORS } from '../theme.js';

/** A bordered box drawn over the screen, centred in `screen`. */
export function Overlay({ title, width, height, screen, children }: { title: string; width: number; height: number; screen: { columns: number; rows: number }; children: ReactNode }) {
  const w = Math.min(width, screen.columns - 2);
  const h = Math.min(height, screen.rows - 2);
  return (
    <Box position="absolute" marginLeft={Math.max(0, Math.floor((screen.columns - w) / 2))} marginTop={Math.max(0, Math.floor((screen.rows - 1 - h) / 2))} width={w} height={h} flexDirection="column" borderStyle="round" borderColor={COLORS.focus} paddingX={1}>
      <Text bold color={COLORS.focus} wrap="truncate">
        {title}
      </Text>
      <Box flexDirection="column" overflow="hidden" flexGrow={1}>
        {children}
      </Box>
    </Box>
  );
}
