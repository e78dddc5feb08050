<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>DossierDoneScreen</name>
    <message>
        <location filename="../../kiosk/screens/dossier/done.py" line="53"/>
        <source>Try again</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/dossier/done.py" line="54"/>
        <source>Finish</source>
        <translation>Hoàn tất</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/dossier/done.py" line="54"/>
        <source>Back to the home screen</source>
        <translation>Về trang chủ</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/dossier/done.py" line="57"/>
        <source>Your dossier has been received</source>
        <translation>Hồ sơ của bạn đã được tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/dossier/done.py" line="59"/>
        <source>Dossier code (keep it to look up your dossier)</source>
        <translation>Mã hồ sơ (giữ lại để tra cứu hồ sơ)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/dossier/done.py" line="60"/>
        <source>Result expected on {date}</source>
        <translation>Ngày hẹn trả kết quả: {date}</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/dossier/done.py" line="62"/>
        <source>The counters are closed now: your dossier will be received on the next working day, {date}.</source>
        <translation>Hiện đã ngoài giờ làm việc: hồ sơ của bạn sẽ được tiếp nhận vào ngày làm việc tiếp theo, {date}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/dossier/done.py" line="66"/>
        <source>Please take your receipt from the printer below.</source>
        <translation>Vui lòng nhận giấy tiếp nhận ở khe máy in bên dưới.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/dossier/done.py" line="69"/>
        <source>The receipt could not be printed.</source>
        <translation>Không in được giấy tiếp nhận.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/dossier/done.py" line="70"/>
        <source>Your dossier is safely recorded. Please show this code at the counter to get your receipt.</source>
        <translation>Hồ sơ của bạn đã được lưu an toàn. Vui lòng đưa mã này cho cán bộ tại quầy để nhận giấy tiếp nhận.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/dossier/done.py" line="72"/>
        <source>Your dossier could not be recorded</source>
        <translation>Chưa lưu được hồ sơ của bạn</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/dossier/done.py" line="74"/>
        <source>Nothing you entered is lost while this screen is open. Try again, or ask the staff at the counter.</source>
        <translation>Thông tin bạn đã nhập vẫn được giữ khi màn hình này còn mở. Vui lòng thử lại hoặc hỏi cán bộ tại quầy.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/dossier/done.py" line="76"/>
        <source>Recording your dossier…</source>
        <translation>Đang lưu hồ sơ…</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/dossier/done.py" line="77"/>
        <source>Please wait a moment.</source>
        <translation>Vui lòng chờ trong giây lát.</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk/screens/home.py" line="53"/>
        <source>Welcome</source>
        <translation>Xin kính chào quý khách</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/home.py" line="54"/>
        <source>Touch what you need</source>
        <translation>Xin mời chạm vào việc bạn cần làm</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/home.py" line="56"/>
        <source>Take a queue number</source>
        <translation>Lấy số thứ tự</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/home.py" line="57"/>
        <source>Submit a dossier</source>
        <translation>Nộp hồ sơ</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/home.py" line="58"/>
        <source>Look up a dossier</source>
        <translation>Tra cứu hồ sơ</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/home.py" line="59"/>
        <source>Rate our service</source>
        <translation>Đánh giá hài lòng</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/home.py" line="61"/>
        <source>(coming soon)</source>
        <translation>(sắp có)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/home.py" line="84"/>
        <source>The ticket printer has a problem. Please tell the staff at the counter.</source>
        <translation>Máy in phiếu đang gặp sự cố. Vui lòng báo cán bộ tại quầy.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/home.py" line="95"/>
        <source>This service is coming soon. Please ask the staff at the counter.</source>
        <translation>Dịch vụ này sắp có. Vui lòng hỏi cán bộ tại quầy.</translation>
    </message>
