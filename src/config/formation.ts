import { UserError } from './user-error.js';

/** How many instances of each process type run. Keys are in Procfile order. */
export type Formation = Map<string, number>;

export interface FormationSpec {
  /** `all=N`: the count for every type not named. */
  all?: number;
  counts: Map<string, number>;
}

const MAX_INSTANCES = 100;

/**
 * Parses `-m all=1,web=2` as foreman does (whitespace ignored, later pairs
 * win), but refuses what foreman silently turns into 0: a missing `=`, a
 * count that is not a whole number, a type the Procfile does not define.
 */
export function parseFormation(spec: string, knownTypes: readonly string[], origin = '--formation'): FormationSpec {
  const result: FormationSpec = { counts: new Map() };
  // A bad flag is a usage error (2); a bad project file is bad input (1).
  const status = origin.startsWith('--') ? 2 : 1;
  for (const pair of spec.replace(/\s/g, '').split(',')) {
    if (pair === '') continue;
    const match = /^([^=]+)=(\d+)$/.exec(pair);
    if (!match) throw new UserError(`${origin}: "${pair}" is not NAME=COUNT (e.g. web=2)`, status);
    const [, name, countText] = match as unknown as [string, string, string];
    const count = Number(countText);
    if (count > MAX_INSTANCES) throw new UserError(`${origin}: ${name}=${count} is more than ${MAX_INSTANCES} instances`, status);
    if (name === 'all') result.all = count;
    else if (!knownTypes.includes(name)) throw new UserError(`${origin}: unknown process type "${name}" (Procfile has ${knownTypes.join(', ')})`, status);
    else result.counts.set(name, count);
  }
  return result;
}

/**
 * The formation to start. With no spec and no selection, one of each type.
 * A spec without `all` gives unlisted types 0 (foreman's rule). Selected
 * types (`tfui start web worker`) run alone, one each unless the spec says more.
 */
export function resolveFormation(types: readonly string[], spec: FormationSpec | undefined, selected: readonly string[] = []): Formation {
  for (const name of selected) {
    if (!types.includes(name)) throw new UserError(`unknown process type "${name}" (Procfile has ${types.join(', ')})`, 2);
  }
  const formation: Formation = new Map();
  for (const name of types) {
    const fromSpec = spec ? (spec.counts.get(name) ?? spec.all) : undefined;
    if (selected.length > 0) formation.set(name, selected.includes(name) ? (fromSpec ?? 1) : 0);
    else formation.set(name, spec ? (fromSpec ?? 0) : 1);
  }
  return formation;
}
