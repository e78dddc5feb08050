"""Opening hours: a ticket taken at night says when the counters open instead of a wait
estimate (read back from the printed ticket), and a dossier filed after hours counts as
received on the next working day, its result date following."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytesseract
import pytest
from PIL import Image

from devices.printer.layouts import ticket_layout
from devices.printer.printer import open_printer
from forms.hours import OpeningHours
from forms.loader import load_catalog
from forms.workdays import HolidayTable
from kiosk.config import ConfigError, parse
from kiosk.journeys.declaration import DeclarationJourney
from kiosk.queue.tickets import TicketService
from sync.store import open_store

VN = ZoneInfo("Asia/Ho_Chi_Minh")
HOURS = OpeningHours.parse(["07:30-11:30", "13:30-17:00"], HolidayTable.load())


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=VN)


def test_open_periods_working_days_and_the_next_opening():
    assert HOURS.is_open(at(2026, 12, 3, 9, 0))           # Thursday morning
    assert not HOURS.is_open(at(2026, 12, 3, 12, 0))      # lunch
    assert not HOURS.is_open(at(2026, 12, 5, 9, 0))       # Saturday
    assert HOURS.next_opening(at(2026, 12, 4, 0, 14)) == at(2026, 12, 4, 7, 30)
    assert HOURS.next_opening(at(2026, 12, 3, 12, 0)) == at(2026, 12, 3, 13, 30)
    assert HOURS.next_opening(at(2026, 12, 4, 17, 5)) == at(2026, 12, 7, 7, 30)   # Friday evening → Monday


@pytest.mark.parametrize("bad", [["7:30"], ["17:00-07:30"], ["07:30-12:00", "11:00-17:00"], []])
def test_bad_opening_hours_are_refused_with_their_key(bad):
    text = f'[queue]\nopening_hours = {bad!r}\n[[queue.services]]\ncode = "A"\nprefix = "A"\n' \
           'name_vi = "a"\nname_en = "a"\ncounter_group = "Quầy 1"\n'.replace("'", '"')
    with pytest.raises(ConfigError) as err:
        parse(text)
    assert "queue.opening_hours" in str(err.value)


def test_a_file_with_the_old_opening_hour_still_loads():
    text = '[queue]\nopening_hour = 8\n[[queue.services]]\ncode = "A"\nprefix = "A"\nname_vi = "a"\n' \
           'name_en = "a"\ncounter_group = "Quầy 1"\n'
    cfg = parse(text)
    assert cfg.queue.opening_hours == ["08:00-17:00"]
    assert cfg.queue.services[0].counter_group_en == "Quầy 1"   # no English given: the Vietnamese


def printed_text(png) -> str:
    return " ".join(pytesseract.image_to_string(Image.open(png), lang="vie").split())


def test_a_ticket_taken_at_night_says_when_the_counters_open(config, printer_emulator):
    store = open_store(config.kiosk.resolved_data_dir() / "kiosk.db", config.kiosk.resolved_key_file())
    night = at(2026, 12, 4, 0, 14).astimezone(dt.timezone.utc)
    tickets = TicketService(store, config.queue, config.kiosk.id, config.kiosk.centre_name_vi,
                            lambda: open_printer(config.printer), ticket_layout(80),
                            clock=lambda: night, hours=config.opening_hours())
    issued = tickets.issue("CUTRU", None)
    assert issued.opens_at == at(2026, 12, 4, 7, 30)
    text = printed_text(printer_emulator.wait_for_jobs(1)[0].png_path)
    assert "Ngoài giờ làm việc" in text and "07:30 ngày 04/12/2026" in text
    assert "Dự kiến chờ" not in text                   # no estimate that cannot be true
    store.close()


def test_a_dossier_filed_after_hours_counts_from_the_next_working_day():
    catalog = load_catalog()
    friday_evening = at(2026, 12, 4, 18, 0)
    journey = DeclarationJourney(catalog, hours=HOURS, clock=lambda: friday_evening)
    journey.choose("1.004222")
    assert journey.received_later() == dt.date(2026, 12, 7)      # Monday
    assert journey.expected_date().date == dt.date(2026, 12, 16)  # 7 working days from Monday
    in_hours = DeclarationJourney(catalog, hours=HOURS, clock=lambda: at(2026, 12, 4, 9, 0))
    in_hours.choose("1.004222")
    assert in_hours.received_later() is None
    assert in_hours.expected_date().date == dt.date(2026, 12, 15)
