"""The on-screen keyboard on its own: shift, backspace, modes, read-only targets."""
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from kiosk.widgets.keyboard import VietKeyboard


def make(qtbot, method="telex"):
    kb = VietKeyboard(method)
    edit = QLineEdit()
    qtbot.addWidget(kb)
    qtbot.addWidget(edit)
    kb.attach(edit)
    return kb, edit


def test_shift_is_one_shot_and_marks_keep_the_case(qtbot):
    kb, edit = make(qtbot)
    kb.type_keys("Ddooxng Thaps")
    assert edit.text() == "Đỗng Tháp"
    assert kb.buttons["key_a"].text() == "a"          # shift released after one letter


def test_backspace_then_typing_continues_the_word(qtbot):
    kb, edit = make(qtbot)
    kb.type_keys("Hoaf")
    kb.buttons["key_backspace"].click()
    assert edit.text() == "Hò"
    kb.type_keys("a")
    assert edit.text() == "Hòa"


def test_modes_numeric_pad_and_plain_email(qtbot):
    kb, edit = make(qtbot)
    kb.attach(edit, "numeric")
    assert kb.pages.currentIndex() == 1
    kb.type_keys("05/09/1990")
    assert edit.text() == "05/09/1990"
    email = QLineEdit()
    qtbot.addWidget(email)
    kb.attach(email, "plain")
    kb.buttons["key_to_letters"].click()
    kb.type_keys("ex.tras@mail.com")
    assert email.text() == "ex.tras@mail.com"         # no Telex inside an e-mail address


def test_read_only_target_and_max_length_are_respected(qtbot):
    kb, edit = make(qtbot)
    edit.setText("Nguyễn Văn An")
    edit.setReadOnly(True)
    kb.type_keys("x")
    assert edit.text() == "Nguyễn Văn An"
    short = QLineEdit()
    short.setMaxLength(3)
    qtbot.addWidget(short)
    kb.attach(short)
    kb.type_keys("abcd")
    assert short.text() == "abc"


def test_multiline_target_and_vni(qtbot):
    kb = VietKeyboard("vni")
    qtbot.addWidget(kb)
    box = QPlainTextEdit()
    qtbot.addWidget(box)
    kb.attach(box)
    kb.type_keys("Vie6t5 Nam")
    assert box.toPlainText() == "Việt Nam"
