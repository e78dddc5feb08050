<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AddressEditor</name>
    <message>
        <location filename="../../kiosk/screens/forms/composite.py" line="63"/>
        <source>Province or city</source>
        <translation>Tỉnh, thành phố</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/composite.py" line="64"/>
        <source>Commune, ward or special zone</source>
        <translation>Xã, phường, đặc khu</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/composite.py" line="65"/>
        <source>House number, street, hamlet</source>
        <translation>Số nhà, đường phố, thôn, xóm</translation>
    </message>
</context>
<context>
    <name>ButtonsEditor</name>
    <message>
        <location filename="../../kiosk/screens/forms/fields.py" line="256"/>
        <source>Yes</source>
        <translation>Có</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/fields.py" line="256"/>
        <source>No</source>
        <translation>Không</translation>
    </message>
</context>
<context>
    <name>CatalogScreen</name>
    <message>
        <location filename="../../kiosk/screens/forms/catalog.py" line="75"/>
        <source>Which procedure do you need?</source>
        <translation>Bạn cần làm thủ tục nào?</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/catalog.py" line="76"/>
        <source>Search, e.g. thuong tru</source>
        <translation>Tìm kiếm, ví dụ: thuong tru</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/catalog.py" line="77"/>
        <source>Home</source>
        <translation>Trang chủ</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/catalog.py" line="78"/>
        <source>No procedure matches. Try other words or ask the staff.</source>
        <translation>Không tìm thấy thủ tục. Hãy thử từ khác hoặc hỏi cán bộ.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/catalog.py" line="91"/>
        <source>Choose</source>
        <translation>Chọn</translation>
    </message>
</context>
<context>
    <name>ChoiceList</name>
    <message>
        <location filename="../../kiosk/screens/forms/fields.py" line="60"/>
        <source>Type a few letters to search</source>
        <translation>Gõ vài chữ để tìm</translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <location filename="../../kiosk/screens/forms/done.py" line="31"/>
        <source>Your declaration is ready</source>
        <translation>Tờ khai của bạn đã sẵn sàng</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/done.py" line="32"/>
        <source>Finish</source>
        <translation>Hoàn tất</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/done.py" line="41"/>
        <source>Expected result date: %1</source>
        <translation>Ngày hẹn trả kết quả dự kiến: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/done.py" line="42"/>
        <source>Fee: %1</source>
        <translation>Lệ phí: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/done.py" line="42"/>
        <source>none</source>
        <translation>không thu</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/done.py" line="44"/>
        <source>Dossier code: %1</source>
        <translation>Mã hồ sơ: %1</translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <location filename="../../kiosk/screens/forms/fields.py" line="139"/>
        <source>From your ID card</source>
        <translation>Lấy từ thẻ căn cước</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/fields.py" line="140"/>
        <source>From your ID card · you may change it</source>
        <translation>Lấy từ thẻ căn cước · bạn có thể sửa</translation>
    </message>
</context>
<context>
    <name>FormPageScreen</name>
    <message>
        <location filename="../../kiosk/screens/forms/page.py" line="107"/>
        <source>Step %1 of %2</source>
        <translation>Bước %1/%2</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/page.py" line="110"/>
        <source>Review</source>
        <translation>Xem lại</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/page.py" line="110"/>
        <source>Next</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/page.py" line="135"/>
        <source>Please check the marked answers.</source>
        <translation>Xin kiểm tra các mục được đánh dấu.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/page.py" line="160"/>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
</context>
<context>
    <name>ProcedureScreen</name>
    <message>
        <location filename="../../kiosk/screens/forms/procedure.py" line="53"/>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/procedure.py" line="54"/>
        <source>Start the declaration</source>
        <translation>Bắt đầu khai</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/procedure.py" line="61"/>
        <source>Received by</source>
        <translation>Nơi tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/procedure.py" line="61"/>
        <source>in some cases</source>
        <translation>trong một số trường hợp</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/procedure.py" line="62"/>
        <source>Papers to bring</source>
        <translation>Giấy tờ cần mang theo</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/procedure.py" line="62"/>
        <source>No fee</source>
        <translation>Không mất phí</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/procedure.py" line="62"/>
        <source>Fee</source>
        <translation>Lệ phí</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/procedure.py" line="63"/>
        <source>estimated</source>
        <translation>dự kiến</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/procedure.py" line="63"/>
        <source>Processing time</source>
        <translation>Thời hạn giải quyết</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/procedure.py" line="64"/>
        <source>Expected result date if you submit now</source>
        <translation>Ngày hẹn trả nếu nộp ngay bây giờ</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/procedure.py" line="68"/>
        <source>original</source>
        <translation>bản chính</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/procedure.py" line="68"/>
        <source>copy</source>
        <translation>bản sao</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/procedure.py" line="69"/>
        <source>certified copy</source>
        <translation>bản sao có chứng thực</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/procedure.py" line="69"/>
        <source>original or copy</source>
        <translation>bản chính hoặc bản sao</translation>
    </message>
</context>
<context>
    <name>RepeatEditor</name>
    <message>
        <location filename="../../kiosk/screens/forms/composite.py" line="103"/>
        <source>Row</source>
        <translation>Dòng</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/composite.py" line="113"/>
        <source>Remove this row</source>
        <translation>Xóa dòng này</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/composite.py" line="120"/>
        <location filename="../../kiosk/screens/forms/composite.py" line="145"/>
        <source>Add a row</source>
        <translation>Thêm một dòng</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../../kiosk/screens/forms/review.py" line="41"/>
        <source>Check your declaration</source>
        <translation>Kiểm tra lại tờ khai</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/review.py" line="42"/>
        <source>Touch &quot;Edit&quot; to change an answer. Marked answers come from your ID card.</source>
        <translation>Chạm &quot;Sửa&quot; để thay đổi. Các mục có ghi chú được lấy từ thẻ căn cước.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/review.py" line="43"/>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/review.py" line="44"/>
        <source>Confirm and finish</source>
        <translation>Xác nhận và hoàn tất</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/review.py" line="51"/>
        <source>Preparing your declaration…</source>
        <translation>Đang lập tờ khai…</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/review.py" line="55"/>
        <source>Something went wrong. Please ask the staff.</source>
        <translation>Đã có lỗi. Xin vui lòng hỏi cán bộ.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/review.py" line="72"/>
        <source>from ID card</source>
        <translation>từ thẻ căn cước</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/forms/review.py" line="81"/>
        <source>Edit</source>
        <translation>Sửa</translation>
    </message>
</context>
<context>
    <name>TouchScrollArea</name>
    <message>
        <location filename="../../kiosk/widgets/scrolling.py" line="56"/>
        <source>See more ▼</source>
        <translation>Xem thêm ▼</translation>
    </message>
</context>
<context>
    <name>VietKeyboard</name>
    <message>
        <location filename="../../kiosk/widgets/keyboard.py" line="152"/>
        <source>No marks</source>
        <translation>Không dấu</translation>
    </message>
    <message>
        <location filename="../../kiosk/widgets/keyboard.py" line="154"/>
        <source>space</source>
        <translation>dấu cách</translation>
    </message>
    <message>
        <location filename="../../kiosk/widgets/keyboard.py" line="155"/>
        <location filename="../../kiosk/widgets/keyboard.py" line="156"/>
        <source>Done</source>
        <translation>Xong</translation>
    </message>
</context>
</TS>
