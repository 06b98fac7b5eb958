# Pachyderm's OpenCV example (examples/opencv/edges.py), unchanged but for the /pfs root, which is an argument
# here so the benchmark can run it on a local folder: walk the input, cv2.imread, cv2.Canny(img, 100, 200),
# plt.imsave(..., cmap='gray').
import os
import sys

import cv2
from matplotlib import pyplot as plt

root = sys.argv[1] if len(sys.argv) > 1 else "/pfs"


def make_edges(image):
    img = cv2.imread(image)
    tail = os.path.split(image)[1]
    edges = cv2.Canny(img, 100, 200)
    plt.imsave(os.path.join(root, "out", os.path.splitext(tail)[0] + ".png"), edges, cmap="gray")


for dirpath, dirs, files in os.walk(os.path.join(root, "images")):
    for file in files:
        make_edges(os.path.join(dirpath, file))
