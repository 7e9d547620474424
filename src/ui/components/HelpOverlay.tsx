import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { CommandId } from '../keys/commands.js';
import { helpSections } from '../keys/help-text.js';
import { COLORS } from '../theme.js';
import { Overlay } from './Overlay.js';

/** A screen this wide shows the help in two columns: the main screen's keys, then the modes'. */
const TWO_COLUMNS_FROM = 150;

/** `?`: every key, generated from the command list. */
export function HelpOverlay({ keysOf, screen, scroll }: { keysOf: Record<CommandId, string[]>; screen: { columns: number; rows: number }; scroll: number }) {
  const sections = helpSections(keysOf);
  const sectionLines = (list: typeof sections): ReactNode[] => {
    const lines: ReactNode[] = [];
    for (const section of list) {
      const keyWidth = Math.max(...section.entries.map((e) => e.keys.length));
      if (lines.length > 0) lines.push('');
      lines.push(<Text bold>{section.title}</Text>);
      for (const entry of section.entries) {
        lines.push(
          <Text wrap="truncate">
            <Text color={COLORS.accent}>{entry.keys.padEnd(keyWidth + 2)}</Text>
            {entry.description}
          </Text>,
        );
      }
    }
    return lines;
  };
  if (screen.columns < TWO_COLUMNS_FROM) return <Overlay title="Keys  (Esc closes)" lines={sectionLines(sections)} scroll={scroll} width={96} screen={screen} />;
  const width = Math.min(190, screen.columns - 4);
  const column = Math.floor((width - 4) / 2);
  const left = sectionLines(sections.slice(0, 1));
  const right = sectionLines(sections.slice(1));
  const rows = Array.from({ length: Math.max(left.length, right.length) }, (_, i) => (
    <Box>
      <Box width={column} flexShrink={0}>
        {typeof left[i] === 'string' || left[i] === undefined ? <Text>{(left[i] as string | undefined) ?? ''}</Text> : left[i]}
      </Box>
      <Box width={column} flexShrink={0}>
        {typeof right[i] === 'string' || right[i] === undefined ? <Text>{(right[i] as string | undefined) ?? ''}</Text> : right[i]}
      </Box>
    </Box>
  ));
  return <Overlay title="Keys  (Esc closes)" lines={rows} scroll={scroll} width={width} screen={screen} />;
}
