#!/usr/bin/env python3
"""CPU time (ms) used so far by each component of a running devstack: the launcher itself (which hosts Kafka)
and every direct child of it with its whole process tree (PostgreSQL's backends count for PostgreSQL).
Usage: proc-cpu.py LAUNCHER_PID [POSTGRES_DATA_DIR]  ->  lines "name milliseconds". Two snapshots give the split
of a window. The JVMs' JIT compiler threads are counted apart, as "jit-compilation". The embedded PostgreSQL
detaches from the launcher: its processes are found by their data directory."""
import os
import sys

TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


def stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        data = f.read()
    fields = data[data.rindex(")") + 2:].split()
    return int(fields[1]), int(fields[11]) + int(fields[12])  # ppid, utime + stime


def compiler_ticks(pid):
    """CPU ticks of a JVM's C1/C2 compiler threads (0 for a process that is not a JVM)."""
    ticks = 0
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return 0
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/stat") as f:
                data = f.read()
        except OSError:
            continue
        if "CompilerThre" in data[data.index("(") + 1:data.rindex(")")]:
            fields = data[data.rindex(")") + 2:].split()
            ticks += int(fields[11]) + int(fields[12])
    return ticks


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

    def descendants(pid):
        found, stack = [], [pid]
        while stack:
            p = stack.pop()
            found.append(p)
            stack.extend(children.get(p, []))
        return found

    def tree(pid):
        return sum(procs.get(p, (0, 0))[1] for p in descendants(pid))

    owners = {root: "launcher+kafka"}  # every JVM's process id -> the component it counts for
    totals = {"launcher+kafka": procs.get(root, (0, 0))[1]}
    for child in children.get(root, []):
        name = name_of(child)
        totals[name] = totals.get(name, 0) + tree(child)
        owners.update((p, name) for p in descendants(child))
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
    # The JIT compilers' threads of every JVM, as a component of their own: minutes after start-up C2 still
    # compiles the paths a benchmark warms, and that cost fades where the code's own cost stays. (The bench keeps
    # compiler threads alive with -XX:-UseDynamicNumberOfCompilerThreads, so none takes its ticks away on exit.)
    jit = 0
    for pid, owner in owners.items():
        ticks = compiler_ticks(pid)
        jit += ticks
        totals[owner] -= ticks
    totals["jit-compilation"] = jit
    for name, ticks in sorted(totals.items()):
        print(name, round(ticks * TICK_MS))


main()
