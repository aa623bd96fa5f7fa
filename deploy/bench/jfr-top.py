#!/usr/bin/env python3
"""Ranks where a JVM spends its CPU from a JFR recording's execution samples.

    deploy/bench/jfr-top.py recording.jfr [rows] [package-prefix]

Prints the methods most often on top of the stack (self time) and the methods most often anywhere on it
(inclusive time), as a share of all samples. With a package prefix (e.g. com.telemed), the inclusive table
lists only frames of that package, which shows how much of the time runs under the project's own code.
"""
import collections
import json
import subprocess
import sys


def frames_of(recording):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "96", "--events", "jdk.ExecutionSample",
                          recording], check=True, capture_output=True, text=True).stdout
    for event in json.loads(out)["recording"]["events"]:
        stack = event["values"].get("stackTrace") or {}
        names = []
        for frame in stack.get("frames", []):
            method = frame["method"]
            names.append(f'{method["type"]["name"]}.{method["name"]}')
        if names:
            yield names


def main():
    recording = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    prefix = sys.argv[3] if len(sys.argv) > 3 else None
    own, anywhere, total = collections.Counter(), collections.Counter(), 0
    for names in frames_of(recording):
        total += 1
        own[names[0]] += 1
        for name in set(names):
            if prefix is None or name.startswith(prefix):
                anywhere[name] += 1
    if not total:
        print("no execution samples in the recording")
        return
    print(f"{total} samples\n\nself")
    for name, count in own.most_common(rows):
        print(f"{100 * count / total:6.1f}%  {name}")
    print("\ninclusive" + (f" ({prefix}*)" if prefix else ""))
    for name, count in anywhere.most_common(rows):
        print(f"{100 * count / total:6.1f}%  {name}")


if __name__ == "__main__":
    main()
