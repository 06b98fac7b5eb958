"""Writes a YOLO dataset for the annotations benchmark: IMAGES small real PNGs (four sizes, every pixel black, so the
header is all the step reads and the files stay a few hundred bytes), images/{train,val}/ and labels/{train,val}/
with BOXES boxes in all (random classes, centres and sizes, every box inside its image), and data.yaml naming CLASSES
classes. Usage: make_yolo_dataset.py DIR [IMAGES] [BOXES] [CLASSES]"""
import os
import random
import struct
import sys
import zlib


def png(width, height):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes(width) for _ in range(height))  # grayscale, filter 0 on every row
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main():
    root = sys.argv[1]
    given, defaults = [int(a) for a in sys.argv[2:5]], [10000, 100000, 20]
    images, boxes, classes = given + defaults[len(given):]
    rng = random.Random(13)
    pngs = [png(w, h) for w, h in ((640, 480), (1280, 720), (480, 640), (1024, 1024))]
    with open(os.path.join(root, "data.yaml"), "w") as f:
        f.write("path: .\ntrain: images/train\nval: images/val\nnames:\n")
        f.writelines(f"  {i}: class{i}\n" for i in range(classes))
    per_image = [boxes // images + (1 if i < boxes % images else 0) for i in range(images)]
    for i in range(images):
        split = "val" if i % 5 == 0 else "train"
        for kind in ("images", "labels"):
            os.makedirs(os.path.join(root, kind, split), exist_ok=True)
        with open(os.path.join(root, "images", split, f"{i:06d}.png"), "wb") as f:
            f.write(pngs[i % len(pngs)])
        lines = []
        for _ in range(per_image[i]):
            w, h = rng.uniform(0.01, 0.5), rng.uniform(0.01, 0.5)
            x, y = rng.uniform(w / 2, 1 - w / 2), rng.uniform(h / 2, 1 - h / 2)
            lines.append(f"{rng.randrange(classes)} {x:.6f} {y:.6f} {w:.6f} {h:.6f}\n")
        with open(os.path.join(root, "labels", split, f"{i:06d}.txt"), "w") as f:
            f.writelines(lines)


main()
