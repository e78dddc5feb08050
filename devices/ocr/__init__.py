"""Text recognition (tesseract) and searchable PDF/A files of digitized papers (Qt-free)."""
