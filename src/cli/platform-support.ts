/**
 * Where tfui cannot run at all, the one line that says so. Native Windows
 * has no process groups, no POSIX signals and no /bin/sh for Procfile lines;
 * WSL is Linux and needs nothing of this.
 */
export function unsupportedPlatform(platform: NodeJS.Platform): string | null {
  if (platform === 'win32') return 'native Windows is not supported (no process groups or POSIX signals); run tfui in WSL';
  return null;
}

/** Exit status on a system tfui does not run on. */
export const UNSUPPORTED_PLATFORM_STATUS = 1;
