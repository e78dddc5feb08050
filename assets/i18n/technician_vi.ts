<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>DevicePages</name>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="23"/>
        <source>Receipt printer</source>
        <translation>Máy in phiếu</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="23"/>
        <source>QR camera</source>
        <translation>Camera đọc mã QR</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="24"/>
        <source>Document camera / scanner</source>
        <translation>Máy chụp / máy quét giấy tờ</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="24"/>
        <source>Card reader</source>
        <translation>Đầu đọc thẻ</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="25"/>
        <source>Voice and sound</source>
        <translation>Giọng nói và âm thanh</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="26"/>
        <source>Network and central</source>
        <translation>Mạng và trung tâm</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="26"/>
        <source>Store</source>
        <translation>Lưu trữ</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="27"/>
        <source>Software</source>
        <translation>Phần mềm</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="27"/>
        <source>Log</source>
        <translation>Nhật ký</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="32"/>
        <source>Print a test page (QR and cut)</source>
        <translation>In trang thử (mã QR và cắt giấy)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="32"/>
        <source>Paper roll changed</source>
        <translation>Đã thay cuộn giấy</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="33"/>
        <source>Show a QR to the camera</source>
        <translation>Đưa mã QR vào camera</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="34"/>
        <source>Test capture</source>
        <translation>Chụp thử</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="35"/>
        <source>Test read of a card</source>
        <translation>Đọc thử thẻ</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="36"/>
        <source>Play a test sentence</source>
        <translation>Phát câu thử</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="37"/>
        <source>Test the connection</source>
        <translation>Thử kết nối</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="37"/>
        <source>Send refused dossiers again</source>
        <translation>Gửi lại hồ sơ bị từ chối</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="38"/>
        <source>Check the database</source>
        <translation>Kiểm tra cơ sở dữ liệu</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="39"/>
        <source>Check again</source>
        <translation>Kiểm tra lại</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="40"/>
        <source>Refresh</source>
        <translation>Làm mới</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="44"/>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="45"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="46"/>
        <source>Online</source>
        <translation>Trực tuyến</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="47"/>
        <source>Paper</source>
        <translation>Giấy</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="48"/>
        <source>Cover open</source>
        <translation>Nắp mở</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="49"/>
        <source>Error bit</source>
        <translation>Bit lỗi</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="50"/>
        <source>Last error</source>
        <translation>Lỗi gần nhất</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="51"/>
        <source>Tickets since paper change</source>
        <translation>Số phiếu từ lần thay giấy</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="52"/>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="53"/>
        <source>Picture size</source>
        <translation>Kích thước ảnh</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="54"/>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="55"/>
        <source>Page in view</source>
        <translation>Thấy trang giấy</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="56"/>
        <source>Readers</source>
        <translation>Các đầu đọc</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="57"/>
        <source>Reader</source>
        <translation>Đầu đọc</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="58"/>
        <source>Card present</source>
        <translation>Có thẻ trên đầu đọc</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="59"/>
        <source>ATR</source>
        <translation>ATR</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="60"/>
        <source>Speech engine</source>
        <translation>Bộ đọc</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="61"/>
        <source>Vietnamese voice</source>
        <translation>Giọng tiếng Việt</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="62"/>
        <source>Player</source>
        <translation>Chương trình phát</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="63"/>
        <source>Length (s)</source>
        <translation>Độ dài (giây)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="64"/>
        <source>Sound cards</source>
        <translation>Card âm thanh</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="65"/>
        <source>Central</source>
        <translation>Hệ thống trung tâm</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="66"/>
        <source>Dossiers waiting</source>
        <translation>Hồ sơ chờ gửi</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="67"/>
        <source>Refused (parked)</source>
        <translation>Bị từ chối (tạm giữ)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="68"/>
        <source>Delivered</source>
        <translation>Đã gửi</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="69"/>
        <source>Last successful sync</source>
        <translation>Lần đồng bộ thành công gần nhất</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="70"/>
        <source>Clock skew (s)</source>
        <translation>Lệch đồng hồ (giây)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="71"/>
        <source>Certificate days left</source>
        <translation>Số ngày chứng chỉ còn hạn</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="72"/>
        <source>Data folder</source>
        <translation>Thư mục dữ liệu</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="73"/>
        <source>Free disk (MB)</source>
        <translation>Ổ đĩa còn trống (MB)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="74"/>
        <source>Encryption key</source>
        <translation>Khóa mã hóa</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="75"/>
        <source>Database integrity</source>
        <translation>Toàn vẹn cơ sở dữ liệu</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="76"/>
        <source>Waiting for purge</source>
        <translation>Chờ xóa theo thời hạn lưu</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="77"/>
        <source>Past retention, not purged</source>
        <translation>Quá hạn lưu, chưa xóa</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="78"/>
        <source>Version</source>
        <translation>Phiên bản</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="79"/>
        <source>Procedure catalog</source>
        <translation>Danh mục thủ tục</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="80"/>
        <source>System up (h)</source>
        <translation>Máy đã chạy (giờ)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="81"/>
        <source>App up (min)</source>
        <translation>Ứng dụng đã chạy (phút)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="82"/>
        <source>App starts in 24 h</source>
        <translation>Số lần khởi động trong 24 giờ</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="83"/>
        <source>Crashes or power cuts in 24 h</source>
        <translation>Số lần dừng bất thường trong 24 giờ</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="84"/>
        <source>Error</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="85"/>
        <source>Deadline (s)</source>
        <translation>Thời hạn (giây)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="86"/>
        <source>HTTP status</source>
        <translation>Mã HTTP</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="102"/>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device_pages.py" line="102"/>
        <source>no</source>
        <translation>không</translation>
    </message>
