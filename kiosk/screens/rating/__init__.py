"""The "Đánh giá hài lòng" screens: three big faces of satisfaction, reasons, thanks."""
