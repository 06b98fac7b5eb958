# The floor for any step that must see pixels: cv2.imread of every file, nothing else.
import os
import sys

import cv2

count = 0
for dirpath, dirs, files in os.walk(sys.argv[1]):
    for file in files:
        if cv2.imread(os.path.join(dirpath, file)) is not None:
            count += 1
print(count)
