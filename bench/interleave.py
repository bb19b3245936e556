#!/usr/bin/env python3
"""Times several commands in turn, round after round, so that a slow spell of a shared machine falls
on all of them alike and the ratios between them hold (timing each command's runs in a block lets
the machine's drift between blocks show up as a ratio).

    interleave.py [--cpu] RUNS NAME=COMMAND ...

Each command runs once as a warm-up, then RUNS times, one run of each per round, through bash with
its output discarded and its exit code ignored (abilint exits 1 when it has findings). Prints one
line per command: NAME, median, mean, min and max in seconds, tab-separated. With --cpu, a sixth
column: the median CPU time (user + sys of the command and all its children), which a loaded machine
disturbs less than wall time.
"""
import os
import statistics
import subprocess
import sys
import time


def run(command):
    """Wall time and CPU time (user + sys of bash and everything it waited for) of one run."""
    before = os.times()
    start = time.perf_counter()
    subprocess.run(["bash", "-c", command], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu


def main():
    args = sys.argv[1:]
    cpu = args[0] == "--cpu"
    if cpu:
        args = args[1:]
    runs = int(args[0])
    commands = [arg.split("=", 1) for arg in args[1:]]
    times = {name: [] for name, _ in commands}
    cpus = {name: [] for name, _ in commands}
    for name, command in commands:
        print("timing %s: %s" % (name, command), file=sys.stderr)
        run(command)
    for _ in range(runs):
        for name, command in commands:
            wall, used = run(command)
            times[name].append(wall)
            cpus[name].append(used)
    for name, _ in commands:
        t = times[name]
        line = "%s\t%.3f\t%.3f\t%.3f\t%.3f" % (name, statistics.median(t), statistics.mean(t), min(t), max(t))
        if cpu:
            line += "\t%.3f" % statistics.median(cpus[name])
        print(line, flush=True)


if __name__ == "__main__":
    main()
