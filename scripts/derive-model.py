#!/usr/bin/env python3
"""Derive Rivulet's compact service model from a botocore service-2.json[.gz].

Keeps what the protocol layer needs to route, validate, bind and render errors: metadata
(targetPrefix, jsonVersion, protocol), operations (input/output/error shape names) and shapes
(type, members, required, min, max, pattern, enum, list member, map key/value, exception/error
traits, event/eventstream flags). Documentation strings are dropped.

Usage:
  scripts/derive-model.py SERVICE VERSION OUT.json        (finds botocore's data directory)
  scripts/derive-model.py --input service-2.json[.gz] OUT.json
"""

import argparse
import gzip
import json
import os
import sys

SHAPE_KEYS = ("type", "required", "min", "max", "pattern", "enum", "eventstream", "event",
              "exception", "fault", "sensitive", "streaming")


def botocore_file(service, version):
    import botocore  # noqa: imported only to locate its data directory

    base = os.path.join(os.path.dirname(botocore.__file__), "data", service, version)
    for name in ("service-2.json", "service-2.json.gz"):
        path = os.path.join(base, name)
        if os.path.exists(path):
            return path
    sys.exit("no service-2.json[.gz] under " + base)


def load(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def member_ref(ref):
    out = {"shape": ref["shape"]}
    for key in ("eventpayload", "jsonvalue", "idempotencyToken"):
        if ref.get(key):
            out[key] = True
    return out


def derive_shape(shape):
    out = {k: shape[k] for k in SHAPE_KEYS if k in shape}
    if "members" in shape:
        out["members"] = {name: member_ref(ref) for name, ref in shape["members"].items()}
    for key in ("member", "key", "value"):
        if key in shape:
            out[key] = member_ref(shape[key])
    if "error" in shape:
        err = shape["error"]
        out["error"] = {k: err[k] for k in ("code", "httpStatusCode", "senderFault") if k in err}
    return out


def derive(model):
    meta = model["metadata"]
    operations = {}
    for name, op in model["operations"].items():
        entry = {}
        if "input" in op:
            entry["input"] = op["input"]["shape"]
        if "output" in op:
            entry["output"] = op["output"]["shape"]
        entry["errors"] = [e["shape"] for e in op.get("errors", [])]
        operations[name] = entry
    return {
        "metadata": {k: meta[k] for k in ("apiVersion", "targetPrefix", "jsonVersion", "protocol",
                                          "uid") if k in meta},
        "operations": dict(sorted(operations.items())),
        "shapes": {name: derive_shape(s) for name, s in sorted(model["shapes"].items())},
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", help="a service-2.json or service-2.json.gz")
    parser.add_argument("args", nargs="+", help="[SERVICE VERSION] OUT.json")
    ns = parser.parse_args()
    if ns.input:
        if len(ns.args) != 1:
            parser.error("with --input give only OUT.json")
        source, out = ns.input, ns.args[0]
    else:
        if len(ns.args) != 3:
            parser.error("give SERVICE VERSION OUT.json")
        source, out = botocore_file(ns.args[0], ns.args[1]), ns.args[2]
    derived = derive(load(source))
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        json.dump(derived, f, indent=1, sort_keys=False)
        f.write("\n")


if __name__ == "__main__":
    main()
