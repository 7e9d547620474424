/**
 * What tfui needs to know from the operating system about processes and
 * ports, behind one interface: `linux-proc` reads /proc, `portable` runs ps
 * and lsof. `currentPlatform()` is this run's; the rest of tfui never reads
 * /proc itself.
 */
export type { Answer, ListeningPort, Platform, PlatformName, ProcessField, ProcessInfo } from './types.js';
export { choosePlatform, currentPlatform, PLATFORM_VARIABLE } from './select-platform.js';
