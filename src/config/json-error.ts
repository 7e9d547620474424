/**
 * `:LINE: not valid JSON (why)` for a file's JSON.parse error, to follow the
 * file's name: the line when the parser says where it stopped (past the end is
 * the last line with text: a file ends with a newline). V8 quotes the text
 * around an unexpected token, newlines and all; only the words before the
 * quote are kept, so the error stays on one line.
 */
export function notValidJson(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const why = (message.split('\n')[0] ?? '')
    .replace(/, (\.\.\.)?".*$/, '')
    .replace(/ at position \d+.*$/, '')
    .replace(/ in JSON$/, '');
  const position = /at position (\d+)/.exec(message)?.[1];
  const at = position !== undefined ? Math.min(Number(position), text.trimEnd().length) : message.includes('end of JSON input') ? text.trimEnd().length : undefined;
  const line = at === undefined ? undefined : text.slice(0, at).split('\n').length;
  return `${line === undefined ? '' : `:${line}`}: not valid JSON (${why})`;
}
