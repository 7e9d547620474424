import { UserError } from './user-error.js';

export const DEFAULT_BASE_PORT = 5000;
/** Each process type gets a block of this many ports, as in foreman. */
export const PORTS_PER_TYPE = 100;

/** foreman's PORT: base + 100 × the type's position among all Procfile entries + (instance − 1). */
export function portFor(basePort: number, typeIndex: number, instance: number): number {
  return basePort + PORTS_PER_TYPE * typeIndex + (instance - 1);
}

/** Parses a port number from a flag, an env file or the shell; `where` names the source in the message. */
export function parsePort(text: string, where: string, exitCode = 1): number {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1 || Number(trimmed) > 65535) {
    throw new UserError(`${where}: PORT "${text}" is not a port number (1-65535)`, exitCode);
  }
  return Number(trimmed);
}
