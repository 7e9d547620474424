import { describe, expect, it } from 'vitest';
import { carriersIn, parseCpuTime, parseLsofListening, parsePsList, psEnvironmentArgs, psListArgs } from '../../src/platform/ps-output.js';

// Output as procps-ng (Linux) and macOS's BSD ps and lsof print it for the arguments tfui passes.

describe('ps process listings', () => {
  it('asks for the same columns of every ps, the extra ones in a fixed order', () => {
    expect(psListArgs()).toEqual(['-A', '-o', 'pid=,ppid=,pgid=,stat=']);
    expect(psListArgs(['rss', 'wchan'])).toEqual(['-A', '-o', 'pid=,ppid=,pgid=,stat=,rss=,wchan=']);
  });

  const table: Array<[string, string, Array<[number, number, number, string]>]> = [
    [
      'procps-ng: right-aligned columns, multi-letter stat (session leader, foreground, threads)',
      '    1     0     1 Ss\n  812     1   812 Ss+\n 4301   812  4301 S<Ll\n 4302  4301  4301 Z+\n 4303  4301  4301 R+\n 4304     2     0 I<\n',
      [[1, 0, 1, 'S'], [812, 1, 812, 'S'], [4301, 812, 4301, 'S'], [4303, 4301, 4301, 'R'], [4304, 2, 0, 'I']],
    ],
    [
      'macOS: launchd is 1, U for uninterruptible wait, Z+ zombie',
      '    1     0     1 Ss\n  367     1   367 S\n 5011   367  5011 Ss\n 5012  5011  5012 S+\n 5013  5012  5012 Z+\n 5020  5012  5012 U+\n',
      [[1, 0, 1, 'S'], [367, 1, 367, 'S'], [5011, 367, 5011, 'S'], [5012, 5011, 5012, 'S'], [5020, 5012, 5012, 'U']],
    ],
    ['a dead (X) entry and blank or broken lines are left out', '  10     1    10 X\n\n  abc def\n  11     1\n  12     1    12 T\n', [[12, 1, 12, 'T']]],
  ];
  it.each(table)('%s', (_name, text, expected) => {
    expect(parsePsList(text).map((p) => [p.pid, p.ppid, p.pgid, p.state])).toEqual(expected);
  });

  it('reads wait channel, CPU time and RSS in both forms', () => {
    const procps = ' 4301   812  4301 S+   00:01:02  10240 do_sys_poll\n 4303  4301  4301 R+   1-02:03:04  2048 -\n';
    expect(parsePsList(procps, ['wchan', 'cpu', 'rss'])).toEqual([
      { pid: 4301, ppid: 812, pgid: 4301, state: 'S', wchan: 'do_sys_poll', cpuMs: 62_000, rssKb: 10_240 },
      { pid: 4303, ppid: 4301, pgid: 4301, state: 'R', wchan: '', cpuMs: 93_784_000, rssKb: 2048 },
    ]);
    const macos = ' 5012  5011  5012 S+     0:00.05   3312 ttyin\n 5014  5012  5012 R+    12:34.50  99000 -\n';
    expect(parsePsList(macos, ['wchan', 'cpu', 'rss'])).toEqual([
      { pid: 5012, ppid: 5011, pgid: 5012, state: 'S', wchan: 'ttyin', cpuMs: 50, rssKb: 3312 },
      { pid: 5014, ppid: 5012, pgid: 5012, state: 'R', wchan: '', cpuMs: 754_500, rssKb: 99_000 },
    ]);
  });

  it.each([
    ['00:00:00', 0],
    ['00:01:02', 62_000],
    ['10-00:00:01', 864_001_000],
    ['0:00.05', 50],
    ['123:45.67', 7_425_670],
    ['-', Number.NaN],
  ])('CPU time %s is %d ms', (text, ms) => {
    expect(parseCpuTime(text)).toBe(ms);
  });
});

describe('process environments through ps', () => {
  it('uses each ps its own way, and none where there is none', () => {
    expect(psEnvironmentArgs('linux')).toEqual(['-A', 'eww', '-o', 'pid=,command=']);
    expect(psEnvironmentArgs('darwin')).toEqual(['-A', '-E', '-ww', '-o', 'pid=,command=']);
    expect(psEnvironmentArgs('freebsd')).toEqual(['-A', '-e', '-ww', '-o', 'pid=,command=']);
    expect(psEnvironmentArgs('sunos')).toBeNull();
  });

  it('finds the marker as a whole word after the command, and only there', () => {
    const text = [
      ' 4301 /bin/sh -c exec node server.js TFUI_INSTANCE=123-ab.web.1.1 PATH=/usr/bin HOME=/root',
      ' 4302 node server.js PORT=5000 TFUI_INSTANCE=123-ab.web.1.1',
      // Another generation of the same instance, and another instance whose name begins the same.
      ' 4303 node server.js TFUI_INSTANCE=123-ab.web.1.10',
      ' 4304 node worker.js TFUI_INSTANCE=123-ab.web.1.1x',
      ' 4305 sleep 100 TERM=xterm-256color',
      // macOS: a process whose environment ps may not show (another user's) has its command only.
      '  812 /usr/sbin/sshd -D',
      ' TFUI_INSTANCE=123-ab.web.1.1',
      '',
    ].join('\n');
    expect([...carriersIn(text, 'TFUI_INSTANCE=123-ab.web.1.1')].sort()).toEqual([4301, 4302]);
  });
});

describe('lsof listening sockets', () => {
  it.each([
    [
      'Linux (no fd lines)',
      'p7634\ncnode\nn*:38715\nn127.0.0.1:33747\np812\ncnginx: master process\nn*:80\nn[::]:80\n',
      [
        { port: 38715, pid: 7634, name: 'node' },
        { port: 33747, pid: 7634, name: 'node' },
        { port: 80, pid: 812, name: 'nginx: master process' },
      ],
    ],
    [
      'macOS (fd lines, IPv6 in brackets)',
      'p412\ncControlCenter\nf9\nn*:7000\nf10\nn*:5000\np1234\ncnode\nf23\nn[::1]:3000\nf24\nn127.0.0.1:3000\n',
      [
        { port: 7000, pid: 412, name: 'ControlCenter' },
        { port: 5000, pid: 412, name: 'ControlCenter' },
        { port: 3000, pid: 1234, name: 'node' },
      ],
    ],
  ])('reads lsof -F pcn as %s prints it', (_name, text, expected) => {
    expect(parseLsofListening(text)).toEqual(expected);
  });

  it('ignores connections and nothing at all', () => {
    expect(parseLsofListening('p1\ncx\nn127.0.0.1:5000->127.0.0.1:6000\n')).toEqual([]);
    expect(parseLsofListening('')).toEqual([]);
  });
});
