<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>PapersCaptureScreen</name>
    <message>
        <location filename="../../kiosk/screens/papers/capture.py" line="61"/>
        <source>Take the picture</source>
        <translation>Chụp ảnh</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/capture.py" line="62"/>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/capture.py" line="67"/>
        <source>Starting the camera…</source>
        <translation>Đang mở máy chụp…</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/capture.py" line="76"/>
        <source>Scan papers: %1 — page %2</source>
        <translation>Quét giấy tờ: %1 — trang %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/capture.py" line="84"/>
        <source>No picture from the camera</source>
        <translation>Không có hình từ máy chụp</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/capture.py" line="86"/>
        <location filename="../../kiosk/screens/papers/capture.py" line="112"/>
        <source>Taking the picture… keep the paper still</source>
        <translation>Đang chụp… giữ yên giấy</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/capture.py" line="88"/>
        <source>Put the paper face down on the glass, then touch the button</source>
        <translation>Úp mặt giấy xuống mặt kính, rồi chạm nút</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/capture.py" line="90"/>
        <source>Scanner ready</source>
        <translation>Máy quét đã sẵn sàng</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/capture.py" line="92"/>
        <source>Put the paper flat under the camera</source>
        <translation>Đặt giấy phẳng dưới máy chụp</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/capture.py" line="110"/>
        <source>Hold the paper still…</source>
        <translation>Giữ yên giấy…</translation>
    </message>
</context>
<context>
    <name>PapersChecklistScreen</name>
    <message>
        <location filename="../../kiosk/screens/papers/checklist.py" line="88"/>
        <source>Papers to hand in</source>
        <translation>Giấy tờ cần nộp</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/checklist.py" line="89"/>
        <source>Scan each paper. Reading the text goes on by itself while you scan the next one.</source>
        <translation>Quét lần lượt từng giấy tờ. Máy tự đọc chữ trong khi bạn quét giấy tiếp theo.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/checklist.py" line="91"/>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/checklist.py" line="92"/>
        <source>Continue</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/checklist.py" line="109"/>
        <source>(if you have it)</source>
        <translation>(nếu có)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/checklist.py" line="114"/>
        <location filename="../../kiosk/screens/papers/checklist.py" line="117"/>
        <source>Scan</source>
        <translation>Quét</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/checklist.py" line="114"/>
        <source>Check</source>
        <translation>Xem lại</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/checklist.py" line="115"/>
        <source>Reading…</source>
        <translation>Đang đọc…</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/checklist.py" line="116"/>
        <source>Scan again</source>
        <translation>Quét lại</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/checklist.py" line="119"/>
        <source>I don&apos;t have it</source>
        <translation>Không có</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/checklist.py" line="126"/>
        <source>Reading the text… page %1 of %2</source>
        <translation>Đang đọc chữ… trang %1 / %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/screens/papers/checklist.py" line="130"/>
        <source>Done ✓ (%n page(s))</source>
        <translation>
            <numerusform>Xong ✓ (%n trang)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/checklist.py" line="135"/>
        <source>Pages taken, not yet confirmed</source>
        <translation>Đã chụp, chưa xác nhận</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/checklist.py" line="138"/>
        <source>Not handed in</source>
        <translation>Không nộp</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/checklist.py" line="139"/>
        <source>Not scanned yet</source>
        <translation>Chưa quét</translation>
    </message>
</context>
<context>
    <name>PapersReviewScreen</name>
    <message>
        <location filename="../../kiosk/screens/papers/review.py" line="62"/>
        <source>Check that every page is sharp and complete.</source>
        <translation>Kiểm tra từng trang: rõ nét và đủ bốn góc.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/review.py" line="63"/>
        <source>Add a page</source>
        <translation>Thêm trang</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/review.py" line="64"/>
        <source>Done, use these pages</source>
        <translation>Xong, dùng các trang này</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/review.py" line="65"/>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/review.py" line="77"/>
        <source>Check the pages: %1</source>
        <translation>Kiểm tra trang: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/review.py" line="104"/>
        <source>Page %1</source>
        <translation>Trang %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/review.py" line="107"/>
        <source>Good</source>
        <translation>Ảnh tốt</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/review.py" line="120"/>
        <source>Retake</source>
        <translation>Chụp lại</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/review.py" line="121"/>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
</context>
</TS>
