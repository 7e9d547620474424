#!/bin/sh
# tfui's watchdog: stops what tfui started when tfui itself cannot (kill -9, the OOM killer, a crash
# past its own handlers). A shell, not a second node: it costs a megabyte and sleeps in read(2).
#
# tfui writes on its fd 3, one line each:
#   watch PGID MARKER     an instance's process group, and the marker its environment carries
#   release PGID MARKER   that group is gone, stopped by tfui itself
#   bye                   tfui stopped everything: nothing to do
# When fd 3 ends without "bye", tfui is gone and nobody stopped the groups still watched: this does
# tfui's stop for it. SIGTERM to each group at once, then to each process that carries one of their
# markers (those that left the group), SIGKILL to whatever is left once the timeout has passed.
#
# Usage: tfui-watchdog.sh MILLISECONDS FINDER TFUI-PID [PS ARGUMENT...]
#   MILLISECONDS  the stop timeout
#   FINDER        how the markers' carriers are found: proc (Linux's /proc), ps (the ps arguments
#                 that show environments on this OS), or none (the groups alone)
#   TFUI-PID      whose watchdog this is (for ps and for people; not used)
# With the screen's terminal as stdout and TFUI_WATCHDOG_RESTORE set (what the screen writes as it
# leaves), the terminal is given back first: out of the alternate screen, no mouse reports, not raw.

# Only the end of what tfui tells ends it: a stop of a tfui that runs inside another tfui's instance
# signals this too, and it must outlive that tfui to stop the processes only it knows of.
trap '' HUP INT TERM
# The system's own tools first, whatever PATH tfui was given.
PATH=/usr/bin:/bin:/usr/sbin:/sbin:$PATH
set -f

timeout_ms=$1
finder=$2
shift 3
ps_args=$*
watched=''

while read -r verb pgid marker <&3; do
  # A group id of 0 or 1 would be our own group or every process: only a real group, with a marker of ours.
  case $pgid in '' | 0* | 1 | *[!0-9]*) [ "$verb" = bye ] || continue ;; esac
  case $marker in *[!A-Za-z0-9._-]*) continue ;; esac
  case $verb in
    watch) [ -n "$marker" ] && watched="$watched $pgid=$marker" ;;
    release)
      kept=''
      for entry in $watched; do
        [ "$entry" = "$pgid=$marker" ] || kept="$kept $entry"
      done
      watched=$kept
      ;;
    bye) exit 0 ;;
  esac
done

if [ -n "${TFUI_WATCHDOG_RESTORE:-}" ] && [ -t 1 ]; then
  printf '%s' "$TFUI_WATCHDOG_RESTORE"
  # What raw mode turned off (libuv's uv_tty_set_mode); the shell's line editor sets the rest its way.
  stty brkint icrnl ixon opost echo icanon iexten isig 2>/dev/null <&1
fi
[ -n "$watched" ] || exit 0
# The groups get pruned as they go; their markers stay looked for: an escapee outlives its group.
groups=''
markers=''
for entry in $watched; do
  groups="$groups ${entry%%=*}"
  markers="$markers ${entry#*=}"
done

# Pids of the processes that carry a watched marker in their environment, one per line.
carriers() {
  case $finder in
    proc)
      set +f
      set --
      for marker in $markers; do set -- "$@" -e "TFUI_INSTANCE=$marker"; done
      grep -lxzF "$@" /proc/[0-9]*/environ 2>/dev/null | sed -n 's,^/proc/\([0-9][0-9]*\)/environ$,\1,p'
      ;;
    ps)
      # shellcheck disable=SC2086 # the arguments are words without spaces, split on purpose
      ps $ps_args 2>/dev/null | awk -v markers="$markers" '
        BEGIN { n = split(markers, list, " "); for (i = 1; i <= n; i++) wanted["TFUI_INSTANCE=" list[i]] = 1 }
        { for (i = 2; i <= NF; i++) if ($i in wanted) { print $1; next } }'
      ;;
  esac
}

# A fresh list of carriers. A look could hang only where reading a process's environment does (its
# memory stuck on a dead NFS server): tfui's own stop would hang there too. The groups never wait on one.
look() {
  escapees=$(carriers)
}

signal_groups() {
  kept=''
  for group in $groups; do
    # A group found gone is gone for good: never signalled again, whoever gets its number next.
    if kill -s "$1" -- "-$group" 2>/dev/null; then kept="$kept $group"; fi
  done
  groups=$kept
}

signal_escapees() {
  for pid in $escapees; do kill -s "$1" "$pid" 2>/dev/null; done
}

any_left() {
  for group in $groups; do kill -s 0 -- "-$group" 2>/dev/null && return 0; done
  for pid in $escapees; do kill -s 0 "$pid" 2>/dev/null && return 0; done
  return 1
}

# The groups before any look, as tfui does: a look may be slow, a group needs none. A process
# forked a moment before tfui died may not lead its group yet (setsid comes first in it): then itself.
escapees=''
kept=''
for group in $groups; do
  if kill -s TERM -- "-$group" 2>/dev/null || kill -s TERM "$group" 2>/dev/null; then kept="$kept $group"; fi
done
groups=$kept
look
signal_escapees TERM
# One sleep for the whole timeout, not a count of short ones (each fork would stretch it).
sleep "$((timeout_ms / 1000)).$(printf '%03d' $((timeout_ms % 1000)))" &
timer=$!
rounds=0
while kill -s 0 "$timer" 2>/dev/null && any_left; do
  sleep 0.1
  rounds=$((rounds + 1))
  # Now and then a new look: what forked or left its group meanwhile gets its SIGTERM too.
  if [ $((rounds % 5)) -eq 0 ]; then
    look
    signal_escapees TERM
  fi
done
# Waited for here, where a shell's word on a killed job (bash says "Killed") goes nowhere.
{ kill -s KILL "$timer" && wait "$timer"; } 2>/dev/null
# SIGKILL to what is there now: the groups that still answer, then the carriers of a last look.
signal_groups KILL
look
signal_escapees KILL
exit 0
