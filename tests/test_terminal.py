"""What `archiver ingest` shows in a terminal, and what it writes where a script reads it.

The command runs in a real pseudo-terminal (the tests elsewhere run without one, where the
progress bar is off). pyte, a terminal emulator, renders the bytes to the screen a person
would see. Specification:
- stdout carries the results whatever stderr is: `--json > out.jsonl` from a terminal fills
  the file, and nothing of it reaches the terminal;
- when stdout and the bar share the terminal, every result line stands whole on the screen
  and the bar, once done, leaves nothing behind;
- when stdout goes to another program (`| tee log`), which may write it to the same
  terminal, no bar is drawn;
- when that program stops reading (`| head -3`), the ingest goes on to the end, says so,
  and exits with the code that says how the ingest went;
- images missing for one reason are one warning line (--json keeps one warning per image);
- the bar counts files, and a file that holds several posts (a WARC) is one step of it.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pyte
import pytest

from archiver.cli.ingest import grouped_warnings

from conftest import FIXTURES, WECHAT

COLUMNS, LINES = 160, 60
POSTS = sorted((WECHAT / "markdown").glob("*.md"))[:6]  # real exports, with remote images
CONTAINERS = FIXTURES / "containers"


@pytest.fixture
def posts(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for post in POSTS:
        shutil.copy(post, folder / post.name)
    return folder


def run_in_terminal(args: list[str], stdout_file: Path | None = None,
                    stdout_fd: int | None = None) -> tuple[int, bytes]:
    """Run the CLI with stderr (and stdout, unless ``stdout_file`` or ``stdout_fd``) on a
    pseudo-terminal; the exit code and every byte the terminal received."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    env = {k: v for k, v in os.environ.items()
           if k not in ("NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS", "LINES")}
    env["TERM"] = "xterm-256color"
    out = stdout_file.open("wb") if stdout_file else None
    try:
        target = out or (stdout_fd if stdout_fd is not None else slave)
        proc = subprocess.Popen([sys.executable, "-m", "archiver", *args], stdin=slave,
                                stdout=target, stderr=slave, env=env, close_fds=True)
    finally:
        os.close(slave)
        if out:
            out.close()
        if stdout_fd is not None:
            os.close(stdout_fd)
    received = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            proc.kill()
            raise AssertionError("the command wrote nothing for 60 s")
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the last holder of the terminal closed it
            break
        if not chunk:
            break
        received += chunk
    os.close(master)
    return proc.wait(timeout=60), received


def screen_of(received: bytes) -> list[str]:
    screen = pyte.Screen(COLUMNS, LINES)
    pyte.ByteStream(screen).feed(received)
    return [line.rstrip() for line in screen.display]


def test_json_to_a_file_from_a_terminal_goes_to_the_file_not_the_terminal(posts, tmp_path):
    jsonl = tmp_path / "out.jsonl"
    code, received = run_in_terminal(["ingest", str(posts), "--archive", str(tmp_path / "a"),
                                      "--no-fetch", "--json"], stdout_file=jsonl)
    assert code == 0
    rows = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert [r["status"] for r in rows] == ["added"] * len(POSTS)
    assert b'"status"' not in received
    assert f"{len(POSTS)} post(s): {len(POSTS)} added".encode() in received


def test_result_lines_stand_whole_above_the_bar_and_the_bar_leaves_nothing(posts, tmp_path):
    code, received = run_in_terminal(["ingest", str(posts), "--archive", str(tmp_path / "a"),
                                      "--no-fetch"])
    assert code == 0
    assert "━".encode() in received  # the bar was drawn
    assert f"/{len(POSTS)}".encode() in received  # counting the files the folder holds
    screen = screen_of(received)
    results = [line for line in screen if line.startswith("added ")]
    assert len(results) == len(POSTS), "\n".join(screen)
    assert not any("━" in line for line in screen), "\n".join(screen)
    assert any(line.startswith(f"{len(POSTS)} post(s): {len(POSTS)} added") for line in screen)


