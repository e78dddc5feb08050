"""Identity benchmarks: QR decoders on the committed 1080p frames, chip reads via pcscd.

    .venv/bin/python bench/bench_idcard.py qr            # read rate and ms/frame, one core
    .venv/bin/python bench/bench_idcard.py chip          # PACE/BAC, with/without DG2
    .venv/bin/python bench/bench_idcard.py frames        # regenerate bench/data/qr_frames

The chip benchmark starts pcscd with a vpcd reader if none runs (and stops it after).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FRAMES = ROOT / "bench" / "data" / "qr_frames"


def bench_qr(repeat: int = 3) -> dict:
    import cv2

    from devices.camera.qr_decoders import make_decoder

    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    cv2.setNumThreads(1)
    truth = json.loads((FRAMES / "truth.json").read_text())
    images = {name: cv2.imread(str(FRAMES / name), cv2.IMREAD_GRAYSCALE) for name in truth}
    results = {}
    for name in ("zxing", "pyzbar"):
        decoder = make_decoder(name)
        read = wrong = 0
        times: list[float] = []
        for _ in range(repeat):
            read = wrong = 0
            for frame, payload in truth.items():
                t = time.perf_counter()
                texts = decoder.decode(images[frame])
                times.append((time.perf_counter() - t) * 1000)
                if payload is None:
                    wrong += bool(texts)
                elif payload in texts:
                    read += 1
                elif texts:
                    wrong += 1
        with_qr = sum(1 for p in truth.values() if p is not None)
        results[name] = {"read": read, "frames_with_qr": with_qr, "wrong": wrong,
                         "read_rate": round(read / with_qr, 3),
                         "median_ms": round(statistics.median(times), 1),
                         "p90_ms": round(sorted(times)[int(len(times) * 0.9)], 1)}
    return results


def bench_chip(runs: int = 11) -> dict:
    from devices.idcard.pcsc import PcscTransport, wait_card_state
    from devices.idcard.reading import AccessKey, read_identity
    from devices.sim.card import EmulatedIdCard, Faults
    from devices.sim.citizen import SyntheticCitizen
    from devices.sim.pcsc_stack import start_stack
    from devices.sim.vpcd import VpcdCard

    citizen = SyntheticCitizen()
    mrz = citizen.mrz.split("\n")
    bac_key = AccessKey.from_mrz_fields(mrz[0][5:14], mrz[1][0:6], mrz[1][8:14])
    cases = {
        "PACE + DG2, extended reads": (AccessKey(can=citizen.can), Faults(), True, True),
        "PACE, no DG2": (AccessKey(can=citizen.can), Faults(), False, True),
        "PACE + DG2, short reads only": (AccessKey(can=citizen.can), Faults(), True, False),
        "BAC + DG2, extended reads": (bac_key, Faults(no_pace=True), True, True),
        "BAC, no DG2": (bac_key, Faults(no_pace=True), False, True),
        "BAC + DG2, short reads only": (bac_key, Faults(no_pace=True), True, False),
    }
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        stack = start_stack(Path(tmp))
        name, port = stack.slot(0)
        try:
            for label, (key, faults, photo, extended) in cases.items():
                totals, apdus = [], 0
                with VpcdCard(EmulatedIdCard(citizen, faults=faults), port):
                    for _ in range(runs):
                        with PcscTransport(name).connect(timeout=15) as t:
                            r = read_identity(t.transmit, key, read_photo=photo, extended=extended,
                                              reader_max=t.reader_max_response())
                        totals.append(r.timings_ms["total"])
                        apdus = r.apdus
                wait_card_state(name, present=False, timeout=10)
                out[label] = {"median_ms": round(statistics.median(totals), 1),
                              "min_ms": round(min(totals), 1), "max_ms": round(max(totals), 1),
                              "apdus": apdus}
        finally:
            stack.stop()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["qr", "chip", "frames"])
    args = parser.parse_args(argv)
    if args.what == "frames":
        from devices.sim.card_scene import generate_frame_set

        for old in FRAMES.glob("*.jpg"):
            old.unlink()
        generate_frame_set(FRAMES)
        return 0
    result = bench_qr() if args.what == "qr" else bench_chip()
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