</context>
<context>
    <name>LookupResultScreen</name>
    <message>
        <location filename="../../kiosk/screens/lookup/screens.py" line="199"/>
        <source>Look up another code</source>
        <translation>Tra cứu mã khác</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/lookup/screens.py" line="200"/>
        <source>Finish</source>
        <translation>Hoàn tất</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/lookup/screens.py" line="203"/>
        <source>Looking up your dossier…</source>
        <translation>Đang tra cứu hồ sơ…</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/lookup/screens.py" line="206"/>
        <source>Status of your dossier</source>
        <translation>Tình trạng hồ sơ của bạn</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/lookup/screens.py" line="210"/>
        <source>Received on {date}</source>
        <translation>Tiếp nhận ngày {date}</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/lookup/screens.py" line="212"/>
        <source>Result expected on {date}</source>
        <translation>Ngày hẹn trả kết quả: {date}</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/lookup/screens.py" line="215"/>
        <source>No dossier with this code</source>
        <translation>Không tìm thấy hồ sơ có mã này</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/lookup/screens.py" line="216"/>
        <source>Please check the numbers against your receipt, or ask the staff at the counter.</source>
        <translation>Vui lòng kiểm tra lại các số trên giấy tiếp nhận, hoặc hỏi cán bộ tại quầy.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/lookup/screens.py" line="218"/>
        <source>The lookup did not work</source>
        <translation>Chưa tra cứu được</translation>
    </message>
</context>
<context>
    <name>LookupScreen</name>
    <message>
        <location filename="../../kiosk/screens/lookup/screens.py" line="127"/>
        <source>Look up a dossier</source>
        <translation>Tra cứu hồ sơ</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/lookup/screens.py" line="129"/>
        <source>Hold your receipt&apos;s QR code under the camera, or type the numbers printed on it.</source>
        <translation>Đặt mã QR trên giấy tiếp nhận dưới camera, hoặc nhập các số in trên giấy.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/lookup/screens.py" line="131"/>
        <source>Type the numbers of the dossier code printed on your receipt, after the agency part, then the 6 digits of its check code.</source>
        <translation>Nhập các chữ số của mã hồ sơ in trên giấy tiếp nhận (phần sau mã cơ quan), rồi 6 chữ số của mã kiểm tra.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/lookup/screens.py" line="132"/>
        <source>Look up</source>
        <translation>Tra cứu</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/lookup/screens.py" line="133"/>
        <source>Home</source>
        <translation>Trang chủ</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/lookup/screens.py" line="143"/>
        <source>The first six digits are a date (year, month, day). Please check them.</source>
        <translation>Sáu chữ số đầu là ngày nhận hồ sơ (năm, tháng, ngày). Vui lòng kiểm tra lại.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/lookup/screens.py" line="145"/>
        <source>This QR code is not a receipt of this office. Please type the numbers.</source>
        <translation>Mã QR này không phải giấy tiếp nhận của cơ quan này. Vui lòng nhập các số.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/lookup/screens.py" line="147"/>
        <source>Code read from the QR. Please type the 6-digit check code.</source>
        <translation>Đã đọc mã hồ sơ từ mã QR. Vui lòng nhập 6 chữ số mã kiểm tra.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/lookup/screens.py" line="149"/>
        <source>The camera is not working. Please type the numbers.</source>
        <translation>Camera không hoạt động. Vui lòng nhập các số.</translation>
    </message>
</context>
<context>
    <name>PriorityScreen</name>
    <message>
        <location filename="../../kiosk/screens/queue/priority.py" line="49"/>
        <source>Do you belong to a priority group?</source>
        <translation>Bạn có thuộc đối tượng ưu tiên không?</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/queue/priority.py" line="50"/>
        <source>Priority groups are served first at the counter.</source>
        <translation>Đối tượng ưu tiên được phục vụ trước tại quầy.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/queue/priority.py" line="51"/>
        <source>No priority</source>
        <translation>Không thuộc đối tượng ưu tiên</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/queue/priority.py" line="54"/>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
</context>
<context>
    <name>RatingScreen</name>
    <message>
        <location filename="../../kiosk/screens/rating/screens.py" line="43"/>
        <source>Are you satisfied?</source>
        <translation>Bạn có hài lòng không?</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/rating/screens.py" line="44"/>
        <source>With how you were served today. Your answer is anonymous.</source>
        <translation>Về việc phục vụ hôm nay. Đánh giá không ghi tên người đánh giá.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/rating/screens.py" line="45"/>
        <source>Very satisfied</source>
        <translation>Rất hài lòng</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/rating/screens.py" line="46"/>
        <source>Satisfied</source>
        <translation>Hài lòng</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/rating/screens.py" line="47"/>
        <source>Not satisfied</source>
        <translation>Không hài lòng</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/rating/screens.py" line="48"/>
        <source>Home</source>
        <translation>Trang chủ</translation>
    </message>