def test_a_warc_of_several_posts_is_one_step_of_the_bar_which_never_passes_its_total(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    warc = CONTAINERS / "converted-multi-mufeng-2018-01-29+2021-07-07.warc.gz"  # two posts
    shutil.copy(warc, folder)
    shutil.copy(POSTS[0], folder)
    code, received = run_in_terminal(["ingest", str(folder), "--archive", str(tmp_path / "a"),
                                      "--no-fetch"])
    assert code == 0
    text = re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b"", received).decode("utf-8", "replace")
    counts = [(int(done), int(total)) for done, total in re.findall(r"━ (\d+)/(\d+)", text)]
    assert counts and {total for _, total in counts} == {2}, text
    assert all(done <= total for done, total in counts), counts
    assert "3 post(s): 3 added" in text


def test_images_missing_for_one_reason_are_one_warning_in_the_terminal_each_in_json(
        posts, tmp_path):
    code, received = run_in_terminal(["ingest", str(posts), "--archive", str(tmp_path / "a"),
                                      "--no-fetch"])
    assert code == 0
    # one line, naming the post's file (stdout may not be on the screen to say which it is)
    warned = re.findall(r"  warning: (.+?): images 1–26 missing: not fetched: network "
                        r"fetching is off \(--no-fetch\)\r?\n", received.decode("utf-8"))
    assert len(warned) == 1 and warned[0] in {post.name for post in POSTS}, warned
    jsonl = tmp_path / "again.jsonl"
    run_in_terminal(["ingest", str(posts), "--archive", str(tmp_path / "b"), "--no-fetch",
                     "--json"], stdout_file=jsonl)
    warnings = [w for line in jsonl.read_text(encoding="utf-8").splitlines()
                for w in json.loads(line)["warnings"]]
    assert "image 26 missing: not fetched: network fetching is off (--no-fetch)" in warnings


