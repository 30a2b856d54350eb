"""Byte decoding and small parsing helpers shared by the readers.

Decoding follows what a browser would do with a saved page (``_charset``): a byte-order mark
wins, then the charset a container declares for it, then the page's own ``<meta>``, then
UTF-8; GBK and GB2312 are decoded as GB18030, their superset, so nothing is lost. Nothing is
"repaired" silently: bytes that do not decode in the declared charset, or that prove the
declaration wrong, make the input malformed.
"""

from __future__ import annotations

import codecs
import itertools
import re
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from pathlib import Path

from bs4.dammit import EncodingDetector

from archiver.errors import MalformedInput
from archiver.readers._charset import (
    REPLACEMENT,
    Declaration,
    Declared,
    decode_as,
    encoding_named,
    prescan,
)
from archiver.textfiles import byte_order_mark

SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")
_A_DAY = timedelta(hours=24)  # a UTC offset is less (Python's timezone refuses it)

_HEAD_END = re.compile(rb"</head\b|<body\b", re.I)
_HEAD_LIMIT = 1 << 20  # a head longer than this is not looked through
_PRESCAN_REACH = 4096


def declared_charset(data: bytes) -> str | None:
    """The encoding a page declares (the Encoding Standard's name), if any (see
    :func:`declaration`)."""
    found = declaration(data)
    return found.encoding if found is not None else None


def declaration(data: bytes) -> Declaration | None:
    """What a page declares, if anything: a ``<meta>`` in its first 4 KiB found by the HTML
    Standard's prescan (:func:`_charset.prescan`) or, as a browser's parser meets one later
    and re-reads the page, anywhere in its ``<head>`` (a long head of inline styles puts it
    far down); else an XML declaration (a page saved as XHTML; BeautifulSoup's
    ``EncodingDetector`` finds it), a UTF-16 there read as UTF-8 as in a ``<meta>``."""
    found = prescan(data, _PRESCAN_REACH)
    if found is None:
        head = _HEAD_END.search(data, 0, _HEAD_LIMIT)
        if head is not None and head.start() > _PRESCAN_REACH:
            found = prescan(data, head.start())
    if found is not None:
        return found
    label = EncodingDetector.find_declared_encoding(data[:4096], is_html=False)
    encoding = encoding_named(label) if label else None
    if encoding is None:
        return None
    return Declaration("utf-8" if encoding.startswith("utf-16") else encoding, label.strip())


_MARKS = {"utf-8": "utf-8", "utf-16-le": "utf-16le", "utf-16-be": "utf-16be"}


def encoding_of(data: bytes, path: Path, declared: str | Declared | None = None, *,
                html: bool = True) -> tuple[str, int]:
    """(encoding, length of the byte-order mark) of input bytes, as a browser decides: a
    byte-order mark; else what the container ``declared`` for the page (a label no browser
    knows is passed over, as a browser passes it over); else, for an HTML page, what the
    page declares; else UTF-8. The encoding is the Encoding Standard's name (``utf-8``,
    ``gbk``, ``windows-1252``…). A declaration the bytes prove wrong (UTF-8 text declared as
    another encoding, which a browser would show garbled) makes the input malformed, as does
    one of the encodings browsers refuse to decode."""
    mark = byte_order_mark(data)
    if mark is not None:
        return _MARKS[mark[0]], mark[1]
    if isinstance(declared, str):
        declared = Declared(declared)
    encoding = encoding_named(declared.label) if declared is not None else None
    said = f"{declared.where} says charset={declared.label.strip()}" if encoding else ""
    if encoding is None and html and (own := declaration(data)) is not None:
        encoding, said = own.encoding, f"the page declares charset={own.label}"
    if encoding is None or encoding == "utf-8":
        return "utf-8", 0
    if encoding == REPLACEMENT:
        raise MalformedInput(f"{said}, which browsers do not decode (the Encoding Standard "
                             "reads such a page as one replacement character, for safety)",
                             path=path, hint="re-save the page as UTF-8")
    if _proved_wrong(data, encoding):
        raise MalformedInput(f"{said}, but its bytes are UTF-8 text (a browser would show "
                             "it garbled)", path=path,
                             hint="the declaration is wrong for these bytes: correct it to "
                                  "UTF-8 (or capture the page again) and ingest it again")
    return encoding, 0


