#!/usr/bin/env python3
# check-safetensors.py — cross-checks the core's safetensors files with an independent reader
#
# Copyright 2026 The Crowdscope Authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-safetensors.py WRITE_FORMATS
#
# Reads a file the core wrote the way safetensors.numpy.load_file does (header size, JSON header,
# numpy.frombuffer at the offsets) and compares every value bit for bit. Then writes a file laid
# out as another writer might (metadata first, header entries out of data order, unpadded header)
# and checks that the core reads the same values back (the metadata it checks but does not keep),
# and that it refuses a corrupt variant.
# Exits 77, which meson reports as skipped, when numpy is missing.

import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile

try:
    import numpy as np
except ImportError:
    print("numpy is missing (Debian: apt-get install python3-numpy); skipping", file=sys.stderr)
    sys.exit(77)

DTYPES = {"F32": np.dtype("<f4"), "I32": np.dtype("<i4")}

EXPECTED_METADATA = {
    "crowdscope.version": "0.1.0",
    "epoch": "12",
    "text": 'ünï "q"\n\\',
}


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def expected_tensors():
    """The tensors write-formats.c writes, in its order, from the same formulas. Each value is
    computed in double precision and rounded to float32, as the C casts do."""
    labels = [(i * 7919) % 23 - 11 for i in range(11)]
    labels[0] = -2**31
    labels[10] = 2**31 - 1
    return [
        ("embedding.weight", "F32", [7, 5],
         np.array([(i - 17) / 3.0 for i in range(35)]).astype(np.float32).reshape(7, 5)),
        ("classifier.bias", "F32", [5],
         np.array([1e-3 * i * (1 if i % 2 == 0 else -1) for i in range(5)]).astype(np.float32)),
        ("confusion", "F32", [3, 2, 2, 2],
         np.array([i * 0.1 for i in range(24)]).astype(np.float32).reshape(3, 2, 2, 2)),
        ("labels", "I32", [11], np.array(labels, dtype=np.int32)),
        ("scalar", "F32", [], np.array(42.5, dtype=np.float32)),
        ("empty", "F32", [0, 4], np.zeros((0, 4), dtype=np.float32)),
    ]


def load_like_safetensors_numpy(path):
    with open(path, "rb") as f:
        buf = f.read()
    (n,) = struct.unpack("<Q", buf[:8])
    check(n % 8 == 0, f"header size {n} is not a multiple of 8")
    text = buf[8:8 + n].decode("utf-8")
    check(text.startswith("{") and text.rstrip(" ").endswith("}"),
          "header is not a JSON object padded with spaces")
    header = json.loads(text)
    metadata = header.pop("__metadata__", {})
    data = buf[8 + n:]

    tensors = {}
    spans = []
    for name, info in header.items():
        begin, end = info["data_offsets"]
        dtype = DTYPES[info["dtype"]]
        array = np.frombuffer(data, dtype=dtype, count=(end - begin) // dtype.itemsize,
                              offset=begin)
        tensors[name] = (info["dtype"], info["shape"], array.reshape(info["shape"]))
        spans.append((begin, end, name))
    return list(header.keys()), tensors, metadata, spans, len(data)


def check_core_file(path):
    names, tensors, metadata, spans, data_len = load_like_safetensors_numpy(path)
    expected = expected_tensors()

    check(names == [e[0] for e in expected], f"tensor order {names}")
    covered = 0
    for begin, end, name in spans:
        check(begin == covered, f"tensor {name} starts at {begin}, expected {covered}")
        covered = end
    check(covered == data_len, f"tensors cover {covered} of {data_len} data bytes")

    for name, dtype, shape, values in expected:
        got_dtype, got_shape, got = tensors[name]
        check(got_dtype == dtype, f"{name}: dtype {got_dtype}, expected {dtype}")
        check(got_shape == shape, f"{name}: shape {got_shape}, expected {shape}")
        check(got.tobytes() == values.tobytes(), f"{name}: values {got}, expected {values}")
        check(np.array_equal(got, values), f"{name}: values differ")
    check(metadata == EXPECTED_METADATA, f"metadata {metadata}")


def write_foreign(path, overlap=False):
    """Lays out the expected tensors as another writer might: metadata first, header entries
    in one order and data in the reverse order, indented JSON of odd length, no padding."""
    expected = expected_tensors()
    data = b""
    offsets = {}
    for name, dtype, shape, values in reversed(expected):
        offsets[name] = [len(data), len(data) + values.nbytes]
        data += values.tobytes()
    if overlap:
        offsets["labels"] = [offsets["labels"][0] - 4, offsets["labels"][1] - 4]

    header = {"__metadata__": dict(EXPECTED_METADATA, format="np")}
    for name, dtype, shape, values in expected:
        header[name] = {"shape": shape, "dtype": dtype, "data_offsets": offsets[name]}
    text = json.dumps(header, indent=2, ensure_ascii=False).encode("utf-8")
    if len(text) % 2 == 0:
        text += b"\n"
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + data)


def check_core_reads(write_formats, path):
    result = subprocess.run([write_formats, "dump-safetensors", path],
                            capture_output=True, text=True)
    check(result.returncode == 0, f"core refused {path}: {result.stderr}")

    tensors = []
    for line in result.stdout.splitlines():
        fields = line.split("\t")
        if fields[0] == "tensor":
            tensors.append(fields[1:])

    expected = expected_tensors()
    check(len(tensors) == len(expected), f"core read {len(tensors)} tensors")
    for got, (e_name, e_dtype, e_shape, values) in zip(tensors, expected):
        name, dtype, shape, data_hex = got
        check(name == e_name, f"core read tensor {name}, expected {e_name}")
        check(dtype == e_dtype, f"{name}: core read dtype {dtype}")
        check(shape == ",".join(str(d) for d in e_shape), f"{name}: core read shape {shape}")
        check(data_hex == values.tobytes().hex(), f"{name}: core read other values")


def check_core_refuses(write_formats, path):
    result = subprocess.run([write_formats, "dump-safetensors", path],
                            capture_output=True, text=True)
    check(result.returncode == 1, f"core accepted overlapping tensors in {path}")
    check(path in result.stderr and "overlap" in result.stderr,
          f"unhelpful error: {result.stderr}")


def main():
    write_formats = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix="crowdscope-check-safetensors-")
    try:
        subprocess.run([write_formats, "write", tmp], check=True)
        check_core_file(os.path.join(tmp, "model.safetensors"))

        foreign = os.path.join(tmp, "foreign.safetensors")
        write_foreign(foreign)
        check_core_reads(write_formats, foreign)

        overlapping = os.path.join(tmp, "overlapping.safetensors")
        write_foreign(overlapping, overlap=True)
        check_core_refuses(write_formats, overlapping)
    finally:
        shutil.rmtree(tmp)
    print("ok: safetensors files agree with an independent numpy reader and writer")


if __name__ == "__main__":
    main()
