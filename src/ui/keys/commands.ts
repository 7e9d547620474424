/** Where a key binding applies: the main screen, or one of the modes that claim keys. */
export type KeyGroup = 'main' | 'copy' | 'overlay' | 'timeline' | 'input';

export interface CommandSpec {
  group: KeyGroup;
  /** Default keys, by key name (see key-names.ts). */
  keys: string[];
  description: string;
  /** Shown in the one-line hint bar (short label). */
  hint?: string;
}

/**
 * Every user action, once. The keymap, the `?` overlay, the hint bar and the
 * README's key table are all generated from this list, and users remap keys
 * by these ids in their preferences.
 */
export const COMMANDS = {
  'selection.next': { group: 'main', keys: ['j', 'down'], description: 'select the next instance' },
  'selection.previous': { group: 'main', keys: ['k', 'up'], description: 'select the previous instance' },
  'process.scaleUp': { group: 'main', keys: ['+', '='], description: 'scale the selected type up (the new instance gets foreman\'s next PORT)', hint: 'scale' },
  'process.scaleDown': { group: 'main', keys: ['-'], description: 'scale the selected type down (the highest-numbered instance stops)' },
  'process.restart': { group: 'main', keys: ['r'], description: 'restart the selected instance', hint: 'restart' },
  'process.restartType': { group: 'main', keys: ['R'], description: 'restart every instance of the selected type' },
  'process.toggleStop': { group: 'main', keys: ['s'], description: 'stop the selected instance, or start it again', hint: 'stop/start' },
  'pane.splitSideBySide': { group: 'main', keys: ['|'], description: 'split the focused pane side by side (up to 4 panes)', hint: 'split' },
  'pane.splitStacked': { group: 'main', keys: ['_'], description: 'split the focused pane, one above the other' },
  'pane.close': { group: 'main', keys: ['x'], description: 'close the focused pane' },
  'pane.next': { group: 'main', keys: ['tab'], description: 'focus the next pane' },
  'pane.zoom': { group: 'main', keys: ['z'], description: 'zoom the focused pane to the whole screen, or back', hint: 'zoom' },
  'scroll.pageUp': { group: 'main', keys: ['pageup', 'ctrl-b'], description: 'scroll the focused pane up a page' },
  'scroll.pageDown': { group: 'main', keys: ['pagedown', 'ctrl-f'], description: 'scroll the focused pane down a page' },
  'scroll.bottom': { group: 'main', keys: ['G', 'end'], description: 'follow the newest output again' },
  'search.start': { group: 'main', keys: ['/'], description: 'search the focused pane\'s scrollback', hint: 'search' },
  'search.next': { group: 'main', keys: ['n'], description: 'go to the next (older) match' },
  'search.previous': { group: 'main', keys: ['N'], description: 'go to the previous (newer) match' },
  'search.clear': { group: 'main', keys: ['escape'], description: 'clear the search highlights and counts' },
  'copy.start': { group: 'main', keys: ['c'], description: 'copy mode: choose lines and copy them to the clipboard (OSC 52)', hint: 'copy' },
  'view.details': { group: 'main', keys: ['e'], description: 'details of the selected instance: command, pid, PORT, cwd, environment', hint: 'details' },
  'view.timeline': { group: 'main', keys: ['t'], description: 'timeline: every start, exit, crash and restart, a lane per instance', hint: 'timeline' },
  'view.help': { group: 'main', keys: ['?'], description: 'show every key', hint: 'help' },
  'input.start': { group: 'main', keys: ['enter', 'i'], description: 'input mode: keys go to the selected process (Ctrl-a comes back)', hint: 'input' },
  'app.quit': { group: 'main', keys: ['q', 'ctrl-c'], description: 'stop every process and quit (again: kill at once)', hint: 'quit' },
  'copy.down': { group: 'copy', keys: ['j', 'down'], description: 'move the copy cursor down' },
  'copy.up': { group: 'copy', keys: ['k', 'up'], description: 'move the copy cursor up' },
  'copy.mark': { group: 'copy', keys: ['v', 'space'], description: 'start (or restart) the selection at the cursor' },
  'copy.yank': { group: 'copy', keys: ['y', 'enter'], description: 'copy the selected lines and leave copy mode' },
  'copy.cancel': { group: 'copy', keys: ['escape', 'q'], description: 'leave copy mode without copying' },
  'overlay.close': { group: 'overlay', keys: ['escape', 'q', '?'], description: 'close the overlay' },
  'overlay.down': { group: 'overlay', keys: ['j', 'down', 'pagedown', 'space'], description: 'scroll the overlay down' },
  'overlay.up': { group: 'overlay', keys: ['k', 'up', 'pageup'], description: 'scroll the overlay up' },
  'details.reveal': { group: 'overlay', keys: ['m'], description: 'in details: show or mask secret-looking values' },
  'timeline.nextLane': { group: 'timeline', keys: ['j', 'down'], description: 'choose the next lane' },
  'timeline.previousLane': { group: 'timeline', keys: ['k', 'up'], description: 'choose the previous lane' },
  'timeline.olderMark': { group: 'timeline', keys: ['h', 'left'], description: 'choose the older mark' },
  'timeline.newerMark': { group: 'timeline', keys: ['l', 'right'], description: 'choose the newer mark' },
  'timeline.zoomIn': { group: 'timeline', keys: ['+', '='], description: 'zoom in around the chosen mark' },
  'timeline.zoomOut': { group: 'timeline', keys: ['-'], description: 'zoom out' },
  'timeline.details': { group: 'timeline', keys: ['enter'], description: 'show the mark\'s details: time, exit code or signal, how long it ran, last lines' },
  'timeline.close': { group: 'timeline', keys: ['escape', 'q', 't'], description: 'close the details, then the timeline' },
  'input.leave': { group: 'input', keys: ['ctrl-a'], description: 'leave input mode (the leader key; pressed twice, the process gets one)' },
} satisfies Record<string, CommandSpec>;

export type CommandId = keyof typeof COMMANDS;

export const COMMAND_IDS = Object.keys(COMMANDS) as CommandId[];
