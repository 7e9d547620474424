/**
 * Stands in for restore-cursor in the bundle. Ink hides the cursor through
 * cli-cursor, which then arranges to write "show the cursor" to stderr at
 * exit, even when stderr is a log file (`tfui 2>tfui.log` got an escape
 * sequence). tfui shows the cursor itself, on the terminal it hid it on, on
 * every way out (src/ui/terminal-modes.ts).
 */
export default function restoreCursor(): void {}
