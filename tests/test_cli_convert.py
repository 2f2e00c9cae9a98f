"""`tei convert` from the command line: outputs, reports, errors, exit codes."""
from __future__ import annotations

import json
import os

from click.testing import CliRunner

from conftest import ROOT
from tei_corpus.cli import cli

SEED = ROOT / "corpus_raw" / "000_state-blinken-cho-seoul-2025.txt"
GOOD = ("MODERATOR: Welcome, everyone. Let us begin with the first question today.\n\n"
        "SENATOR SMITH: Thank you. I am glad to be here today.\n\n"
        "MODERATOR: Next question, please.\n")


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)), catch_exceptions=False)


def test_convert_to_stdout_with_report_on_stderr():
    r = run("convert", SEED)
    assert r.exit_code == 0
    assert r.stdout.startswith("<?xml version='1.0' encoding='UTF-8'?>\n<TEI ")
    assert r.stdout.encode() == (ROOT / "corpus_xml" / SEED.with_suffix(".xml").name).read_bytes()
    assert r.stderr.splitlines()[0] == (
        f"{SEED}: 23 turns by 4 labels (5 participants), profile whitehouse")


def test_folder_with_bad_files_converts_the_rest(tmp_path):
    src = tmp_path / "raw"
    src.mkdir()
    (src / "a-good.txt").write_text(GOOD, encoding="utf-8")
    (src / "b-empty.txt").write_bytes(b"")
    (src / "c-binary.txt").write_bytes(b"\x00\x01\x02\x03PK" * 100)
    os.symlink(src / "missing.txt", src / "d-unreadable.txt")   # broken, inside the folder
    out = tmp_path / "out"
    r = run("convert", src, "-o", out, "-q")
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [
        f"{src}/b-empty.txt:1:1: error: empty file: no transcript to convert [empty]",
        f"{src}/c-binary.txt:1:1: error: binary file: not a text transcript [binary]",
        f"{src}/d-unreadable.txt:0:0: error: cannot read: No such file or directory [unreadable]",
    ]
    assert sorted(p.name for p in out.iterdir()) == [".tei-written", "a-good.xml"]   # nothing half-written


def test_parallel_output_equals_serial(tmp_path):
    src = tmp_path / "raw"
    src.mkdir()
    for i in range(4):
        (src / f"t{i}.txt").write_text(GOOD.replace("today", f"day {i}"), encoding="utf-8")
    r1 = run("convert", src, "-o", tmp_path / "s", "-q")
    r2 = run("convert", src, "-o", tmp_path / "p", "-q", "-j", "2")
    assert r1.exit_code == r2.exit_code == 0
    for i in range(4):
        assert (tmp_path / "s" / f"t{i}.xml").read_bytes() == (tmp_path / "p" / f"t{i}.xml").read_bytes()


def test_json_report(tmp_path):
    r = run("convert", SEED, "-o", tmp_path / "seed.xml", "--report", "json")
    assert r.exit_code == 0
    rep = json.loads(r.stderr)
    assert (rep["turns"], rep["interpreted"], rep["truncated"]) == (23, 12, 0)
    assert rep["labels"] == ["MODERATOR", "FOREIGN MINISTER CHO", "SECRETARY BLINKEN", "QUESTION"]
    assert rep["front_lines"] == 3 and rep["back_lines"] == 9
    assert (tmp_path / "seed.xml").exists()


def test_never_overwrites_an_input(tmp_path):
    src = tmp_path / "notes.xml"
    src.write_text(GOOD, encoding="utf-8")
    r = run("convert", src, "-o", src)
    assert r.exit_code == 2
    assert r.stderr == f"{src}:0:0: error: {src}: refusing to overwrite the input [output-error]\n"
    assert src.read_text(encoding="utf-8") == GOOD


