#!/usr/bin/env python3
"""CPU time (ms) used so far by each component of a running devstack: the launcher itself (which hosts Kafka)
and every direct child of it with its whole process tree (PostgreSQL's backends count for PostgreSQL).
Usage: proc-cpu.py LAUNCHER_PID [POSTGRES_DATA_DIR]  ->  lines "name milliseconds". Two snapshots give the split
of a window. The embedded PostgreSQL detaches from the launcher: its processes are found by their data directory."""
import os
import sys

TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


def stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        data = f.read()
    fields = data[data.rindex(")") + 2:].split()
    return int(fields[1]), int(fields[11]) + int(fields[12])  # ppid, utime + stime


def name_of(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            args = f.read().decode(errors="replace").split("\0")
    except OSError:
        return str(pid)
    for arg in args:
        base = os.path.basename(arg)
        if base.endswith(".jar"):
            return base[:-4]
        if base in ("postgres", "node"):
            return "postgresql" if base == "postgres" else "web"
    for i, arg in enumerate(args):  # exploded jars: -cp .../<service>/... or a main class
        if arg in ("-cp", "-classpath") and i + 1 < len(args):
            for part in args[i + 1].split(os.sep):
                if part.endswith("-service") or part == "gateway":
                    return part
    return os.path.basename(args[0]) if args and args[0] else str(pid)


def main():
    root = int(sys.argv[1])
    procs = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                procs[int(entry)] = stat(entry)
            except (OSError, ValueError):
                pass
    children = {}
    for pid, (ppid, _) in procs.items():
        children.setdefault(ppid, []).append(pid)

    def tree(pid):
        total, stack = 0, [pid]
        while stack:
            p = stack.pop()
            total += procs.get(p, (0, 0))[1]
            stack.extend(children.get(p, []))
        return total

    totals = {"launcher+kafka": procs.get(root, (0, 0))[1]}
    for child in children.get(root, []):
        name = name_of(child)
        totals[name] = totals.get(name, 0) + tree(child)
    if len(sys.argv) > 2 and "postgresql" not in totals:
        for pid in procs:
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    cmdline = f.read().decode(errors="replace")
            except OSError:
                continue
            if sys.argv[2] in cmdline and "postgres" in cmdline:
                # the postmaster, then its backends (their command lines name no directory)
                totals["postgresql"] = totals.get("postgresql", 0) + tree(pid)
    for name, ticks in sorted(totals.items()):
        print(name, round(ticks * TICK_MS))


main()
