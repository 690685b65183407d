"""Print the inclusive share of samples of chosen functions in a py-spy raw profile.

Record a profile of a running process, then read it:
    .venv/bin/py-spy record --rate 100 --format raw --duration 20 --pid PID -o rasa.txt
    .venv/bin/python benchmarks/profile_shares.py rasa.txt '_parse_message_with_graph' 'process @diet'
Each line of py-spy's raw format is a stack of frames separated by ';' and a sample count.
A frame is shown as `function @file.py`, and a function's share counts every sample in which
it appears at least once, with what it calls. Patterns are regular expressions matched
against that form. Without patterns, the 60 functions with the largest shares are printed.
"""

import argparse
import collections
import re
from pathlib import Path

FRAME = re.compile(r"^(?P<function>.*?) \((?P<path>.*?):\d+\)$")


def frame_name(frame: str) -> str:
    """Return `function @file.py` for a py-spy frame `function (path/file.py:line)`."""
    match = FRAME.match(frame)
    if match is None:
        return frame
    return f"{match['function']} @{Path(match['path']).name}"


def inclusive_samples(profile: Path) -> tuple[int, collections.Counter]:
    """Return the total number of samples and, per function, the samples that contain it."""
    total = 0
    per_function: collections.Counter = collections.Counter()
    for line in profile.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack:
            continue
        samples = int(count)
        total += samples
        for name in {frame_name(frame) for frame in stack.split(";")}:
            per_function[name] += samples
    return total, per_function


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profile", type=Path, help="py-spy output recorded with --format raw")
    parser.add_argument("patterns", nargs="*", help="regular expressions for the functions to show")
    arguments = parser.parse_args()

    total, per_function = inclusive_samples(arguments.profile)
    print(f"{total} samples")
    ranked = per_function.most_common()
    if arguments.patterns:
        ranked = [(name, samples) for name, samples in ranked if any(re.search(p, name) for p in arguments.patterns)]
    else:
        ranked = ranked[:60]
    for name, samples in ranked:
        print(f"{100 * samples / total:5.1f} %  {name}")


if __name__ == "__main__":
    main()
