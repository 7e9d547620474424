/**
 * kill(2) with signal 0: asks the kernel whether a process (or, for a
 * negative id, a process group) exists, on every Unix and without /proc.
 * It cannot tell a zombie from a living process.
 */
export function exists(pidOrNegativeGroup: number): boolean {
  // 0 and -1 mean "my group" and "everyone" to kill(2): never a question about one process.
  if (!Number.isInteger(pidOrNegativeGroup) || Math.abs(pidOrNegativeGroup) <= 1) return false;
  try {
    process.kill(pidOrNegativeGroup, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but is not ours to signal (a setuid helper).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function groupExists(pgid: number): boolean {
  return pgid > 1 && exists(-pgid);
}
