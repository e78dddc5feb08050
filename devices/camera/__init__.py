"""Camera capture and QR decoding (Qt-free): the ID card's QR code from the tray camera."""
