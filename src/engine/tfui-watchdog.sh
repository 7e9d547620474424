#!/bin/sh
# tfui's watchdog: stops what tfui started when tfui itself cannot (kill -9, the OOM killer, a crash
# past its own handlers). A shell, not a second node: it costs a megabyte and sleeps in read(2).
#
# tfui writes on its stdin, one line each:
#   watch PGID MARKER   an instance's process group, and the marker its environment carries
#   release PGID        that group is gone, stopped by tfui itself
#   bye                 tfui stopped everything: nothing to do
# When stdin ends without "bye", tfui is gone and nobody stopped the groups still watched: this does
# tfui's stop for it. SIGTERM to each group and to each process carrying one of their markers (those
# that left the group), SIGKILL to whatever is left once the timeout has passed.
#
# Usage: tfui-watchdog TENTHS FINDER [PS ARGUMENT...]
#   TENTHS  the stop timeout, in tenths of a second
#   FINDER  how the marker's carriers are found: proc (Linux's /proc), ps (the ps arguments that show
#           environments on this OS), or none (the groups alone)
# With the screen's terminal as stdout and TFUI_WATCHDOG_RESTORE set (what the screen writes as it
# leaves), the terminal is given back first: out of the alternate screen, no mouse reports, not raw.

tenths=$1
finder=$2
shift 2
ps_args=$*
watched=''

while read -r verb pgid marker; do
  case $verb in
    watch) watched="$watched $pgid=$marker" ;;
    release)
      kept=''
      for entry in $watched; do
        [ "${entry%%=*}" = "$pgid" ] || kept="$kept $entry"
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

# Pids of the processes that carry a watched marker in their environment, one per line.
carriers() {
  patterns=''
  for entry in $watched; do patterns="$patterns TFUI_INSTANCE=${entry#*=}"; done
  case $finder in
    proc)
      set --
      for pattern in $patterns; do set -- "$@" -e "$pattern"; done
      grep -lxzF "$@" /proc/[0-9]*/environ 2>/dev/null | sed -n 's,^/proc/\([0-9][0-9]*\)/environ$,\1,p'
      ;;
    ps)
      # shellcheck disable=SC2086 # the arguments are words without spaces, split on purpose
      ps $ps_args 2>/dev/null | awk -v patterns="$patterns" '
        BEGIN { n = split(patterns, wanted, " ") }
        { for (i = 2; i <= NF; i++) for (j = 1; j <= n; j++) if ($i == wanted[j]) { print $1; next } }'
      ;;
  esac
}

signal_all() {
  for entry in $watched; do kill -s "$1" -- "-${entry%%=*}" 2>/dev/null; done
  for pid in $escapees; do kill -s "$1" "$pid" 2>/dev/null; done
}

any_left() {
  for entry in $watched; do kill -s 0 -- "-${entry%%=*}" 2>/dev/null && return 0; done
  for pid in $escapees; do kill -s 0 "$pid" 2>/dev/null && return 0; done
  return 1
}

escapees=$(carriers)
signal_all TERM
waited=0
while any_left && [ "$waited" -lt "$tenths" ]; do
  sleep 0.1
  waited=$((waited + 1))
done
# Whatever forked or left its group meanwhile is looked for once more.
escapees="$escapees $(carriers)"
if any_left; then signal_all KILL; fi
exit 0
