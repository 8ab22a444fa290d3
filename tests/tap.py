# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP output for the Python tests: ok, skip, then finish. A failure's
details go to stdout as TAP comments and to stderr as well, so a CI log that
shows only a failing test's stderr (meson does) says what failed, as
tests/tap.sh does for the shell tests. Import it with the tests folder on
sys.path."""
import sys

n_test = 0
failed = 0


def ok(cond, name, *diag):
    """One test point; each diag (a string, maybe of several lines) is shown
    when cond is false. Returns cond."""
    global n_test, failed
    n_test += 1
    print(("ok" if cond else "not ok") + " %d - %s" % (n_test, name))
    if not cond:
        failed += 1
        print("not ok %d - %s" % (n_test, name), file=sys.stderr)
        for d in diag:
            for line in str(d).splitlines():
                print("#   " + line)
                print("#   " + line, file=sys.stderr)
    return cond


def skip(name, why):
    global n_test
    n_test += 1
    print("ok %d - %s # SKIP %s" % (n_test, name, why))


def finish():
    """Prints the plan; the exit status."""
    print("1..%d" % n_test)
    return 1 if failed else 0
