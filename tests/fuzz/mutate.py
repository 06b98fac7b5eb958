#!/usr/bin/python3
"""Writes COUNT mutated image files made from the samples, reproducibly from SEED:
bit flips, truncation at a random offset, corrupted header bytes, PNG chunks with a corrupted length or data but a
recomputed CRC (so the decoder, not the CRC check, meets the damage), JPEG markers with corrupted lengths, one
format's body behind another's signature, and random insertions.
Usage: mutate.py SEED COUNT SAMPLES_DIR OUT_DIR"""
import os
import random
import struct
import sys
import zlib

seed, count, samples, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
rng = random.Random(seed)
os.makedirs(out, exist_ok=True)
sources = [open(os.path.join(samples, n), "rb").read() for n in sorted(os.listdir(samples))]
sources = [s for s in sources if len(s) > 64]


def png_chunks(b):
    pos, chunks = 8, []
    while pos + 12 <= len(b):
        length = struct.unpack(">I", b[pos:pos + 4])[0]
        if pos + 12 + length > len(b):
            break
        chunks.append((pos, length))
        pos += 12 + length
    return chunks


def mutate(b):
    b = bytearray(b)
    kind = rng.randrange(8)
    if kind == 0:  # bit flips anywhere
        for _ in range(rng.randint(1, 32)):
            p = rng.randrange(len(b)); b[p] ^= 1 << rng.randrange(8)
    elif kind == 1:  # truncation
        b = b[:rng.randrange(1, len(b))]
    elif kind == 2:  # header bytes
        for _ in range(rng.randint(1, 4)):
            p = rng.randrange(min(len(b), 96)); b[p] = rng.randrange(256)
    elif kind == 3 and b.startswith(b"\x89PNG"):  # PNG chunk damaged behind a valid CRC
        chunks = png_chunks(b)
        if chunks:
            pos, length = rng.choice(chunks)
            if rng.random() < 0.3:
                struct.pack_into(">I", b, pos, rng.choice([0, 1, length + 1, length * 2, 0x7FFFFFFF]))
            elif length:
                for _ in range(rng.randint(1, 8)):
                    p = pos + 8 + rng.randrange(length); b[p] = rng.randrange(256)
                crc = zlib.crc32(bytes(b[pos + 4:pos + 8 + length])) & 0xFFFFFFFF
                struct.pack_into(">I", b, pos + 8 + length, crc)
    elif kind == 4 and b.startswith(b"\xff\xd8"):  # JPEG segment length corrupted
        markers = [i for i in range(2, min(len(b) - 4, 4096)) if b[i] == 0xFF and b[i + 1] not in (0, 0xFF, 0xD8, 0xD9)]
        if markers:
            p = rng.choice(markers); struct.pack_into(">H", b, p + 2, rng.randrange(65536))
    elif kind == 5:  # one format's body behind another's signature
        other = rng.choice(sources)
        b = bytearray(other[:rng.randint(4, 16)]) + b[rng.randint(4, 16):]
    elif kind == 6:  # random insertion
        p = rng.randrange(len(b)); b[p:p] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 200)))
    else:  # several of the above
        for _ in range(3):
            p = rng.randrange(len(b)); b[p] ^= 0xFF
        b = b[:max(16, len(b) - rng.randrange(len(b) // 4 + 1))]
    return bytes(b)


extensions = [".jpg", ".png", ".tif", ".gif", ".bmp", ".webp", ""]
for i in range(count):
    with open(os.path.join(out, f"fuzz{i:06d}{rng.choice(extensions)}"), "wb") as f:
        f.write(mutate(rng.choice(sources)))
