"""The "Nộp hồ sơ" journey on screen: it chains the identity, forms and papers flows."""
