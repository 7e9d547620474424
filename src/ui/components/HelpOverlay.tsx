import { Text } from 'ink';
import type { CommandId } from '../keys/commands.js';
import { helpSections } from '../keys/help-text.js';
import { COLORS } from '../theme.js';
import { Overlay } from './Overlay.js';

/** `?`: every key, generated from the command list. */
export function HelpOverlay({ keysOf, screen }: { keysOf: Record<CommandId, string[]>; screen: { columns: number; rows: number } }) {
  const sections = helpSections(keysOf);
  const keyWidth = Math.max(...sections.flatMap((s) => s.entries.map((e) => e.keys.length)));
  const lines = sections.reduce((n, s) => n + s.entries.length + 2, 0);
  return (
    <Overlay title="Keys  (Esc closes)" width={Math.min(100, screen.columns - 4)} height={lines + 3} screen={screen}>
      {sections.map((section) => [
        <Text key={`${section.title}-title`} bold>{`\n${section.title}`}</Text>,
        ...section.entries.map((entry) => (
          <Text key={`${section.title}-${entry.description}`} wrap="truncate">
            <Text color={COLORS.accent}>{entry.keys.padEnd(keyWidth + 2)}</Text>
            {entry.description}
          </Text>
        )),
      ])}
    </Overlay>
  );
}
