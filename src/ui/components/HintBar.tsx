import { Box, Text } from 'ink';
import { COLORS } from '../theme.js';

export interface HintBarProps {
  width: number;
  /** What the bar says: key hints, or the state of a mode. */
  content:
    | { kind: 'hints'; items: Array<{ keys: string; label: string }> }
    | { kind: 'input'; target: string; leave: string }
    | { kind: 'search'; draft: string }
    | { kind: 'copy'; lines: number }
    | { kind: 'quitting'; remaining: number; force: string; killIn: string | null }
    | { kind: 'timeline'; keys: string };
  notice: string | null;
}

/** The bottom line: what the keys do right now. */
export function HintBar({ width, content, notice }: HintBarProps) {
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate">
        {notice ? <Text color={COLORS.warn}>{`${notice}  `}</Text> : null}
        {render(content, width - (notice ? notice.length + 2 : 0))}
      </Text>
    </Box>
  );
}

/** As many hints as fit, whole: a hint is never cut in the middle. */
function fitting(items: Array<{ keys: string; label: string }>, width: number) {
  const shown: typeof items = [];
  let used = 0;
  for (const item of items) {
    const size = (shown.length > 0 ? 2 : 0) + item.keys.length + 1 + item.label.length;
    if (used + size > width) break;
    shown.push(item);
    used += size;
  }
  return shown;
}

function render(content: HintBarProps['content'], width: number) {
  switch (content.kind) {
    case 'hints':
      return fitting(content.items, width).map((item, i) => (
        <Text key={item.label}>
          {i > 0 ? '  ' : ''}
          <Text bold color={COLORS.accent}>{item.keys}</Text>
          <Text color={COLORS.dim}>{` ${item.label}`}</Text>
        </Text>
      ));
    case 'input':
      return (
        <Text>
          <Text backgroundColor={COLORS.input} color="black">{' INPUT '}</Text>
          {` keys go to ${content.target}; `}
          <Text bold>{content.leave}</Text>
          {' comes back, twice sends one'}
        </Text>
      );
    case 'search':
      return (
        <Text>
          <Text bold color={COLORS.accent}>/</Text>
          {content.draft}
          <Text inverse> </Text>
          <Text color={COLORS.dim}>{'  Enter search · Esc cancel'}</Text>
        </Text>
      );
    case 'copy':
      return (
        <Text>
          <Text backgroundColor={COLORS.warn} color="black">{' COPY '}</Text>
          {` ${content.lines} line${content.lines === 1 ? '' : 's'} · j/k move · v mark · y copy · Esc cancel`}
        </Text>
      );
    case 'timeline':
      return <Text color={COLORS.dim}>{content.keys}</Text>;
    case 'quitting':
      return (
        <Text>
          <Text color={COLORS.warn}>{`stopping ${content.remaining} process${content.remaining === 1 ? '' : 'es'}…`}</Text>
          {content.killIn ? ` SIGKILL in ${content.killIn}, or press ${content.force} again to kill now` : ` press ${content.force} again to kill now`}
        </Text>
      );
  }
}
