"""Suite-wide set-up: Qt renders offscreen, before anything imports Qt."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