</context>
<context>
    <name>ReasonsScreen</name>
    <message>
        <location filename="../../kiosk/screens/rating/screens.py" line="90"/>
        <source>What was not good?</source>
        <translation>Điều gì chưa tốt?</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/rating/screens.py" line="91"/>
        <source>Touch one or more reasons, then send.</source>
        <translation>Chạm vào một hoặc nhiều lý do, rồi bấm “Gửi đánh giá”.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/rating/screens.py" line="92"/>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/rating/screens.py" line="93"/>
        <source>Send</source>
        <translation>Gửi đánh giá</translation>
    </message>
</context>
<context>
    <name>ServiceScreen</name>
    <message>
        <location filename="../../kiosk/screens/queue/service.py" line="44"/>
        <source>Which service do you need?</source>
        <translation>Bạn cần làm thủ tục lĩnh vực nào?</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/queue/service.py" line="48"/>
        <source>Home</source>
        <translation>Trang chủ</translation>
    </message>
</context>
<context>
    <name>ThanksScreen</name>
    <message>
        <location filename="../../kiosk/screens/rating/screens.py" line="128"/>
        <source>Thank you!</source>
        <translation>Xin cảm ơn!</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/rating/screens.py" line="129"/>
        <source>Your rating helps the centre serve citizens better.</source>
        <translation>Đánh giá của bạn giúp Trung tâm phục vụ người dân tốt hơn.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/rating/screens.py" line="130"/>
        <source>Back to the home screen</source>
        <translation>Về trang chủ</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <location filename="../../kiosk/screens/queue/ticket.py" line="74"/>
        <source>Done</source>
        <translation>Xong</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/queue/ticket.py" line="74"/>
        <source>Back to the home screen</source>
        <translation>Về trang chủ</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/queue/ticket.py" line="75"/>
        <source>Try again</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/queue/ticket.py" line="82"/>
        <source>Printing your ticket…</source>
        <translation>Đang in phiếu số thứ tự…</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/queue/ticket.py" line="83"/>
        <source>Please wait a moment.</source>
        <translation>Vui lòng chờ trong giây lát.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/queue/ticket.py" line="87"/>
        <source>Your ticket could not be printed</source>
        <translation>Không in được phiếu số thứ tự</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/queue/ticket.py" line="89"/>
        <source>Your ticket was not issued. You can try again, or ask the staff at the counter.</source>
        <translation>Phiếu chưa được cấp. Bạn có thể thử lại hoặc hỏi cán bộ tại quầy.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/queue/ticket.py" line="104"/>
        <source>1 person is waiting ahead of you.</source>
        <translation>Có 1 người đang chờ trước bạn.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/queue/ticket.py" line="106"/>
        <source>{n} people are waiting ahead of you.</source>
        <translation>Có {n} người đang chờ trước bạn.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/queue/ticket.py" line="108"/>
        <source>The counters are closed now.</source>
        <translation>Hiện đã ngoài giờ làm việc.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/queue/ticket.py" line="109"/>
        <source>They open at {time} on {date}.</source>
        <translation>Quầy mở cửa lúc {time} ngày {date}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/queue/ticket.py" line="112"/>
        <source>You will be called very soon.</source>
        <translation>Bạn sẽ được gọi ngay.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/queue/ticket.py" line="114"/>
        <source>Estimated wait: about {n} minutes.</source>
        <translation>Thời gian chờ dự kiến: khoảng {n} phút.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/queue/ticket.py" line="96"/>
        <source>Your number is</source>
        <translation>Số thứ tự của bạn là</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/queue/ticket.py" line="99"/>
        <source>PRIORITY</source>
        <translation>ƯU TIÊN</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/queue/ticket.py" line="102"/>
        <source>Nobody is waiting ahead of you.</source>
        <translation>Không có ai đang chờ trước bạn.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/queue/ticket.py" line="117"/>
        <source>Please take your ticket from the printer below and wait for your number to be called.</source>
        <translation>Vui lòng nhận phiếu ở khe máy in bên dưới và chờ gọi số.</translation>
    </message>
</context>
</TS>
