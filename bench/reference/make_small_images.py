#!/usr/bin/python3
"""Writes COUNT small, distinct images (96x72, PNG and JPEG, shapes and noise) into DIR, for the engine benchmark.
Usage: make_small_images.py DIR COUNT [SEED]"""
import os
import sys

import cv2
import numpy as np

out, count = sys.argv[1], int(sys.argv[2])
rng = np.random.default_rng(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
os.makedirs(out, exist_ok=True)
for i in range(count):
    image = np.full((72, 96, 3), rng.integers(0, 256, 3), np.uint8)
    for _ in range(3):
        center = (int(rng.integers(0, 96)), int(rng.integers(0, 72)))
        cv2.circle(image, center, int(rng.integers(4, 30)), [int(c) for c in rng.integers(0, 256, 3)], -1)
    image = cv2.add(image, rng.integers(0, 24, image.shape, dtype=np.uint8))
    name = f"img{i:05d}." + ("jpg" if i % 2 else "png")
    cv2.imwrite(os.path.join(out, name), image)
