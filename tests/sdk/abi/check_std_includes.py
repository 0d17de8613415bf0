#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks that the SDK's C headers include nothing but <stdint.h>, <stddef.h>, <stdbool.h> and
other SDK headers by relative path (sdk-abi.md 3.2: no third-party or platform type may reach
the boundary). Every #include of every *.h under <include-dir>/portier is judged; a quoted
include must name an existing file inside <include-dir>/portier.

Usage: check_std_includes.py <include-dir>     exit 0 clean, 1 with a list of offenders
"""
import pathlib
import re
import sys

ALLOWED_SYSTEM = {"stdint.h", "stddef.h", "stdbool.h"}
INCLUDE = re.compile(r'^\s*#\s*include(_next)?\s*(.*?)\s*(/[/*].*)?$')


def offences(root):
    root = root.resolve()
    sdk = root / "portier"
    found = []
    headers = sorted(sdk.rglob("*.h"))
    if not headers:
        return ["%s: no headers found" % sdk]
    for header in headers:
        for number, line in enumerate(header.read_text().splitlines(), 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            where = "%s:%d" % (header.relative_to(root), number)
            target = m.group(2)
            if m.group(1):
                found.append("%s: #include_next is not allowed" % where)
            elif target.startswith("<") and target.endswith(">"):
                if target[1:-1] not in ALLOWED_SYSTEM:
                    found.append("%s: %s is not one of <stdint.h>, <stddef.h>, <stdbool.h>"
                                 % (where, target))
            elif target.startswith('"') and target.endswith('"'):
                resolved = (header.parent / target[1:-1]).resolve()
                if sdk not in resolved.parents or not resolved.is_file():
                    found.append("%s: %s is not an SDK header next to it" % (where, target))
            else:
                found.append("%s: computed include %s" % (where, target))
    return found


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: check_std_includes.py <include-dir>\n")
        return 2
    found = offences(pathlib.Path(argv[1]))
    for line in found:
        print(line)
    if found:
        print("%d include(s) outside the C standard headers and the SDK" % len(found))
        return 1
    print("every #include is a C standard header or a relative SDK header")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
