import { isShellName, type FileVariable, type ResolvedFormation } from '../config/index.js';

/** Set per instance (or per type) by the exporters themselves, whatever the env files say. */
const PER_INSTANCE = new Set(['PORT', 'PS']);

/**
 * The env files' variables an export carries: not PORT and PS (each exporter sets those),
 * and not names /bin/sh drops (`tfui check` warns about them), which no process would see.
 */
export function exportedVariables(formation: ResolvedFormation): FileVariable[] {
  return formation.variables.filter((variable) => !PER_INSTANCE.has(variable.key) && isShellName(variable.key));
}

/** The variables an export leaves out because no process started through /bin/sh could see them. */
export function droppedVariables(formation: ResolvedFormation): FileVariable[] {
  return formation.variables.filter((variable) => !isShellName(variable.key));
}