def _proved_wrong(data: bytes, encoding: str) -> bool:
    """Whether bytes declared in ``encoding`` (not UTF-8) are UTF-8 text: UTF-16 whose ASCII
    markup holds no NUL byte; or bytes that decode as UTF-8 with four or more characters of
    three bytes or four (CJK, as a mis-declared WeChat page holds hundreds). Characters of
    two bytes prove nothing: 930 GB2312 characters (学, 院, 通, 知…) are each a UTF-8
    character of two bytes, so that a genuine GBK title can read as UTF-8 (ѧԺ֪ͨ), as can
    KOI8-R's "её"; Latin or Cyrillic UTF-8 declared otherwise is read as declared, garbled as
    a browser shows it."""
    if encoding in ("utf-16le", "utf-16be"):
        return b"\x00" not in data[:1024]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return len(list(itertools.islice(_WIDE.finditer(text), 4))) == 4


_WIDE = re.compile("[\u0800-\U0010ffff]")


def decode(data: bytes, path: Path, declared: str | Declared | None = None, *,
           html: bool = True) -> str:
    """Decode input bytes to text as :func:`encoding_of` decides (``html``: the bytes are an
    HTML page, which may declare its encoding), raising MalformedInput naming the file when
    impossible."""
    encoding, skip = encoding_of(data, path, declared, html=html)
    return decode_found(data, encoding, skip, path, declared)


def decode_found(data: bytes, encoding: str, skip: int, path: Path,
                 declared: str | Declared | None = None) -> str:
    """Decode input bytes whose encoding and byte-order mark :func:`encoding_of` found."""
    return _strict(data[skip:], encoding, path, declared)


def _strict(data: bytes, encoding: str, path: Path,
            declared: str | Declared | None = None) -> str:
    try:
        text = decode_as(data, encoding)
    except UnicodeDecodeError as exc:
        raise _undecodable(data, encoding, exc.start, path, declared) from None
    if "\x00" in text:
        raise _not_text(path)
    return text


