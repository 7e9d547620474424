import { COMMAND_IDS, COMMANDS, type CommandId, type KeyGroup } from './commands.js';
import { displayKey } from './keymap.js';

/** `j/↓` for a command's keys. */
export function keysLabel(keysOf: Record<CommandId, string[]>, id: CommandId): string {
  return keysOf[id].map(displayKey).join('/');
}

/** The hint bar's items for the main screen: the commands marked with a hint, in list order. */
export function hintItems(keysOf: Record<CommandId, string[]>): Array<{ keys: string; label: string }> {
  return COMMAND_IDS.flatMap((id) => {
    const spec = COMMANDS[id] as { hint?: string };
    return spec.hint ? [{ keys: keysOf[id][0] ? displayKey(keysOf[id][0]) : '', label: spec.hint }] : [];
  });
}

const GROUP_TITLES: Record<KeyGroup, string> = {
  main: 'Main screen',
  copy: 'Copy mode',
  overlay: 'Overlays',
  timeline: 'Timeline',
  input: 'Input mode',
};

/** Every command with its keys and description, grouped: the `?` overlay and the README's key table. */
export function helpSections(keysOf: Record<CommandId, string[]>): Array<{ title: string; entries: Array<{ keys: string; keyList: string[]; description: string }> }> {
  return (Object.keys(GROUP_TITLES) as KeyGroup[]).map((group) => ({
    title: GROUP_TITLES[group],
    entries: COMMAND_IDS.filter((id) => COMMANDS[id].group === group).map((id) => ({ keys: keysLabel(keysOf, id), keyList: keysOf[id].map(displayKey), description: COMMANDS[id].description })),
  }));
}

/** The README's key table, in Markdown: one row per command, grouped like the `?` overlay. */
export function markdownKeyTable(keysOf: Record<CommandId, string[]>): string {
  const rows = helpSections(keysOf).flatMap((section) => [
    `| **${section.title}** | |`,
    ...section.entries.map((entry) => `| ${entry.keyList.map((key) => `\`${key === '|' ? '\\|' : key}\``).join(' ')} | ${entry.description} |`),
  ]);
  return ['| keys | what they do |', '| --- | --- |', ...rows].join('\n');
}
