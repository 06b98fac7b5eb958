"""The reference for the annotations benchmark: what Ultralytics does to a YOLO dataset before training
(ultralytics/data/utils.py, verify_image_label), on one process: for every image, its size from the header (PIL opens
lazily: no pixel is decoded), its label file parsed with numpy, values checked in 0..1, duplicate rows dropped; then
class counts. Prints images, boxes and problems found. Usage: yolo_check.py DIR"""
import glob
import os
import sys

import numpy as np
from PIL import Image

root = sys.argv[1]
images = sorted(glob.glob(os.path.join(root, "images", "**", "*.png"), recursive=True))
boxes = problems = 0
classes = {}
for image in images:
    with Image.open(image) as im:
        width, height = im.size
    # img2label_paths: the last /images/ becomes /labels/.
    label = os.path.splitext(f"{os.sep}labels{os.sep}".join(image.rsplit(f"{os.sep}images{os.sep}", 1)))[0] + ".txt"
    if not os.path.exists(label):
        problems += 1
        continue
    with open(label) as f:
        rows = [line.split() for line in f.read().strip().splitlines() if line.strip()]
    if not rows:
        problems += 1
        continue
    lb = np.array(rows, dtype=np.float32)
    if lb.shape[1] != 5 or (lb[:, 1:] > 1).any() or (lb < 0).any():
        problems += 1
    _, unique = np.unique(lb, axis=0, return_index=True)
    problems += len(lb) - len(unique)
    boxes += len(lb)
    for c in lb[:, 0].astype(int):
        classes[c] = classes.get(c, 0) + 1
print(f"{len(images)} images, {boxes} boxes, {len(classes)} classes, {problems} problems")