@pytest.mark.parametrize(("warnings", "shown"), [
    ([], []),
    (["image 1 missing: gone"], ["image 1 missing: gone"]),
    (["image 1 missing: gone", "image 2 missing: gone"], ["images 1, 2 missing: gone"]),
    ([f"image {n} missing: gone" for n in (1, 2, 3, 5, 7, 8, 9)],
     ["images 1–3, 5, 7–9 missing: gone"]),
    (["image 1 missing: gone", "image 2 missing: too large", "image 3 missing: gone"],
     ["image 1 missing: gone", "image 2 missing: too large", "image 3 missing: gone"]),
    (["image 1 missing: gone", "no title found", "image 2 missing: gone"],
     ["image 1 missing: gone", "no title found", "image 2 missing: gone"]),
    (["image 1 missing: a\nb", "image 2 missing: a\nb"], ["images 1, 2 missing: a\nb"]),
    # kept from the version before, as a re-ingest --no-fetch says of every image
    ([f"image {n} not obtained this time (not fetched: off): v3's is kept" for n in (1, 2, 3)],
     ["images 1–3 not obtained this time (not fetched: off): v3's is kept"]),
    (["image 1 not obtained this time (gone): v3's is kept", "image 2 missing: gone"],
     ["image 1 not obtained this time (gone): v3's is kept", "image 2 missing: gone"]),
    # files not found, each looked for at its own place: one line, the first and last places
    ([f"image {n} missing: file not found (looked for: images/1935/{n}.jpeg; asset roots: "
      "none configured)" for n in range(1, 8)],
     ["images 1–7 missing: file not found (looked for: images/1935/1.jpeg to "
      "images/1935/7.jpeg, 7 files, each image's at its own place; asset roots: none "
      "configured)"]),
    (["image 1 missing: file not found (looked for: a/1.jpg; b/1.jpg; asset roots: /r)",
      "image 2 missing: file not found (looked for: a/1.jpg; b/1.jpg; asset roots: /r)",
      "image 3 missing: file not found (looked for: a/3.jpg; asset roots: /s)"],
     ["images 1, 2 missing: file not found (looked for: a/1.jpg; b/1.jpg; asset roots: /r)",
      "image 3 missing: file not found (looked for: a/3.jpg; asset roots: /s)"]),
    # several places each, or other folders: each image's places are said, not a range
    (["image 1 missing: file not found (looked for: a/1.jpg; b/1.jpg; asset roots: /r)",
      "image 2 missing: file not found (looked for: a/2.jpg; b/2.jpg; asset roots: /r)"],
     ["image 1 missing: file not found (looked for: a/1.jpg; b/1.jpg; asset roots: /r)",
      "image 2 missing: file not found (looked for: a/2.jpg; b/2.jpg; asset roots: /r)"]),
    (["image 1 missing: file not found (looked for: images/1.jpg; asset roots: /r)",
      "image 2 missing: file not found (looked for: pics/2.jpg; asset roots: /r)"],
     ["image 1 missing: file not found (looked for: images/1.jpg; asset roots: /r)",
      "image 2 missing: file not found (looked for: pics/2.jpg; asset roots: /r)"]),
    # a file named twice, or out of order, is no range; a browser's name may hold brackets
    ([f"image {n} missing: file not found (looked for: {p}; asset roots: /r)"
      for n, p in ((1, "images/1.jpg"), (2, "images/2.jpg"), (3, "images/1.jpg"))],
     ["images 1–3 missing: file not found (looked for: 2 files in images/; asset roots: /r)"]),
    ([f"image {n} missing: file not found (looked for: p_files/{p}; asset roots: /r)"
      for n, p in ((1, "640.jpeg"), (2, "640(1).jpeg"))],
     ["images 1, 2 missing: file not found (looked for: p_files/640.jpeg to p_files/640(1)"
      ".jpeg, 2 files, each image's at its own place; asset roots: /r)"]),
    ([f"image {n} missing: file not found (looked for: img/{n}.png; asset roots: /r)"
      for n in range(1, 11)],  # in the order a person reads names: 9 before 10
     ["images 1–10 missing: file not found (looked for: img/1.png to img/10.png, 10 files, "
      "each image's at its own place; asset roots: /r)"]),
    ([f"image {n} missing: file not found (looked for: {p}; asset roots: /r)"
      for n, p in ((1, "²/1.png"), (2, "²/2.png"))],  # a superscript two is no number
     ["images 1, 2 missing: file not found (looked for: ²/1.png to ²/2.png, 2 files, each "
      "image's at its own place; asset roots: /r)"]),
    (["image 1 missing: file not found (looked for: a/1.jpg (cannot be looked up: loop); "
      "asset roots: /r)", "image 2 missing: file not found (looked for: a/2.jpg; asset roots: "
      "/r)"],
     ["image 1 missing: file not found (looked for: a/1.jpg (cannot be looked up: loop); "
      "asset roots: /r)", "image 2 missing: file not found (looked for: a/2.jpg; asset roots: "
      "/r)"]),
    ([f"image {n} not obtained this time (file not found (looked for: i/{n}.png; asset roots: "
      "none configured)): v1's is kept" for n in (1, 2)],
     ["images 1, 2 not obtained this time (file not found (looked for: i/1.png to i/2.png, "
      "2 files, each image's at its own place; asset roots: none configured)): v1's is "
      "kept"]),
])
def test_warnings_are_grouped_only_where_consecutive_images_share_a_reason(warnings, shown):
    assert grouped_warnings(warnings) == shown


def test_no_bar_is_drawn_when_stdout_goes_to_another_program(posts, tmp_path):
    read_end, write_end = os.pipe()
    code, received = run_in_terminal(["ingest", str(posts), "--archive", str(tmp_path / "a"),
                                      "--no-fetch"], stdout_fd=write_end)
    with os.fdopen(read_end, "rb") as pipe:
        piped = pipe.read().decode("utf-8")
    assert code == 0
    assert "━".encode() not in received
    assert [line.split()[0] for line in piped.splitlines()] == ["added"] * len(POSTS)


def test_a_reader_that_stops_reading_does_not_stop_the_ingest(posts, tmp_path):
    read_end, write_end = os.pipe()
    os.close(read_end)  # as `| head -0` does: the first line written finds no reader
    archive = tmp_path / "a"
    code, received = run_in_terminal(["ingest", str(posts), "--archive", str(archive),
                                      "--no-fetch", "--json"], stdout_fd=write_end)
    assert code == 0
    assert b"stopped reading; ingesting goes on to the end" in received
    listed = subprocess.run([sys.executable, "-m", "archiver", "list", "--archive",
                             str(archive), "--json"], capture_output=True, text=True)
    assert len(listed.stdout.splitlines()) == len(POSTS)


