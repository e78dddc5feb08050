<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>PapersCaptureScreen</name>
    <message>
        <location filename="../../kiosk/screens/papers/capture.py" line="63"/>
        <source>Take the picture</source>
        <translation>Chụp ảnh</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/capture.py" line="64"/>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/capture.py" line="69"/>
        <source>Starting the camera…</source>
        <translation>Đang mở máy chụp…</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/capture.py" line="78"/>
        <source>Scan papers: %1 — page %2</source>
        <translation>Quét giấy tờ: %1 — trang %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/capture.py" line="86"/>
        <source>No picture from the camera</source>
        <translation>Không có hình từ máy chụp</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/capture.py" line="88"/>
        <location filename="../../kiosk/screens/papers/capture.py" line="110"/>
        <source>Taking the picture… keep the paper still</source>
        <translation>Đang chụp… giữ yên giấy</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/capture.py" line="90"/>
        <source>Put the paper face down on the glass, then touch the button</source>
        <translation>Úp mặt giấy xuống mặt kính, rồi chạm nút</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/capture.py" line="92"/>
        <source>Scanner ready</source>
        <translation>Máy quét đã sẵn sàng</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/capture.py" line="94"/>
        <source>Put the paper flat under the camera</source>
        <translation>Đặt giấy phẳng dưới máy chụp</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/capture.py" line="108"/>
        <source>Hold the paper still…</source>
        <translation>Giữ yên giấy…</translation>
    </message>
</context>
<context>
    <name>PapersChecklistScreen</name>
    <message>
        <location filename="../../kiosk/screens/papers/checklist.py" line="83"/>
        <source>Papers to hand in</source>
        <translation>Giấy tờ cần nộp</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/checklist.py" line="84"/>
        <source>Scan each paper. Reading the text goes on by itself while you scan the next one.</source>
        <translation>Quét lần lượt từng giấy tờ. Máy tự đọc chữ trong khi bạn quét giấy tiếp theo.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/checklist.py" line="86"/>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/checklist.py" line="87"/>
        <source>Continue</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/checklist.py" line="104"/>
        <source>(if you have it)</source>
        <translation>(nếu có)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/checklist.py" line="109"/>
        <location filename="../../kiosk/screens/papers/checklist.py" line="112"/>
        <source>Scan</source>
        <translation>Quét</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/checklist.py" line="109"/>
        <source>Check</source>
        <translation>Xem lại</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/checklist.py" line="110"/>
        <source>Reading…</source>
        <translation>Đang đọc…</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/checklist.py" line="111"/>
        <source>Scan again</source>
        <translation>Quét lại</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/checklist.py" line="114"/>
        <source>I don&apos;t have it</source>
        <translation>Không có</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/checklist.py" line="121"/>
        <source>Reading the text… page %1 of %2</source>
        <translation>Đang đọc chữ… trang %1 / %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/screens/papers/checklist.py" line="125"/>
        <source>Done ✓ (%n page(s))</source>
        <translation>
            <numerusform>Xong ✓ (%n trang)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/checklist.py" line="130"/>
        <source>Pages taken, not yet confirmed</source>
        <translation>Đã chụp, chưa xác nhận</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/checklist.py" line="133"/>
        <source>Not handed in</source>
        <translation>Không nộp</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/checklist.py" line="134"/>
        <source>Not scanned yet</source>
        <translation>Chưa quét</translation>
    </message>
</context>
<context>
    <name>PapersReviewScreen</name>
    <message>
        <location filename="../../kiosk/screens/papers/review.py" line="61"/>
        <source>Check that every page is sharp and complete.</source>
        <translation>Kiểm tra từng trang: rõ nét và đủ bốn góc.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/review.py" line="62"/>
        <source>Add a page</source>
        <translation>Thêm trang</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/review.py" line="63"/>
        <source>Done, use these pages</source>
        <translation>Xong, dùng các trang này</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/review.py" line="64"/>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/review.py" line="75"/>
        <source>Check the pages: %1</source>
        <translation>Kiểm tra trang: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/review.py" line="102"/>
        <source>Page %1</source>
        <translation>Trang %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/review.py" line="105"/>
        <source>Good</source>
        <translation>Ảnh tốt</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/review.py" line="114"/>
        <source>Retake</source>
        <translation>Chụp lại</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/papers/review.py" line="115"/>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
</context>
</TS>
