<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>IdentifyScreen</name>
    <message>
        <location filename="../../kiosk/screens/identity/screen.py" line="267"/>
        <source>Identify yourself</source>
        <translation>Xác minh danh tính</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/identity/screen.py" line="268"/>
        <source>Place the side of your ID card with the QR code in the tray</source>
        <translation>Đặt mặt có mã QR của thẻ căn cước vào khay</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/identity/screen.py" line="269"/>
        <source>Chip ID card (CCCD): the front. 2024 ID card: the back.</source>
        <translation>Thẻ CCCD gắn chip: mặt trước. Thẻ căn cước mẫu 2024: mặt sau.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/identity/screen.py" line="270"/>
        <location filename="../../kiosk/screens/identity/screen.py" line="279"/>
        <source>Enter by hand</source>
        <translation>Nhập thủ công</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/identity/screen.py" line="271"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/identity/screen.py" line="272"/>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/identity/screen.py" line="273"/>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/identity/screen.py" line="274"/>
        <source>ID number</source>
        <translation>Số định danh</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/identity/screen.py" line="275"/>
        <source>This is me, continue</source>
        <translation>Đúng là tôi, tiếp tục</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/identity/screen.py" line="276"/>
        <source>Scan again</source>
        <translation>Quét lại</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/identity/screen.py" line="277"/>
        <source>We could not identify you yet</source>
        <translation>Chưa xác minh được danh tính</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/identity/screen.py" line="278"/>
        <source>Try again</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/identity/screen.py" line="280"/>
        <source>Type your ID number and date of birth</source>
        <translation>Nhập số định danh và ngày sinh</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/identity/screen.py" line="281"/>
        <source>ID number (12 digits)</source>
        <translation>Số định danh (12 chữ số)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/identity/screen.py" line="282"/>
        <source>Date of birth (day, month, year)</source>
        <translation>Ngày sinh (ngày, tháng, năm)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/identity/screen.py" line="283"/>
        <source>Continue</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/identity/screen.py" line="289"/>
        <source>Starting the camera…</source>
        <translation>Đang bật camera…</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/identity/screen.py" line="305"/>
        <source>No picture from the camera</source>
        <translation>Không có hình từ camera</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/identity/screen.py" line="307"/>
        <source>Now place your ID card on the card reader</source>
        <translation>Bây giờ hãy đặt thẻ căn cước lên đầu đọc thẻ</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/identity/screen.py" line="308"/>
        <source>Keep it there until the reading is finished.</source>
        <translation>Giữ thẻ trên đầu đọc cho đến khi đọc xong.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/identity/screen.py" line="311"/>
        <source>Reading the chip… keep the card still</source>
        <translation>Đang đọc chip… vui lòng giữ yên thẻ</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/identity/screen.py" line="312"/>
        <source>Reading the photo from the chip</source>
        <translation>Đang đọc ảnh chân dung trong chip</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/identity/screen.py" line="335"/>
        <source>No photo</source>
        <translation>Không có ảnh</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/identity/screen.py" line="339"/>
        <source>Chip verification: valid</source>
        <translation>Xác thực chip: hợp lệ</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/identity/screen.py" line="339"/>
        <source>Chip verification: failed</source>
        <translation>Xác thực chip: không hợp lệ</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/identity/screen.py" line="342"/>
        <source>Read from the QR code (chip not checked)</source>
        <translation>Đọc từ mã QR (chưa xác thực chip)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/identity/screen.py" line="344"/>
        <source>Entered by hand</source>
        <translation>Nhập thủ công</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <location filename="../../kiosk/screens/identity/keypad.py" line="39"/>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
</context>
</TS>
