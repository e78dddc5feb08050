"""Complete, valid answers for every shipped procedure (synthetic people only).

Used by the PDF, CLI, journey and GUI tests: each must end with a complete declaration
whose printed text contains these answers.
"""
HANOI_BA_DINH = {"province": "01", "commune": "00004", "street": "Số 1 Hoàng Diệu"}
HCM_BEN_THANH = {"province": "79", "commune": "26743", "street": "Số 45 Lê Lợi"}

SAMPLES = {
    "1.004222": {
        "phone": "0912345678", "email": "an.nguyen@example.com",
        "new_address": HANOI_BA_DINH, "join_household": True,
        "head_name": "Trần Thị Ngọc", "head_relationship": "Vợ", "head_id_number": "001160000002",
        "request_content": "Đăng ký thường trú vào hộ gia đình bà Trần Thị Ngọc",
        "members": [{"full_name": "Nguyễn Thị Bình", "date_of_birth": "2015-02-01",
                     "sex": "Nữ", "relationship": "Con"}],
    },
    "1.001193": {
        "requester_relationship": "Cha", "phone": "0987654321",
        "child_name": "Nguyễn Minh Khôi", "child_dob": "2026-11-20", "child_sex": "Nam",
        "child_ethnicity": "Kinh", "child_nationality": "Việt Nam",
        "birth_place": "Bệnh viện Phụ sản Hà Nội", "hometown": "Xã Hương Sơn, Hà Tĩnh",
        "mother_name": "Lê Thị Hòa", "mother_birth_year": 1992, "mother_ethnicity": "Kinh",
        "mother_nationality": "Việt Nam", "mother_residence": HANOI_BA_DINH,
        "father_known": True, "parents_married": True, "father_name": "Nguyễn Văn An",
        "father_birth_year": 1990, "father_ethnicity": "Kinh", "father_nationality": "Việt Nam",
        "father_residence": HANOI_BA_DINH, "copies": 2,
    },
    "3.000333": {
        "birth_place": "42", "phone": "0912345678",
        "father_name": "Nguyễn Văn Đức", "mother_name": "Phạm Thị Thủy",
        "residence_history": [
            {"from_year": 2004, "to_year": 2008, "place": "Xã Hương Sơn, Hà Tĩnh", "occupation": "Học sinh"},
            {"from_year": 2008, "place": "Phường Ba Đình, Hà Nội", "occupation": "Kỹ sư, Công ty Điện lực"},
        ],
        "certificate_type": "1", "purpose": "Bổ sung hồ sơ xin việc", "copies": 3, "reduced_fee": False,
    },
    "2.000815": {
        "phone": "0912345678", "document_name": "Bằng tốt nghiệp đại học",
        "issuer": "Trường Đại học Bách khoa Hà Nội", "pages": 3, "copies": 2,
    },
    "1.004873": {
        "status": "divorced", "former_spouse": "Đỗ Thị Lan", "purpose": "marriage",
        "partner_name": "Vũ Thị Hương", "copies": 2, "not_married_confirm": True,
    },
}

# Text each PDF must show (the answers as printed).
EXPECTED_TEXT = {
    "1.004222": ["Nguyễn Văn An", "0912345678", "Trần Thị Ngọc", "Nguyễn Thị Bình", "01/02/2015",
                 "Số 1 Hoàng Diệu, Phường Ba Đình, Thành phố Hà Nội"],
    "1.001193": ["Nguyễn Minh Khôi", "20/11/2026", "Lê Thị Hòa", "1992", "Bệnh viện Phụ sản Hà Nội",
                 "Ngày hai mươi tháng mười một năm hai nghìn không trăm hai mươi sáu"],
    "3.000333": ["Tôi xin cam đoan những lời khai trên là đúng sự thật", "Phạm Thị Thủy", "Kỹ sư, Công ty Điện lực", "Bổ sung hồ sơ xin việc", "Hà Tĩnh"],
    "2.000815": ["Bằng tốt nghiệp đại học", "Trường Đại học Bách khoa Hà Nội"],
    "1.004873": ["Đỗ Thị Lan", "Vũ Thị Hương", "Đã ly hôn"],
}
