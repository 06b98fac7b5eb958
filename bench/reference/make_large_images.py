# The large images the peak-RSS benchmark mixes with the 5120x2880 photos: a 5640x3172 JPEG and a 4096x4096 RGBA PNG,
# made from a fetched photo (nothing of that size is in the corpus). Usage: make_large_images.py PHOTO OUT_DIR
import sys

import cv2
import numpy as np

photo = cv2.imread(sys.argv[1])
out = sys.argv[2]
cv2.imwrite(f"{out}/large-5640x3172.jpg", cv2.resize(photo, (5640, 3172), interpolation=cv2.INTER_CUBIC),
            [cv2.IMWRITE_JPEG_QUALITY, 90])
square = cv2.resize(photo, (4096, 4096), interpolation=cv2.INTER_CUBIC)
alpha = np.tile(np.linspace(0, 255, 4096, dtype=np.uint8), (4096, 1))
cv2.imwrite(f"{out}/large-4096x4096-rgba.png", np.dstack([square, alpha]))
