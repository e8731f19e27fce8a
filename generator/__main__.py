import sys

from .cli import main
from .warm_start import COMMANDS, run_warm, start_in_background

arguments = sys.argv[1:]
code = run_warm(arguments)  # by a process that has the generator loaded already, if one runs
if code is None:
    code = main(arguments)
    if arguments[:1] and arguments[0] in COMMANDS:
        start_in_background()  # for the next command
raise SystemExit(code)
