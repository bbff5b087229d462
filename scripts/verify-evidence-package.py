#!/usr/bin/env python3
"""Checks a zhifa court evidence package offline with nothing but Python's standard
library (docs/court-export.md): every file's SHA-256 and SM3 against manifest.json,
every ledger entry's leaf hash and RFC 9162 inclusion proof against the root of
checkpoint.txt, and that the ledger commits to each file's digest. The checkpoint's
signature is checked separately with openssl (docs/court-export.md, step 3).

usage: verify-evidence-package.py DIR   (the unzipped package)
exit 0: intact; 1: a mismatch (printed)."""
import base64
import hashlib
import json
import os
import sys


def fail(msg):
    print(f"FAILED: {msg}")
    sys.exit(1)


def verify_inclusion(h, index, size, leaf_hash, path, root):
    # RFC 9162 section 2.1.3.2
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf_hash
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = h(b"\x01" + p + r)
            if not fn & 1:
                while True:
                    fn >>= 1
                    sn >>= 1
                    if fn & 1 or fn == 0:
                        break
        else:
            r = h(b"\x01" + r + p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def main(d):
    manifest = json.load(open(os.path.join(d, "manifest.json"), encoding="utf-8"))
    lines = open(os.path.join(d, "checkpoint.txt"), encoding="utf-8").read().split("\n")
    origin, size, root = lines[0], int(lines[1]), base64.b64decode(lines[2], validate=True)
    alg = "sm3" if origin.endswith("/sm3") else "sha256"
    h = lambda b: hashlib.new(alg, b).digest()
    for item in manifest["items"]:
        data = open(os.path.join(d, item["path"]), "rb").read()
        if hashlib.sha256(data).hexdigest() != item["sha256"] or len(data) != item["size"]:
            fail(f"{item['path']}: SHA-256 does not match the manifest")
        if hashlib.new("sm3", data).hexdigest() != item["sm3"]:
            fail(f"{item['path']}: SM3 does not match the manifest")
        for role, action in (("created", "evidence.create"), ("exported", "evidence.export")):
            e = item[role]
            leaf = e["leaf"].encode("utf-8")
            lh = h(b"\x00" + leaf)
            if lh.hex() != e["leaf_hash"]:
                fail(f"entry {e['index']}: leaf hash does not match its bytes")
            path = [bytes.fromhex(p) for p in e["audit_path"]]
            if not verify_inclusion(h, e["index"], size, lh, path, root):
                fail(f"entry {e['index']}: not included in the checkpoint of size {size}")
            entry = json.loads(leaf)
            if entry["id"] != item["id"] or entry["action"] != action or entry["seq"] != e["index"]:
                fail(f"entry {e['index']} is not the {action} of {item['id']}")
        e = item["exported"]
        committed = json.loads(e["leaf"])["state"]
        if h(bytes.fromhex(e["salt"]) + e["state"].encode("utf-8")).hex() != committed:
            fail(f"{item['id']}: the state does not match the ledger entry")
        state = json.loads(e["state"])
        if (state["sha256"], state["sm3"], state["size"]) != (item["sha256"], item["sm3"], item["size"]):
            fail(f"{item['id']}: the ledger commits to other digests than the manifest")
    print(f"ok: {len(manifest['items'])} files; every entry is in the tree of size {size} "
          f"with root {root.hex()} ({origin}); now check the checkpoint signature")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    main(sys.argv[1])
