/**
 * What tfui asks of the operating system about processes and ports, in one
 * interface. Linux answers from /proc (fast, complete); elsewhere the answers
 * come from `ps` and `lsof`, and some questions have no answer at all. Every
 * answer that can be missing says so, with a reason a person can read,
 * so callers can act on what is known and be honest about the rest.
 */

/** An answer, or why there is none (`ps` could not run, the OS hides environments...). */
export type Answer<T> = { known: true; value: T } | { known: false; why: string };

/** Extra facts a listing can carry, asked for by name because they cost more to read. */
export type ProcessField = 'wchan' | 'cpu' | 'rss';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  /** The state letter as ps prints it first: R running, S sleeping, D disk wait, T stopped, I idle... */
  state: string;
  /** The kernel wait channel it sleeps in (`do_select`, `n_tty_read`...), '' when running or hidden. With 'wchan'. */
  wchan?: string;
  /** User + system CPU time, in ms. With 'cpu'. */
  cpuMs?: number;
  /** Resident memory, in KiB. With 'rss'. */
  rssKb?: number;
}

/** A listening TCP socket and, as far as the OS says, the process holding it. */
export interface ListeningPort {
  port: number;
  pid: number | null;
  name: string | null;
}

export type PlatformName = 'linux-proc' | 'portable';

/**
 * How a shell script finds the processes started with a variable (the
 * watchdog, which outlives tfui): grep over Linux's /proc, the ps arguments
 * that show environments on this OS, or no way at all.
 */
export type ShellCarrierFinder = { kind: 'proc' } | { kind: 'ps'; args: readonly string[] } | { kind: 'none' };

export interface Platform {
  readonly name: PlatformName;
  /** Every living process (zombies left out), with the extra `fields` asked for where the OS has them. */
  listProcesses(fields?: readonly ProcessField[]): Promise<Answer<ProcessInfo[]>>;
  /**
   * Which of `among` were started with `name=value` in their environment.
   * Unknown where the OS shows no other process's environment.
   */
  carryingVariable(name: string, value: string, among: readonly number[]): Promise<Answer<ReadonlySet<number>>>;
  /** Whether `pid` exists and can still run; where the OS cannot tell a zombie, a zombie counts as alive. */
  isAlive(pid: number): boolean;
  /** Whether any process is left in group `pgid` (zombies included: kill(2) cannot tell). */
  isGroupAlive(pgid: number): boolean;
  /**
   * Listening TCP ports and their holders; only `port` when given (cheaper).
   * Starts its work before it returns: a lookup begun before a fork reads the
   * table as it was before the fork.
   */
  listeningPorts(port?: number): Promise<Answer<ListeningPort[]>>;
  /** The same question as carryingVariable, asked by a shell script: see ShellCarrierFinder. */
  readonly shellCarrierFinder: ShellCarrierFinder;
}
