#!/usr/bin/env python3
# check-tfevents.py — cross-checks the core's TensorBoard event files with an independent reader
#
# Copyright 2026 The Crowdscope Authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-tfevents.py WRITE_FORMATS
#
# Parses the event file the core wrote with a protocol buffer decoder and CRC-32C written here in
# plain Python, from the TFRecord framing and event.proto / summary.proto, and compares every
# scalar. The core only writes event files (TensorBoard reads them), so there is no reading the
# other way round.

import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def make_crc_table():
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


CRC_TABLE = make_crc_table()


def crc32c(data):
    crc = 0xFFFFFFFF
    for byte in data:
        crc = CRC_TABLE[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def masked_crc(data):
    crc = crc32c(data)
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def read_records(buf):
    pos = 0
    while pos < len(buf):
        check(len(buf) - pos >= 12, f"truncated record header at byte {pos}")
        length_bytes = buf[pos:pos + 8]
        (length,) = struct.unpack("<Q", length_bytes)
        (length_crc,) = struct.unpack("<I", buf[pos + 8:pos + 12])
        check(length_crc == masked_crc(length_bytes), f"length CRC mismatch at byte {pos}")
        data = buf[pos + 12:pos + 12 + length]
        check(len(data) == length and len(buf) >= pos + 16 + length, f"truncated record at {pos}")
        (data_crc,) = struct.unpack("<I", buf[pos + 12 + length:pos + 16 + length])
        check(data_crc == masked_crc(data), f"data CRC mismatch at byte {pos}")
        yield data
        pos += 16 + length


def read_varint(buf, pos):
    result = 0
    shift = 0
    while True:
        byte = buf[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7


def fields(buf):
    """Yields (field number, value): ints for varints, bytes for the other wire types."""
    pos = 0
    while pos < len(buf):
        key, pos = read_varint(buf, pos)
        field, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = read_varint(buf, pos)
        elif wire == 1:
            value, pos = buf[pos:pos + 8], pos + 8
        elif wire == 2:
            length, pos = read_varint(buf, pos)
            value, pos = buf[pos:pos + length], pos + length
        elif wire == 5:
            value, pos = buf[pos:pos + 4], pos + 4
        else:
            fail(f"unexpected wire type {wire}")
        yield field, value


def decode_event(buf):
    event = {"wall_time": 0.0, "step": 0, "file_version": None, "values": []}
    for field, value in fields(buf):
        if field == 1:
            (event["wall_time"],) = struct.unpack("<d", value)
        elif field == 2:
            event["step"] = value - 2**64 if value >= 2**63 else value
        elif field == 3:
            event["file_version"] = value.decode("utf-8")
        elif field == 5:
            for summary_field, summary_value in fields(value):
                if summary_field == 1:
                    tag, simple = None, None
                    for value_field, v in fields(summary_value):
                        if value_field == 1:
                            tag = v.decode("utf-8")
                        elif value_field == 2:
                            simple = v
                    event["values"].append((tag, simple))
    return event


def f32_bytes(x):
    return struct.pack("<f", x)


def expected_scalars():
    """(wall_time, step, tag, float32 bytes) as write-formats.c writes them."""
    scalars = []
    for step in range(25):
        wall_time = 1700000000.0 + step * 0.5
        scalars.append((wall_time, step, "loss/train", f32_bytes(1.0 / (step + 1))))
        scalars.append((wall_time, step, "accuracy/valid", f32_bytes(step / 25.0)))
    scalars.append((1700000100.0, -1, "ünïcode tag", f32_bytes(-0.0)))
    return scalars


def check_core_file(log_dir, started):
    names = os.listdir(log_dir)
    check(len(names) == 1, f"expected one event file, found {names}")
    match = re.fullmatch(r"events\.out\.tfevents\.(\d+)\.(.+)", names[0])
    check(match is not None, f"unexpected file name {names[0]}")
    check(started - 1 <= int(match.group(1)) <= time.time() + 1, f"odd timestamp in {names[0]}")
    check(match.group(2) == socket.gethostname(), f"host name in {names[0]}")

    with open(os.path.join(log_dir, names[0]), "rb") as f:
        events = [decode_event(r) for r in read_records(f.read())]

    first = events[0]
    check(first["file_version"] == "brain.Event:2", f"first event {first}")
    check(started - 1 <= first["wall_time"] <= time.time() + 1, f"version wall_time {first}")
    check(first["values"] == [], "the version event holds values")

    got = []
    for event in events[1:]:
        check(event["file_version"] is None, "file_version after the first event")
        for tag, simple in event["values"]:
            got.append((event["wall_time"], event["step"], tag, simple))
    check(got == expected_scalars(), f"scalars differ: {got[:3]}...")


def main():
    write_formats = sys.argv[1]
    check(crc32c(b"123456789") == 0xE3069283, "the Python CRC-32C is wrong")
    tmp = tempfile.mkdtemp(prefix="crowdscope-check-tfevents-")
    try:
        started = int(time.time())
        subprocess.run([write_formats, "write", tmp], check=True)
        check_core_file(os.path.join(tmp, "logs"), started)
    finally:
        shutil.rmtree(tmp)
    print("ok: the core's event files agree with an independent Python reader")


if __name__ == "__main__":
    main()
