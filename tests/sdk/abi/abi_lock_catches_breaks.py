#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Proves the ABI lock: planted incompatible edits of a copy of the headers must be reported by
sdk/abi/abi-check.sh (the same script as the sdk_abi_diff test), and allowed edits must pass.
It also proves the layout lock rejects a moved field.

Usage: abi_lock_catches_breaks.py <abi-check.sh> <include-dir> <layout_lock.c>   (CC = compiler)
"""
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

HOST_TAIL = "   const void *(PORTIER_ABI *get_service)(portier_host_ctx *ctx, const char *sid);\n"

# (what, file, exact text, replacement). Each text must occur exactly once, so an edit that no
# longer applies fails the test instead of silently checking the unchanged headers.
BREAKS = [
    ("a field inserted in the middle of portier_host", "portier/host.h",
     "   const char *core_version;", "   uint32_t planted;\n   const char *core_version;"),
    ("a field's type changed in portier_plugin", "portier/plugin.h",
     "   const char *url; ", "   const uint8_t *url;"),
    ("an enumerator renumbered", "portier/status.h",
     "PORTIER_ERR_BUSY = -5,", "PORTIER_ERR_BUSY = -50,"),
    ("a function pointer's parameter list changed", "portier/host.h",
     "(PORTIER_ABI *timer_cancel)(portier_host_ctx *ctx, uint64_t id);",
     "(PORTIER_ABI *timer_cancel)(portier_host_ctx *ctx, uint64_t id, bool wait);"),
    ("a struct without struct_size growing", "portier/kind/directory.h",
     "   const char *number;              /* as the source",
     "   const char *number; uint32_t planted; /* as the source"),
    ("an appended field together with a changed type in portier_host", "portier/host.h",
     HOST_TAIL + "} portier_host;",
     HOST_TAIL + "   uint64_t planted;\n} portier_host;"
     ),  # the type change is added below, see EXTRA
    ("a field appended to portier_event_header", "portier/event.h",
     "   uint64_t correlation;    /* the command", "   uint64_t correlation; uint64_t planted; /*"),
    ("an enumerator removed", "portier/kind/directory.h",
     "   PORTIER_PHONE_FAX = 4,\n   PORTIER_PHONE_OTHER = 5", "   PORTIER_PHONE_FAX = 4"),
]
EXTRA = {5: ("portier/host.h", "   int64_t (PORTIER_ABI *now_us)", "   uint64_t (PORTIER_ABI *now_us)")}

ALLOWED = [
    ("a field appended at the end of portier_host", "portier/host.h",
     HOST_TAIL + "} portier_host;", HOST_TAIL + "   uint64_t planted;\n} portier_host;"),
    ("a new enumerator appended to an anonymous enum", "portier/status.h",
     "   PORTIER_ERR_INTERNAL = -13 ", "   PORTIER_ERR_INTERNAL = -13,\n   PORTIER_ERR_PLANTED = -14 "),
    ("a new struct added", "portier/kind/service.h",
     "#endif /* PORTIER_KIND_SERVICE_H */",
     "typedef struct portier_planted_v1 {\n   uint32_t struct_size;\n   int32_t value;\n"
     "} portier_planted_v1;\n\n#endif /* PORTIER_KIND_SERVICE_H */"),
    ("a new anonymous enum added before the others", "portier/base.h",
     "/* PORTIER_EXPORT marks", "enum { PORTIER_PLANTED = 7 };\n\n/* PORTIER_EXPORT marks"),
]


def edit(root, rel, old, new):
    path = root / rel
    text = path.read_text()
    if text.count(old) != 1:
        raise SystemExit("planted edit no longer applies: %r occurs %d times in %s"
                         % (old, text.count(old), rel))
    path.write_text(text.replace(old, new))


def check(script, include):
    run = subprocess.run([script, str(include)], capture_output=True, text=True)
    codes = re.findall(r"abidiff exit code \((\S+)\): (\d+)", run.stdout)
    return run.returncode, ", ".join("%s %s" % c for c in codes), run.stdout + run.stderr


def main(argv):
    if len(argv) != 4:
        sys.stderr.write(__doc__)
        return 2
    script, include, layout_lock = argv[1], pathlib.Path(argv[2]), argv[3]
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        copy = pathlib.Path(tmp) / "include"
        cases = [(True, i, c) for i, c in enumerate(BREAKS)] + \
                [(False, i, c) for i, c in enumerate(ALLOWED)]
        for must_fail, index, (what, rel, old, new) in cases:
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(include, copy)
            edit(copy, rel, old, new)
            if must_fail and index in EXTRA:
                edit(copy, *EXTRA[index])
            rc, codes, output = check(script, copy)
            # A break must be caught by abidiff itself, not by a header that stopped compiling.
            ok = (rc == 1 and codes != "") if must_fail else rc == 0
            verdict = "ok  " if ok else "FAIL"
            expect = "reported" if must_fail else "accepted"
            print("%s %s must be %s: abi-check exit %d (abidiff: %s)" % (verdict, what, expect, rc, codes))
            if not ok:
                failures += 1
                print(output)

        # The layout lock compiles against the real headers and not against a moved field.
        cc = os.environ.get("CC", "cc")
        for moved in (False, True):
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(include, copy)
            if moved:
                edit(copy, *BREAKS[0][1:])
            run = subprocess.run([cc, "-std=c11", "-fsyntax-only", "-I", str(copy), layout_lock],
                                 capture_output=True, text=True)
            ok = (run.returncode != 0) == moved and (not moved or "offsetof portier_host" in run.stderr)
            print("%s layout lock %s a field moved in portier_host" %
                  ("ok  " if ok else "FAIL", "rejects" if moved else "accepts the headers without"))
            if not ok:
                failures += 1
                print(run.stderr)
    print("%d passed, %d failed" % (len(BREAKS) + len(ALLOWED) + 2 - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
