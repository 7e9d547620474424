import { UserError } from '../config/index.js';
import type { SupervisorSnapshot } from './events.js';

/**
 * The instances a command names: `web` is every instance of the type the
 * formation wants, `web.2` that one. All or nothing: one bad name and the
 * command does nothing, with a message that says what there is.
 */
export function resolveTargets(targets: readonly string[], snapshot: SupervisorSnapshot, verb: string): string[] {
  if (targets.length === 0) throw new UserError(`${verb}: name a process type or an instance (${describe(snapshot)})`);
  const ids: string[] = [];
  for (const target of targets) {
    for (const id of resolveOne(target, snapshot, verb)) if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

function resolveOne(target: string, snapshot: SupervisorSnapshot, verb: string): string[] {
  const counts = new Map(snapshot.formation.map((f) => [f.processType, f.count]));
  const type = counts.get(target);
  if (type !== undefined) {
    if (type === 0) throw new UserError(`${verb} ${target}: ${target} is scaled to 0 (tfui scale ${target}=1 starts one)`);
    return Array.from({ length: type }, (_, i) => `${target}.${i + 1}`);
  }
  const dot = target.lastIndexOf('.');
  const name = dot > 0 ? target.slice(0, dot) : '';
  const number = Number(target.slice(dot + 1));
  const count = counts.get(name);
  if (count === undefined || dot < 0 || !/^[1-9]\d*$/.test(target.slice(dot + 1))) {
    throw new UserError(`${verb} ${target}: no such process type or instance (${describe(snapshot)})`);
  }
  if (number > count) throw new UserError(`${verb} ${target}: ${name} has ${count} instance${count === 1 ? '' : 's'} now`);
  return [target];
}

function describe(snapshot: SupervisorSnapshot): string {
  return `types: ${snapshot.formation.map((f) => f.processType).join(', ')}`;
}
