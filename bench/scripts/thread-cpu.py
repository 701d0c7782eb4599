#!/usr/bin/env python3
"""Server CPU by kind of thread between two snapshots of /proc/PID/task (GC, JIT, request threads, others).

    thread-cpu.py snapshot PID FILE          writes one line per thread: tid, name, utime+stime ticks
    thread-cpu.py diff BEFORE AFTER [N]      CPU seconds per kind between the snapshots (per sign-in when N is given)
"""
import os, re, sys

def snapshot(pid, out):
    tick = os.sysconf('SC_CLK_TCK')
    with open(out, 'w') as f:
        for tid in os.listdir(f'/proc/{pid}/task'):
            try:
                stat = open(f'/proc/{pid}/task/{tid}/stat').read()
                name = open(f'/proc/{pid}/task/{tid}/comm').read().strip()
            except OSError:
                continue
            fields = stat[stat.rindex(')') + 2:].split()
            ticks = int(fields[11]) + int(fields[12])
            f.write(f'{tid}\t{name}\t{ticks / tick}\n')

def kind(name):
    if re.match(r'(GC Thread|G1 |VM Periodic|GC )', name): return 'GC'
    if name.startswith(('C2 Compiler', 'C1 Compiler', 'C2 CompilerThre', 'C1 CompilerThre')): return 'JIT'
    if name.startswith('default task'): return 'request threads (default task-*)'
    if name.startswith(('XNIO', 'XNIO-1 I/O', 'I/O')): return 'Undertow I/O'
    if name.startswith('VM Thread'): return 'VM thread (safepoints)'
    if name.startswith('JFR'): return 'JFR'
    return 'other'

def load(path):
    rows = {}
    for line in open(path):
        tid, name, secs = line.rstrip('\n').split('\t')
        rows[tid] = (name, float(secs))
    return rows

def diff(before, after, n):
    b, a = load(before), load(after)
    totals = {}
    for tid, (name, secs) in a.items():
        delta = secs - b.get(tid, (name, 0.0))[1]
        totals[kind(name)] = totals.get(kind(name), 0.0) + delta
    total = sum(totals.values())
    for k, v in sorted(totals.items(), key=lambda kv: -kv[1]):
        per = f'   {v * 1000 / n:8.2f} ms per sign-in' if n else ''
        print(f'{k:36s} {v:9.2f} s  {100 * v / total if total else 0:5.1f} %{per}')
    print(f'{"total":36s} {total:9.2f} s' + (f'           {total * 1000 / n:8.2f} ms per sign-in' if n else ''))

if __name__ == '__main__':
    if sys.argv[1] == 'snapshot':
        snapshot(sys.argv[2], sys.argv[3])
    else:
        diff(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 0)
