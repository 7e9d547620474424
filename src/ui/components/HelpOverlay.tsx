import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { CommandId } from '../keys/commands.js';
import { helpSections } from '../keys/help-text.js';
import { COLORS } from '../theme.js';
import { Overlay } from './Overlay.js';

/** `?`: every key, generated from the command list. */
export function HelpOverlay({ keysOf, screen, scroll }: { keysOf: Record<CommandId, string[]>; screen: { columns: number; rows: number }; scroll: number }) {
  const sections = helpSections(keysOf);
  const lines: ReactNode[] = [];
  for (const section of sections) {
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
  return <Overlay title="Keys  (Esc closes)" lines={lines} scroll={scroll} width={96} screen={screen} />;
}
