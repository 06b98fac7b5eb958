# The floor for any step that must see pixels: cv2.imread of every file, nothing else, in WORKERS processes
# (default 1). Usage: decode_only.py DIR [WORKERS]
import os
import sys
from multiprocessing import Pool

import cv2


def decodes(path):
    return cv2.imread(path) is not None


if __name__ == "__main__":
    paths = [os.path.join(d, f) for d, _, files in os.walk(sys.argv[1]) for f in files]
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    if workers > 1:
        with Pool(workers) as pool:
            print(sum(pool.map(decodes, paths, chunksize=1)))
    else:
        print(sum(map(decodes, paths)))
