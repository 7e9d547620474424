import { currentPlatform, type ListeningPort } from '../platform/index.js';

/** Who listens on a TCP port, as far as the OS tells. */
export type PortHolder = ListeningPort;

/**
 * Who is listening on `port`, or null when it is free (or the OS cannot
 * say). The answer is of the moment the lookup began, give or take a reading
 * already under way.
 */
export async function findPortHolder(port: number): Promise<PortHolder | null> {
  const listening = await currentPlatform().listeningPorts(port);
  return listening.known ? (listening.value.find((entry) => entry.port === port) ?? null) : null;
}

/** `5200 in use by nginx (pid 812)`, or without the holder when the OS does not say. */
export function describePortHolder(holder: PortHolder): string {
  return holder.pid !== null ? `${holder.port} in use by ${holder.name} (pid ${holder.pid})` : `${holder.port} in use by another process`;
}

/** Whether a process's last words say its port was taken. */
export function mentionsAddressInUse(lines: readonly string[]): boolean {
  return lines.some((line) => /EADDRINUSE|address already in use/i.test(line));
}
