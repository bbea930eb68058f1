#!/usr/bin/env python3
"""Draws images/icon.png (128x128), the extension's icon: an open trapdoor in a WebAssembly-violet tile.

Plain Python (zlib + struct), so rebuilding it needs nothing installed: python3 scripts/make-icon.py
"""
import struct
import zlib
from pathlib import Path

SIZE = 128
VIOLET = (101, 79, 240, 255)
DARK = (24, 20, 48, 255)
LID = (236, 232, 255, 255)
HINGE = (255, 184, 76, 255)
CLEAR = (0, 0, 0, 0)


def inside_rounded(x, y, r=22):
    cx = min(max(x, r), SIZE - 1 - r)
    cy = min(max(y, r), SIZE - 1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def pixel(x, y):
    if not inside_rounded(x, y):
        return CLEAR
    # The opening: a dark rectangle in the lower half.
    if 30 <= x <= 97 and 70 <= y <= 104:
        return DARK
    # The lid, swung up from the hinge at y = 70: a parallelogram leaning right.
    if 40 <= y <= 69:
        shift = (69 - y) * 0.35
        if 30 + shift <= x <= 97 + shift:
            return HINGE if y >= 66 else LID
    return VIOLET


def png(width, height, rows):
    raw = b"".join(b"\x00" + bytes(c for p in row for c in p) for row in rows)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent / "images" / "icon.png"
    out.write_bytes(png(SIZE, SIZE, [[pixel(x, y) for x in range(SIZE)] for y in range(SIZE)]))
    print(out)
