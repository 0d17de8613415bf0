#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Removes the members appended since the baseline from struct_size-led structs of an abidw dump.

abigail 2.2's `has_data_member_inserted_at = end` suppresses the whole diff of a struct once
its insertions are at the end, so a member whose type changed in the same struct would slip
through. abi-check.sh therefore also compares the baseline with a view of the current ABI in
which every struct that starts with `uint32_t struct_size` is cut back to the baseline's member
count and size. In that view an append is no change at all, and everything else (a changed
type, an insertion in the middle, a removed member) still is, with no suppression to hide it.

Usage: abi_strip_appends.py <baseline.abi> <current.abi> <out.abi>
"""
import sys
import xml.etree.ElementTree as ET


def typedef_names(root):
    return {t.get("id"): t.get("name") for t in root.iter("typedef-decl")}


def embedded_type_ids(root):
    """Ids of the types some struct holds by value, with the typedefs that name them resolved."""
    target = {t.get("id"): t.get("type-id") for t in root.iter("typedef-decl")}
    ids = set()
    for member in root.iter("data-member"):
        var = member.find("var-decl")
        tid = var.get("type-id") if var is not None else None
        for _ in range(8):  # bounded walk down a typedef chain
            if tid is None or tid in ids:
                break
            ids.add(tid)
            tid = target.get(tid)
    return ids


def growable_structs(root):
    """Maps struct name -> class-decl element for every struct that may grow at its end: defined,
    led by `uint32_t struct_size`, and never held by value inside another struct (growing
    portier_event_header would move every field of every event record)."""
    names = typedef_names(root)
    embedded = embedded_type_ids(root)
    found = {}
    for cls in root.iter("class-decl"):
        if cls.get("is-declaration-only") == "yes" or cls.get("id") in embedded:
            continue
        members = cls.findall("data-member")
        if not members:
            continue
        first = members[0].find("var-decl")
        if first is not None and first.get("name") == "struct_size" \
                and names.get(first.get("type-id")) == "uint32_t":
            found[cls.get("name")] = cls
    return found


def main(argv):
    if len(argv) != 4:
        sys.stderr.write("usage: abi_strip_appends.py <baseline.abi> <current.abi> <out.abi>\n")
        return 2
    baseline = growable_structs(ET.parse(argv[1]).getroot())
    tree = ET.parse(argv[2])
    for name, cls in growable_structs(tree.getroot()).items():
        old = baseline.get(name)
        if old is None:
            continue
        keep = len(old.findall("data-member"))
        members = cls.findall("data-member")
        if len(members) <= keep:
            continue  # not grown: leave it for abidiff to judge as it is
        for extra in members[keep:]:
            cls.remove(extra)
        cls.set("size-in-bits", old.get("size-in-bits"))
    tree.write(argv[3], encoding="utf-8", xml_declaration=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