def _undecodable(data: bytes, encoding: str, at: int, path: Path,
                 declared: str | Declared | None = None) -> MalformedInput:
    """Why the bytes do not decode, with what to do. ``declared``: the charset the container
    gave (a WARC response's or an MHTML part's ``Content-Type``), which wins over the page's
    own, as in a browser: when the page names another, the capture's header is what is
    wrong."""
    hint = "check that the file is a saved post and not truncated or binary"
    if isinstance(declared, str):
        declared = Declared(declared)
    own = declared_charset(data) if declared else None
    if declared is not None and own and own != encoding_named(declared.label):
        hint = (f"{declared.where} says charset={declared.label.strip()}, which a browser "
                f"follows over the page's own <meta> charset, {own}: it is wrong for "
                "these bytes (capture the page again)")
    elif data.startswith(b"\x1f\x8b"):  # gzip's magic number, where text should begin
        hint = ("the bytes are gzip-compressed, and nothing said so (a WARC response with no "
                "Content-Encoding header, a file gzipped and not named .gz): a browser shows "
                "them as they are; decompress them (gunzip), or capture the page again")
    elif encoding == "utf-8" and _reads_as_gb18030(data):  # saved by a Chinese-locale editor
        hint = ("the file reads as GB18030 (GBK) text: convert it to UTF-8, e.g. iconv -f "
                "gb18030 -t utf-8 FILE > NEW, or (an HTML page) declare <meta charset=\"gbk\">")
    elif encoding != "utf-8" and _utf8(data):
        hint = (f"the bytes are UTF-8, not {encoding}: the declaration is wrong for them; "
                "correct it to UTF-8 and ingest the page again")
    # the bytes in hex: a bytes repr's backslashes would be escaped again where it is printed
    return MalformedInput(f"not valid {encoding} text (byte {at}: {data[at:at + 4].hex(' ')})",
                          path=path, hint=hint)


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _reads_as_gb18030(data: bytes) -> bool:
    """Whether ``data`` reads as Chinese GB18030 text: it decodes (binary data seldom does),
    and nine in ten of its other characters are GB2312's (the common Chinese characters and
    full-width punctuation). Latin-1 or cp1252 text often decodes too (``München`` gives
    ``M黱chen``), but as characters outside GB2312."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    if "\x00" in text or "\ufffd" in text:
        return False
    wide = [c for c in text if not c.isascii()]
    common = sum(1 for c in wide if _in_gb2312(c))
    return bool(wide) and common >= 0.9 * len(wide)


def _in_gb2312(char: str) -> bool:
    encoded = char.encode("gb18030")
    return len(encoded) == 2 and 0xA1 <= encoded[0] <= 0xF7 and 0xA1 <= encoded[1] <= 0xFE


def _not_text(path: Path) -> MalformedInput:
    return MalformedInput("contains NUL characters: this is not a text file", path=path)


_CHUNK = 1 << 14


def check_decodes(data: bytes, skip: int, path: Path,
                  declared: str | Declared | None = None) -> None:
    """What :func:`decode` checks of a page :func:`encoding_of` found in UTF-8 (past its
    byte-order mark, ``skip`` bytes), without keeping the text: MalformedInput naming the
    file if it does not decode strictly.

    For a parser that reads the bytes itself (lxml parses UTF-8 bytes; a page in another
    encoding is decoded first). It decodes in small pieces: a page whose text holds a single
    emoji would otherwise be built as a string of four bytes a character, which made the
    check cost twice lxml's whole parse.
    """
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    view = memoryview(data)
    for start in [*range(skip, len(data), _CHUNK), len(data)]:
        pending = len(decoder.getstate()[0])  # bytes of a character split between pieces
        try:
            decoder.decode(view[start:start + _CHUNK], final=start == len(data))
        except UnicodeDecodeError as exc:
            raise _undecodable(data[skip:], "utf-8", start - skip - pending + exc.start,
                               path, declared) from None
    refuse_nul(data, skip, path)


def refuse_nul(data: bytes, skip: int, path: Path) -> None:
    """MalformedInput if ``data`` (past its byte-order mark, ``skip`` bytes) holds a NUL byte:
    in UTF-8, a NUL character, which no text file holds."""
    if data.find(b"\x00", skip) != -1:
        raise _not_text(path)


_JS_ESCAPE_RE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)", re.S)
_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


_SURROGATE = re.compile("[\ud800-\udfff]")


def js_unescape(literal: str) -> str:
    """Decode the escapes of a JavaScript string literal body (``\\x26``, ``\\u4e2d``, ``\\'``).

    JavaScript strings are UTF-16: ``\\ud83d\\ude4f`` is one character (🙏), and is joined
    into it here; a lone surrogate is shown by a browser as U+FFFD, and becomes that here (left
    as it is, it could not be written as UTF-8 at all).
    """

    def repl(match: re.Match[str]) -> str:
        esc = match.group(1)
        if esc[0] in "xu" and len(esc) > 1:
            return chr(int(esc[1:], 16))
        return _SIMPLE.get(esc, esc)

    text = _JS_ESCAPE_RE.sub(repl, literal)
    if _SURROGATE.search(text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


def unix_to_iso(seconds: str | int) -> str | None:
    """Unix seconds → ISO 8601 in Asia/Shanghai (+08:00), the time zone WeChat publishes in."""
    try:
        value = int(seconds)
    except (TypeError, ValueError):
        return None
    if value <= 0:
        return None
    try:  # a page's number past the year 9999 (or the platform's time_t) is no time
        return datetime.fromtimestamp(value, SHANGHAI).isoformat()
    except (OverflowError, OSError, ValueError):
        return None


_DATE_RE = re.compile(
    r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
    r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$")
# A time as people write it beside a date, rather than as a program does: the part of the day
# before it (下午3:30, 上午 10:05) or AM/PM after it (3:30 PM, 3:30 p.m.), 15点30分, a
# full-width colon (15：30), no space after 日 (2020年10月9日15:30) or more than one
_PARTS_OF_DAY = "凌晨|早上|早晨|清晨|上午|中午|下午|傍晚|晚上|夜里|夜间"
_WRITTEN_TIME_RE = re.compile(
    rf"^(\d{{4}})[-/.年](\d{{1,2}})[-/.月](\d{{1,2}})(?:日[ \t]*|[ \t]+|(?=(?:{_PARTS_OF_DAY})))"
    rf"(?P<part>{_PARTS_OF_DAY})?[ \t]*"
    r"(\d{1,2})(?:[:：](\d{2})(?:[:：](\d{2})(?:\.\d+)?)?|[点时](?:(\d{1,2})分(?:(\d{1,2})秒)?)?)"
    r"[ \t]*(?P<ampm>[AaPp]\.?[ \t]?[Mm]\.?)?[ \t]*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$")


def _hours(first: int, last: int, add: int = 0) -> dict[int, int]:
    return {h: h + add for h in range(first, last + 1)}


# Each part of the day: what it means, and the hours that fall in it, as written (on a
# 12-hour clock, or a 24-hour one: 下午15:30 is 15:30, as its writer meant) → the hour of the
# day. 凌晨12点 is midnight, 上午12点 and 中午12点 noon, 中午1点 13:00, 晚上8点 20:00.
_PARTS: dict[str, tuple[str, dict[int, int]]] = {
    "凌晨": ("before dawn", {12: 0, **_hours(0, 6)}),
    "清晨": ("early morning", _hours(4, 9)),
    "早上": ("morning", _hours(4, 11)),
    "早晨": ("morning", _hours(4, 11)),
    "上午": ("before noon", {**_hours(0, 11), 12: 12}),
    "中午": ("noon", {**_hours(11, 13), **_hours(1, 2, 12)}),
    "下午": ("afternoon", {12: 12, **_hours(1, 11, 12), **_hours(13, 23)}),
    "傍晚": ("dusk", {**_hours(4, 8, 12), **_hours(16, 20)}),
    "晚上": ("evening", {**_hours(6, 11, 12), **_hours(18, 23)}),
    "夜里": ("at night", {**_hours(6, 11, 12), **_hours(18, 23)}),
    "夜间": ("at night", {**_hours(6, 11, 12), **_hours(18, 23)}),
}
_NIGHT = frozenset({"晚上", "夜里", "夜间"})


def _on_the_clock(hour: int, part: str | None, ampm: str | None) -> int | str:
    """The hour of the day (0–23) that ``hour`` is, said with the part of the day ``part``
    (下午) or ``ampm`` (``PM``), or why it is none: 12 AM is midnight, 12 PM noon; 上午15:30
    says two things; 夜里2点 and 晚上12点 belong to a night that spans two dates, and which
    date's 2 o'clock is meant is not said."""
    if part is not None and ampm is not None:
        return f"the part of the day is said twice ({part} and {ampm})"
    if ampm is not None:
        after = ampm.lower().startswith("p")
        if not 1 <= hour <= 12:
            return f"{hour} is no hour of a 12-hour clock ({ampm})"
        return (hour % 12) + (12 if after else 0)
    if part is None:
        return hour
    meaning, hours = _PARTS[part]
    if hour in hours:
        return hours[hour]
    if part in _NIGHT and (hour == 12 or hour <= 5):
        return (f"{part}{hour}点 belongs to a night that spans two dates, and which one's "
                f"{hour} o'clock is meant is not said: write the time on a 24-hour clock")
    return f"{hour} o'clock is not {part} ({meaning})"


def _written_parts(match: re.Match[str]) -> tuple[int, int, int, int, int, int] | str:
    """What :data:`_WRITTEN_TIME_RE` matched as year, month, day, hour (of 24), minute and
    second; or why its hour is none (:func:`_on_the_clock`)."""
    y, mo, d, part, hh, mm, ss, mm2, ss2, ampm, _zone = match.groups()
    hour = _on_the_clock(int(hh), part, ampm)
    if isinstance(hour, str):
        return hour
    return int(y), int(mo), int(d), hour, int(mm or mm2 or 0), int(ss or ss2 or 0)


def _written_time(match: re.Match[str], zone: tzinfo) -> tuple[str | None, bool]:
    """The date and time :data:`_WRITTEN_TIME_RE` matched, as :func:`parse_date` gives it."""
    parts = _written_parts(match)
    if isinstance(parts, str):
        return None, False
    return _at(*parts, match.groups()[-1], zone)


# RFC 2822, as feeds and e-mail write dates: "Tue, 04 Aug 2020 18:00:00 +0800". Only a
# numeric offset or UT/GMT/Z is a zone: a name such as CST means US Central to the RFC and
# China Standard Time to many writers, so it is no date at all.
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_RFC2822_RE = re.compile(
    r"(?:(?P<wd>[A-Za-z]{3}),\s*)?(?P<d>\d{1,2})\s+(?P<mon>[A-Za-z]{3})\s+(?P<y>\d{4})\s+"
    r"(?P<hh>\d{1,2}):(?P<mm>\d{2})(?::(?P<ss>\d{2}))?(?:\s*(?P<tz>[+-]\d{4}|UT|UTC|GMT|Z))?",
    re.A)
_UNIX_DIGITS = re.compile(r"[1-9][0-9]*", re.A)  # ASCII digits, none leading zero
# A date known only to its year or month (ISO 8601's reduced precision: 2020, 2020-08; and as
# Chinese writes them, 2020年, 2020年8月): kept as precise as it was written, never given a day
_PARTIAL_RE = re.compile(r"([12]\d{3})(?:年|[-/.年](\d{1,2})月?)?", re.A)
# ISO 8601's basic form of a date, 20200804 (a YAML number, or text)
_BASIC_RE = re.compile(r"([12]\d{3})(\d{2})(\d{2})", re.A)
# Unix time in seconds, or in milliseconds, from 2001 to 2286: no other number is a date
_UNIX_SECONDS = range(10**9, 10**10)
_UNIX_MILLISECONDS = range(10**12, 10**13)


def parse_date(value: object, zone: tzinfo = SHANGHAI) -> tuple[str | None, bool]:
    """Parse a date or date-time written by an exporter.

    Returns (ISO 8601 string, had_timezone). A naive date-time is read in ``zone``: by
    default Asia/Shanghai, the zone WeChat posts are published in; a date without a time
    stays a plain date (also written ``20200804``), and a year or a month alone stays that
    (``2020``, ``2020-08``).
    """
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=zone).isoformat(), False
        return value.isoformat(), True
    if hasattr(value, "isoformat") and not isinstance(value, str):  # datetime.date
        return value.isoformat(), False  # type: ignore[union-attr]
    # text, or a YAML number (`date: 2020`, `date: 20200804`)
    written = str(value).strip() if isinstance(value, (str, int)) \
        and not isinstance(value, bool) else ""
    if partial := _PARTIAL_RE.fullmatch(written):
        return _reduced(*partial.groups()), False
    if basic := _BASIC_RE.fullmatch(written):
        try:
            return date(*map(int, basic.groups())).isoformat(), False
        except ValueError:
            return None, False
    if isinstance(value, str) and _UNIX_DIGITS.fullmatch(value.strip()):
        value = int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool):
        if value in _UNIX_MILLISECONDS:
            value //= 1000
        return (unix_to_iso(value), True) if value in _UNIX_SECONDS else (None, False)
    if not isinstance(value, str):
        return None, False
    rfc = _RFC2822_RE.fullmatch(value.strip())
    if rfc:
        return _rfc2822(rfc)
    match = _DATE_RE.match(value.strip())
    if not match:
        written = _WRITTEN_TIME_RE.match(value.strip())
        return _written_time(written, zone) if written else (None, False)
    y, mo, d, hh, mm, ss, tz = match.groups()
    if hh is None:
        try:
            return datetime(int(y), int(mo), int(d)).date().isoformat(), False
        except ValueError:
            return None, False
    return _at(int(y), int(mo), int(d), int(hh), int(mm), int(ss or 0), tz, zone)


def _at(y: int, mo: int, d: int, hh: int, mm: int, ss: int, tz: str | None,
        zone: tzinfo) -> tuple[str | None, bool]:
    """The date-time, read in ``zone`` unless ``tz`` (Z, UTC, GMT or an offset) names its own;
    and whether it did. None for a day or time that does not exist."""
    try:
        naive = datetime(y, mo, d, hh, mm, ss)
    except ValueError:
        return None, False
    if tz is None:
        return naive.replace(tzinfo=zone).isoformat(), False
    if tz in ("Z", "UTC", "GMT"):
        return naive.replace(tzinfo=UTC).isoformat(), True
    sign = 1 if tz[0] == "+" else -1
    digits = tz[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    if offset >= _A_DAY:
        return None, False  # "+99:00": no offset there is
    return naive.replace(tzinfo=timezone(sign * offset)).isoformat(), True


def _reduced(year: str, month: str | None) -> str | None:
    """A year, or a year and month (None for a month that does not exist)."""
    if month is None:
        return year
    return f"{year}-{int(month):02d}" if 1 <= int(month) <= 12 else None


_ZONE_NAMED = re.compile(r"\d:\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:[AaPp]\.?[ \t]?[Mm]\.?\s*)?"
                         r"\(?(?P<zone>[A-Za-z]{2,5})\)?$")
_MERIDIEM_AT_END = re.compile(r"(?<=\d)\s*[AaPp]\.?[ \t]?[Mm]\.?$")  # AM/PM: no zone's name


def why_not_a_date(value: object) -> str:
    """Why :func:`parse_date` read no date in ``value``, where a reason can be said: a zone
    named, not given as an offset; a day that does not exist; a weekday not the date's."""
    text = str(value).strip()
    written = _WRITTEN_TIME_RE.match(text)
    if written:
        parts = _written_parts(written)
        if isinstance(parts, str):
            return parts
        try:
            datetime(*parts)
        except ValueError as exc:
            return f"no such day or time ({exc})"
    named = _ZONE_NAMED.search(_MERIDIEM_AT_END.sub("", text))
    if named and named["zone"].upper() not in ("Z", "UT", "UTC", "GMT"):
        return (f"the zone is named ({named['zone']}), and a name is ambiguous (CST is US "
                "Central to RFC 2822 and China Standard Time to many writers): write its "
                "offset, e.g. +08:00")
    rfc = _RFC2822_RE.fullmatch(text)
    match = _DATE_RE.match(text)
    if rfc and rfc["mon"].lower() in _MONTHS:
        try:
            day = datetime(int(rfc["y"]), _MONTHS.index(rfc["mon"].lower()) + 1, int(rfc["d"]))
        except ValueError as exc:
            return f"no such day ({exc})"
        if rfc["wd"] and _WEEKDAYS[day.weekday()] != rfc["wd"].lower():
            return f"{day.date().isoformat()} was a {day.strftime('%A')}, not {rfc['wd']}"
    elif (partial := _PARTIAL_RE.fullmatch(text)) and partial[2]:
        return f"no month {int(partial[2])}: a month is 1 to 12"
    elif basic := _BASIC_RE.fullmatch(text):
        try:
            date(*map(int, basic.groups()))
        except ValueError as exc:
            return f"no such day ({exc})"
    elif match:
        y, mo, d, hh, mm, ss = match.groups()[:6]
        try:
            datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
        except ValueError as exc:
            return f"no such day or time ({exc})"
    return ("not a form of date read here (ISO 8601, 20200804, 2020/08/04, 2020年8月4日, a "
            "year or month alone such as 2020 or 2020-08, RFC 2822 or Unix time; a time as "
            "15:30, 3:30 PM, 下午3:30 or 15点30分)")


def _rfc2822(match: re.Match[str]) -> tuple[str | None, bool]:
    """An RFC 2822 date: with a zone, that instant; without one, Beijing time as any naive
    time; a weekday that is not the date's, or a date that does not exist, is no date."""
    month = match["mon"].lower()
    if month not in _MONTHS:
        return None, False
    try:
        naive = datetime(int(match["y"]), _MONTHS.index(month) + 1, int(match["d"]),
                         int(match["hh"]), int(match["mm"]), int(match["ss"] or 0))
    except ValueError:
        return None, False
    if match["wd"] and _WEEKDAYS[naive.weekday()] != match["wd"].lower():
        return None, False
    tz = match["tz"]
    if tz is None:
        return naive.replace(tzinfo=SHANGHAI).isoformat(), False
    if tz in ("UT", "UTC", "GMT", "Z"):
        return naive.replace(tzinfo=UTC).isoformat(), True
    offset = timedelta(hours=int(tz[1:3]), minutes=int(tz[3:]))
    if offset >= _A_DAY:
        return None, False  # "+9999": no offset there is
    return naive.replace(tzinfo=timezone(offset if tz[0] == "+" else -offset)).isoformat(), True

