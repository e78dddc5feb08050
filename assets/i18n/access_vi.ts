<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AccessBar</name>
    <message>
        <location filename="../../kiosk/access/bar.py" line="41"/>
        <source>Listen again</source>
        <translation>Nghe lại</translation>
    </message>
    <message>
        <location filename="../../kiosk/access/bar.py" line="42"/>
        <source>Sound on</source>
        <translation>Bật tiếng</translation>
    </message>
    <message>
        <location filename="../../kiosk/access/bar.py" line="42"/>
        <source>Sound off</source>
        <translation>Tắt tiếng</translation>
    </message>
    <message>
        <location filename="../../kiosk/access/bar.py" line="46"/>
        <source>A+</source>
        <translation>A+</translation>
    </message>
    <message>
        <location filename="../../kiosk/access/bar.py" line="47"/>
        <source>Larger text</source>
        <translation>Chữ to</translation>
    </message>
    <message>
        <location filename="../../kiosk/access/bar.py" line="49"/>
        <source>Contrast</source>
        <translation>Tương phản</translation>
    </message>
    <message>
        <location filename="../../kiosk/access/bar.py" line="50"/>
        <source>High contrast</source>
        <translation>Tương phản cao</translation>
    </message>
    <message>
        <location filename="../../kiosk/access/bar.py" line="52"/>
        <source>Need help</source>
        <translation>Cần hỗ trợ</translation>
    </message>
</context>
<context>
    <name>AudioNavigator</name>
    <message>
        <location filename="../../kiosk/access/navigator.py" line="67"/>
        <source>Audio mode on. Use the arrow keys to move, Enter to choose.</source>
        <translation>Đã bật chế độ âm thanh. Dùng phím mũi tên để di chuyển, phím Enter để chọn.</translation>
    </message>
    <message>
        <location filename="../../kiosk/access/navigator.py" line="117"/>
        <source>Button</source>
        <translation>Nút</translation>
    </message>
    <message>
        <location filename="../../kiosk/access/navigator.py" line="117"/>
        <source>Text box</source>
        <translation>Ô nhập</translation>
    </message>
    <message>
        <location filename="../../kiosk/access/navigator.py" line="118"/>
        <source>empty</source>
        <translation>trống</translation>
    </message>
    <message>
        <location filename="../../kiosk/access/navigator.py" line="118"/>
        <source>selected</source>
        <translation>đang chọn</translation>
    </message>
</context>
<context>
    <name>BusyIndicator</name>
    <message>
        <location filename="../../kiosk/access/busy.py" line="51"/>
        <source>Please wait</source>
        <translation>Xin vui lòng chờ</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <location filename="../../kiosk/access/help.py" line="88"/>
        <source>Help is coming</source>
        <translation>Cán bộ sẽ đến hỗ trợ</translation>
    </message>
    <message>
        <location filename="../../kiosk/access/help.py" line="90"/>
        <source>We are calling a member of staff. Please wait here.</source>
        <translation>Đang gọi cán bộ hỗ trợ. Xin vui lòng chờ tại đây.</translation>
    </message>
    <message>
        <location filename="../../kiosk/access/help.py" line="91"/>
        <source>A member of staff has been called and will come to you. Please wait here; your answers are kept.</source>
        <translation>Đã gọi cán bộ, cán bộ sẽ đến giúp bạn. Xin vui lòng chờ tại đây; thông tin bạn đã nhập vẫn được giữ.</translation>
    </message>
    <message>
        <location filename="../../kiosk/access/help.py" line="93"/>
        <source>We could not call the staff from this kiosk. Please go to the guidance counter; your answers are kept for a few minutes.</source>
        <translation>Máy chưa gọi được cán bộ. Xin vui lòng đến quầy hướng dẫn; thông tin bạn đã nhập được giữ trong vài phút.</translation>
    </message>
    <message>
        <location filename="../../kiosk/access/help.py" line="96"/>
        <source>Back to my screen</source>
        <translation>Quay lại màn hình của tôi</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../../kiosk/access/idle_overlay.py" line="55"/>
        <source>Do you need more time?</source>
        <translation>Bạn có cần thêm thời gian không?</translation>
    </message>
    <message>
        <location filename="../../kiosk/access/idle_overlay.py" line="56"/>
        <source>If not, the kiosk will go back to the start and forget what you entered.</source>
        <translation>Nếu không, máy sẽ trở về trang đầu và xóa thông tin bạn đã nhập.</translation>
    </message>
    <message>
        <location filename="../../kiosk/access/idle_overlay.py" line="58"/>
        <source>I need more time</source>
        <translation>Tôi cần thêm thời gian</translation>
    </message>
    <message>
        <location filename="../../kiosk/access/idle_overlay.py" line="59"/>
        <source>Finish</source>
        <translation>Kết thúc</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/access/idle_overlay.py" line="64"/>
        <source>%n second(s) left</source>
        <translation>
            <numerusform>Còn %n giây</numerusform>
        </translation>
    </message>
</context>
</TS>