</context>
<context>
    <name>DeviceScreen</name>
    <message>
        <location filename="../../kiosk/screens/technician/device.py" line="99"/>
        <source>Back to the panel</source>
        <translation>Về bảng kỹ thuật</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device.py" line="100"/>
        <source>Leave technician mode</source>
        <translation>Thoát chế độ kỹ thuật</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device.py" line="106"/>
        <source>Export refused dossiers for the counter</source>
        <translation>Xuất hồ sơ bị từ chối cho quầy</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device.py" line="117"/>
        <source>The last log lines (no personal data)</source>
        <translation>Các dòng nhật ký gần nhất (không có dữ liệu cá nhân)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device.py" line="122"/>
        <source>(empty)</source>
        <translation>(trống)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device.py" line="125"/>
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device.py" line="141"/>
        <source>Starting the live view…</source>
        <translation>Đang mở hình trực tiếp…</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device.py" line="175"/>
        <source>No picture from the camera</source>
        <translation>Camera không cho hình</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device.py" line="182"/>
        <source>The camera cannot be opened: %1</source>
        <translation>Không mở được camera: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device.py" line="199"/>
        <source>CAN: %1</source>
        <translation>CAN: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device.py" line="204"/>
        <source>Enter the card&apos;s 6-digit CAN first (printed on the card).</source>
        <translation>Nhập trước mã CAN 6 chữ số in trên thẻ.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device.py" line="211"/>
        <source>Testing…</source>
        <translation>Đang thử…</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device.py" line="218"/>
        <location filename="../../kiosk/screens/technician/device.py" line="224"/>
        <source>Working…</source>
        <translation>Đang thực hiện…</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/device.py" line="232"/>
        <source>The test stopped with an error: %1</source>
        <translation>Phép thử dừng vì lỗi: %1</translation>
    </message>
</context>
<context>
    <name>PanelScreen</name>
    <message>
        <location filename="../../kiosk/screens/technician/panel.py" line="68"/>
        <source>Receipt printer</source>
        <translation>Máy in phiếu</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/panel.py" line="68"/>
        <source>QR camera</source>
        <translation>Camera đọc mã QR</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/panel.py" line="69"/>
        <source>Document camera</source>
        <translation>Máy chụp giấy tờ</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/panel.py" line="69"/>
        <source>Card reader</source>
        <translation>Đầu đọc thẻ</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/panel.py" line="70"/>
        <source>Network and central</source>
        <translation>Mạng và trung tâm</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/panel.py" line="70"/>
        <source>Store</source>
        <translation>Lưu trữ</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/panel.py" line="70"/>
        <source>Voice and sound</source>
        <translation>Giọng nói và âm thanh</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/panel.py" line="71"/>
        <source>Software</source>
        <translation>Phần mềm</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/panel.py" line="71"/>
        <source>Log</source>
        <translation>Nhật ký</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/panel.py" line="74"/>
        <source>Technician mode</source>
        <translation>Chế độ kỹ thuật</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/panel.py" line="75"/>
        <source>Check again</source>
        <translation>Kiểm tra lại</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/panel.py" line="75"/>
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/panel.py" line="76"/>
        <source>Print self-test report</source>
        <translation>In báo cáo tự kiểm tra</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/panel.py" line="77"/>
        <source>Restart the app</source>
        <translation>Khởi động lại ứng dụng</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/panel.py" line="78"/>
        <source>Reboot</source>
        <translation>Khởi động lại máy</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/panel.py" line="79"/>
        <source>Shut down</source>
        <translation>Tắt máy</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/panel.py" line="80"/>
        <source>Exit to desktop</source>
        <translation>Thoát ra màn hình nền</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/panel.py" line="81"/>
        <source>Leave technician mode</source>
        <translation>Thoát chế độ kỹ thuật</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/panel.py" line="83"/>
        <source>the last lines</source>
        <translation>các dòng gần nhất</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/panel.py" line="83"/>
        <source>checking…</source>
        <translation>đang kiểm tra…</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/panel.py" line="84"/>
        <source>OK</source>
        <translation>Tốt</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/panel.py" line="84"/>
        <source>Warning</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/panel.py" line="84"/>
        <source>Fault</source>
        <translation>Lỗi</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <location filename="../../kiosk/screens/technician/pin.py" line="50"/>
        <source>Technician PIN</source>
        <translation>Mã PIN kỹ thuật</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/pin.py" line="51"/>
        <source>Erase</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/pin.py" line="52"/>
        <source>Confirm</source>
        <translation>Xác nhận</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/pin.py" line="53"/>
        <source>Back to the home screen</source>
        <translation>Về màn hình chính</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/pin.py" line="81"/>
        <source>The PIN could not be checked. Try again.</source>
        <translation>Không kiểm tra được mã PIN. Hãy thử lại.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician/pin.py" line="91"/>
        <source>No technician PIN is set on this kiosk (kiosk config set-pin).</source>
        <translation>Máy chưa đặt mã PIN kỹ thuật (kiosk config set-pin).</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/screens/technician/pin.py" line="94"/>
        <source>Too many wrong PINs. Locked for %n minute(s).</source>
        <translation>
            <numerusform>Nhập sai quá nhiều lần. Tạm khóa %n phút.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/screens/technician/pin.py" line="96"/>
        <source>Wrong PIN. %n attempt(s) left.</source>
        <translation>
            <numerusform>Sai mã PIN. Còn %n lần thử.</numerusform>
        </translation>
    </message>
</context>
</TS>