def test_output_to_a_pipe_is_written_not_replaced(tmp_path):
    import os
    import stat
    import threading

    src = tmp_path / "a.txt"
    src.write_text(GOOD, encoding="utf-8")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    r = run("convert", src, "-o", fifo, "-q")
    reader.join(timeout=30)
    assert r.exit_code == 0
    assert got and got[0].startswith(b"<?xml") and b"SENATOR SMITH:" in got[0]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_one_input_to_a_named_file_and_unwritable_output(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(GOOD, encoding="utf-8")
    r = run("convert", src, "-o", tmp_path / "a.tei", "-q")
    assert r.exit_code == 0 and (tmp_path / "a.tei").read_bytes().startswith(b"<?xml")
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    r = run("convert", src, "-o", blocked / "a.xml", "-q")
    assert r.exit_code == 2
    assert r.stderr.startswith(f"{src}:0:0: error: {blocked / 'a.xml'}: cannot write: ")


def test_malformed_date_language_and_registry_are_usage_errors(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(GOOD, encoding="utf-8")
    r = run("convert", src, "--date", "2020-13-45")
    assert r.exit_code == 2 and r.stderr.splitlines()[-1] == (
        "Error: Invalid value for --date: '2020-13-45' is not a date like 2024-11-17")
    r = run("convert", src, "--lang", "x y")
    assert r.exit_code == 2 and r.stderr.splitlines()[-1] == (
        "Error: Invalid value for --lang: 'x y' is not a language tag like en, fr or pt-BR")
    reg = tmp_path / "people.csv"
    reg.write_text("label,id,name\nMODERATOR,w,Ann Lee\nSENATOR SMITH,w,Jane Smith\n", encoding="utf-8")
    r = run("convert", src, "--people", reg)
    assert r.exit_code == 2 and r.stderr == (
        f"Error: {reg}:3: id 'w' is already used by {reg}:2 for another name ('Ann Lee', here 'Jane Smith')\n")


def test_usage_errors_exit_2(tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(GOOD, encoding="utf-8")
    b.write_text(GOOD, encoding="utf-8")
    r = run("convert", a, b)
    assert r.exit_code == 2 and r.stderr.splitlines()[-1] == "Error: several inputs need -o DIR"
    r = run("convert", a, "--profile", "nope")
    assert r.exit_code == 2
    assert r.stderr.startswith("Error: unknown profile 'nope'; shipped profiles: ")
    r = run("convert", a, "--date", "yesterday")
    assert r.exit_code == 2


def test_list_profiles():
    r = run("convert", "--list-profiles")
    names = [line.split("\t")[0] for line in r.stdout.splitlines()]
    assert r.exit_code == 0 and names == ["bracketed", "congress", "corpus", "dash", "europarl", "hansard", "markdown", "names", "qa",
                                          "screenplay", "timed", "whitehouse", "auto"]


def test_help_and_readme():
    r = run("convert", "--help")
    assert r.exit_code == 0 and "Example:" in r.stdout and "--profile" in r.stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "### tei convert" in readme


def test_version():
    r = run("--version")
    assert r.exit_code == 0 and r.stdout.startswith("tei, version ")


def test_ctrl_c_stops_a_parallel_batch_cleanly(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    from lxml import etree

    src = tmp_path / "raw"
    src.mkdir()
    for i in range(60):
        (src / f"t{i:02d}.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-c", "from tei_corpus.cli import cli; cli()", "convert",
                             str(src), "-o", str(out), "-j", "2", "-q"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out.exists() and any(out.glob("*.xml"))):
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    start = time.monotonic()
    rc = proc.wait(timeout=30)
    stopped_after = time.monotonic() - start
    assert rc == 130
    assert proc.stderr.read().decode().splitlines()[-1] == "tei: interrupted"
    written = sorted(out.glob("*.xml"))
    assert 0 < len(written) < 60, f"{len(written)} files written: the interrupt did not stop the queue"
    assert not list(out.glob(".*.tmp"))
    for p in written:                      # what is there under its real name is whole
        etree.parse(str(p))
    assert stopped_after < 10


def test_list_languages():
    r = run("convert", "--list-languages")
    codes = [line.split("\t")[0] for line in r.stdout.splitlines()]
    assert r.exit_code == 0
    assert {"en", "fr", "de", "es", "it", "pt", "nl", "pl", "ru", "uk", "zh", "ja", "ko", "ar"} <= set(codes)


def test_encoding_option(tmp_path):
    src = tmp_path / "zasedanie.txt"
    text = ("ПРЕДСЕДАТЕЛЬ: Уважаемые коллеги, начинаем заседание.\n\n"
            "ИВАНОВ: Спасибо, я готов ответить на вопрос.\n")
    src.write_bytes(text.encode("koi8-r"))
    r = run("convert", src, "--encoding", "koi8-r", "-q")
    assert r.exit_code == 0 and "Уважаемые коллеги" in r.stdout
    r = run("convert", src, "--encoding", "no-such-codec")
    assert r.exit_code == 2 and "unknown encoding 'no-such-codec'" in r.stderr


def test_check_converts_and_validates_in_memory_and_writes_nothing(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_text(GOOD, encoding="utf-8")
    (raw / "bad.json").write_text('{"x": 1}', encoding="utf-8")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    ok = run("convert", "--check", "-q", raw / "good.txt", SEED)
    assert (ok.exit_code, ok.stdout) == (0, "")
    bad = run("convert", "--check", raw)
    assert bad.exit_code == 1 and bad.stdout == ""
    assert f"{raw / 'bad.json'}:1:1: error: unknown JSON transcript shape" in bad.stderr
    assert bad.stderr.rstrip().endswith("1 checked, 1 failed")
    assert sorted(p.name for p in tmp_path.rglob("*")) == before      # nothing written
    both = run("convert", "--check", raw, "-o", tmp_path / "out")
    assert both.exit_code == 2 and "--check writes nothing" in both.stderr
