"""Styles of the forms screens that the shared theme does not cover (keys, choices, fields)."""

FORMS_QSS = """
QPushButton[role="key"]      { background: #eef2f8; color: #0d1b2a; font-size: 32px; min-height: 50px; min-width: 52px;
                               border-radius: 10px; padding: 4px; border: 2px solid #c8ced8; }
QPushButton[role="key"]:pressed { background: #c8d6ee; }
QPushButton[role="tone"]     { background: #fff4e0; color: #0d1b2a; font-size: 30px; min-height: 50px; min-width: 52px;
                               border-radius: 10px; padding: 4px; border: 2px solid #e0922a; }
QPushButton[role="modifier"] { background: #dfe6f0; color: #0b3d91; font-size: 28px; min-height: 50px; min-width: 52px;
                               border-radius: 10px; padding: 4px; }
QPushButton[role="modifier"][active="true"] { background: #0b3d91; color: #ffffff; }
QPushButton#key_enter, QPushButton#num_enter { min-height: 50px; min-width: 96px; padding: 4px 12px; }
QPushButton[role="choice"]   { background: #ffffff; color: #0b3d91; border: 3px solid #0b3d91; min-height: 72px; }
QPushButton[role="choice"]:checked { background: #0b3d91; color: #ffffff; }
QPushButton[role="procedure"] { background: #ffffff; color: #0b3d91; border: 3px solid #0b3d91;
                                text-align: left; padding: 12px 24px; min-height: 80px; }
QPushButton[role="link"]     { background: #ffffff; color: #0b3d91; border: 3px solid #0b3d91;
                               min-height: 64px; min-width: 120px; font-size: 28px; }
QFrame[role="card"]          { border: 3px solid #0b3d91; border-radius: 16px; }
QLineEdit[readOnly="true"], QPlainTextEdit[readOnly="true"] { background: #eef2f8; color: #33415c; }
QWidget#vietKeyboard         { background: #f4f6fa; }
QFrame[role="field"]         { border-bottom: 2px solid #dfe6f0; }
QFrame[role="field"][invalid="true"] { border: 4px solid #8b0000; border-radius: 12px; }
QFrame[role="row"]           { border: 3px solid #c8ced8; border-radius: 12px; }
QLabel[role="fieldlabel"]    { font-size: 30px; }
QLabel[role="value"]         { font-size: 32px; font-weight: bold; color: #0b3d91; }
QLabel[role="group"]         { font-size: 36px; font-weight: bold; color: #0b3d91; padding-top: 12px; }
QListWidget                  { font-size: 30px; border: 3px solid #33415c; border-radius: 12px; }
QListWidget::item            { min-height: 60px; padding: 4px 12px; }
QListWidget::item:selected   { background: #0b3d91; color: #ffffff; }
"""
