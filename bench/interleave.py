#!/usr/bin/env python3
"""Times several commands in turn, round after round, so that a slow spell of a shared machine falls
on all of them alike and the ratios between them hold (timing each command's runs in a block lets
the machine's drift between blocks show up as a ratio).

    interleave.py RUNS NAME=COMMAND ...

Each command runs once as a warm-up, then RUNS times, one run of each per round, through bash with
its output discarded and its exit code ignored (abilint exits 1 when it has findings). Prints one
line per command: NAME, median, mean, min and max in seconds, tab-separated.
"""
import statistics
import subprocess
import sys
import time


def run(command):
    start = time.perf_counter()
    subprocess.run(["bash", "-c", command], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    runs = int(sys.argv[1])
    commands = [arg.split("=", 1) for arg in sys.argv[2:]]
    times = {name: [] for name, _ in commands}
    for name, command in commands:
        print("timing %s: %s" % (name, command), file=sys.stderr)
        run(command)
    for _ in range(runs):
        for name, command in commands:
            times[name].append(run(command))
    for name, _ in commands:
        t = times[name]
        print("%s\t%.3f\t%.3f\t%.3f\t%.3f" % (name, statistics.median(t), statistics.mean(t), min(t), max(t)))


if __name__ == "__main__":
    main()