@pytest.mark.parametrize("width", [40, 70, 74, 80, 100, 160, 300])
def test_the_file_name_after_the_bar_fits_the_room_the_count_and_time_leave(width):
    from rich.cells import cell_len

    from archiver.cli.ingest import _BAR_COLUMNS, _bar_label
    name = "mp_duty__RAS通路评分预测肺癌化疗效果发Nature_Communications.md"  # wide characters
    label = _bar_label(name, width)
    assert cell_len(label) <= max(0, min(width - _BAR_COLUMNS, 40))
    assert label == "" or name.startswith(label.rstrip("…").rstrip())


def test_a_file_name_with_a_line_break_is_escaped_after_the_bar():
    """The bar is one line: a name holding a line break or an escape sequence is shown
    escaped, as in every other line."""
    from archiver.cli.ingest import _bar_label
    assert _bar_label("a\nb\x1b[2J.md", 120) == "a\\nb\\x1b[2J.md"


def test_fsck_draws_a_bar_for_each_pass_that_leaves_nothing_and_none_for_json(posts,
                                                                            tmp_path):
    """Checking a large archive takes minutes (every digest is computed again): fsck draws
    a bar counting the objects, for the digests and then for the documents against the
    schemas; once done, only the problems (stdout) and the summary stay on the screen.
    With --json, a script's report, no bar is drawn."""
    archive = tmp_path / "a"
    subprocess.run([sys.executable, "-m", "archiver", "ingest", str(posts), "--archive",
                    str(archive), "--no-fetch", "-q"], check=True, capture_output=True)
    [record, *_] = sorted(archive.rglob("v1/content/record.json"))
    record.write_bytes(record.read_bytes().replace(b'"', b"'", 1))  # no longer its digest
    code, received = run_in_terminal(["fsck", "--archive", str(archive)])
    assert code == 5
    assert "━".encode() in received
    assert b"fsck fixity" in received and b"fsck schemas" in received
    assert f"/{len(POSTS)}".encode() in received  # counting the objects
    screen = [line for line in screen_of(received) if line]
    assert not any("━" in line for line in screen), "\n".join(screen)
    assert any(line.endswith("sha512 does not match the manifest (file changed)")
               for line in screen), "\n".join(screen)
    summary = next(at for at, line in enumerate(screen) if line.startswith("fsck: "))
    assert screen[summary].startswith(f"fsck: {len(POSTS)} object(s), "), "\n".join(screen)
    assert screen[summary + 1].startswith("  hint: "), "\n".join(screen)  # then how to mend

    code, received = run_in_terminal(["fsck", "--archive", str(archive), "--json"])
    assert code == 5
    assert "━".encode() not in received


@pytest.mark.parametrize("fmt", ["bibtex", "html"])
def test_export_to_a_file_draws_a_bar_counting_the_posts_and_none_over_the_entries(
        posts, tmp_path, fmt):
    """An export of 100k posts takes minutes: written to a file (or a site), a bar counts
    the posts and leaves only the summary behind. Written to stdout, on the terminal the
    entries are what shows progress, and a bar would be drawn over them: none is drawn."""
    archive = tmp_path / "a"
    subprocess.run([sys.executable, "-m", "archiver", "ingest", str(posts), "--archive",
                    str(archive), "--no-fetch", "-q"], check=True, capture_output=True)
    out = tmp_path / ("site" if fmt == "html" else "posts.bib")
    code, received = run_in_terminal(["export", fmt, "-o", str(out), "--archive",
                                      str(archive)])
    assert code == 0
    assert "━".encode() in received and f"/{len(POSTS)}".encode() in received
    screen = [line for line in screen_of(received) if line]
    assert not any("━" in line for line in screen), "\n".join(screen)
    assert screen[-1].startswith("exported" if fmt != "html" else "wrote"), "\n".join(screen)
    assert out.exists()
    if fmt == "html":
        return
    for to_stdout in ([], ["-o", "/dev/stdout"]):  # the terminal, named or not
        code, received = run_in_terminal(["export", fmt, "--archive", str(archive),
                                          *to_stdout])
        assert code == 0
        assert "━".encode() not in received and b"@misc{" in received, to_stdout
