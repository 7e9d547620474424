import { createContext, runInContext, type Context } from 'node:vm';
import { UserError } from '../config/user-error.js';

/** How long one request may spend matching a user's pattern: tfui's own work (and the processes' output) waits meanwhile. */
const MATCH_BUDGET_MS = 250;

let context: Context | undefined;

/**
 * Which of `texts` match `pattern`, within a time budget. A pattern from a
 * person or an agent can backtrack for ever (`^(a+)+$`), and JavaScript's
 * regular expressions run on tfui's only thread: a vm script's timeout
 * interrupts the match, and the request is refused with one line.
 */
export function matching<T extends { text: string }>(items: readonly T[], pattern: RegExp): T[] {
  context ??= createContext({});
  context['items'] = items;
  context['pattern'] = pattern;
  try {
    return runInContext('items.filter((item) => { pattern.lastIndex = 0; return pattern.test(item.text); })', context, { timeout: MATCH_BUDGET_MS }) as T[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new UserError(`pattern ${pattern} took longer than ${MATCH_BUDGET_MS} ms to match; simplify it (nested repeats such as (a+)+ backtrack without end)`);
    }
    throw error;
  } finally {
    context['items'] = undefined;
    context['pattern'] = undefined;
  }
}
