# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP output for the Python end-to-end tests: ok, skip, then finish."""
n_test = 0
failed = 0


def ok(cond, name, diag=""):
    global n_test, failed
    n_test += 1
    print(("ok" if cond else "not ok") + " %d - %s" % (n_test, name))
    if not cond:
        failed += 1
        for line in str(diag).splitlines():
            print("# " + line)


def skip(name, why):
    global n_test
    n_test += 1
    print("ok %d - %s # SKIP %s" % (n_test, name, why))


def finish():
    """Prints the plan; the exit status."""
    print("1..%d" % n_test)
    return 1 if failed else 0
