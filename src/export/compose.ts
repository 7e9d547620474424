import type { ResolvedFormation, ResolvedType } from '../config/index.js';
import { dollarsDoubled, startLine } from './command-line.js';
import type { ExportFile, ExportOptions } from './types.js';
import { exportedVariables } from './variables.js';
import { yamlDocuments } from './yaml-text.js';

/** Host ports as tfui hands them out (web.1 5000, web.2 5001), each replica taking one; the container listens on the type's PORT. */
function publishedPorts(type: ResolvedType): string {
  const last = type.port + Math.max(type.count, 1) - 1;
  return `${last === type.port ? type.port : `${type.port}-${last}`}:${type.port}`;
}

/**
 * `compose.yaml`: a service per process type with the formation's replicas. Replicas are
 * identical, so each gets the type's first PORT and no PS: per-instance values do not carry over.
 */
export function composeFile(formation: ResolvedFormation, options: ExportOptions): ExportFile[] {
  const variables = exportedVariables(formation);
  const services: Record<string, unknown> = {};
  for (const type of formation.types) {
    services[type.name] = {
      // Without an image, compose builds one from the root (which needs a Dockerfile there).
      ...(options.image === undefined ? { build: dollarsDoubled(formation.root) } : { image: options.image }),
      command: ['/bin/sh', '-c', dollarsDoubled(startLine(type.command))],
      working_dir: dollarsDoubled(formation.root),
      environment: {
        PORT: String(type.port),
        ...Object.fromEntries(variables.map((variable) => [variable.key, dollarsDoubled(variable.value)])),
      },
      ...(options.services.includes(type.name) ? { ports: [publishedPorts(type)] } : {}),
      restart: type.restart,
      stop_grace_period: `${formation.timeoutSeconds}s`,
      deploy: { replicas: type.count },
    };
  }
  return [{ name: 'compose.yaml', content: yamlDocuments([{ name: options.app, services }]) }];
}
