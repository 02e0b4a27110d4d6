"""Read a CSV file as strings, remembering the line each record started on.

Spreadsheet habits are accepted or named, never silently misread: a UTF-8 byte-order mark and
CRLF line ends are accepted; surrounding blanks in a cell are removed; blank lines are skipped;
other encodings and a wrong delimiter are reported with the file and line.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path


@dataclasses.dataclass
class RawTable:
    path: Path
    header: list[str]
    rows: list[list[str]]
    lines: list[int]  # line number (1-based) where each row starts


class CsvError(Exception):
    def __init__(self, path: Path, line: int, column: str, message: str):
        super().__init__(f"{path}:{line}: {column}: {message}")
        self.path, self.line, self.column, self.message = path, line, column, message


def read_csv(path: Path) -> RawTable:
    data = Path(path).read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start]
        raise CsvError(path, line, "(file)", f"is not UTF-8 text (byte 0x{bad:02x}); save it as 'CSV UTF-8'") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    start = 1
    try:
        for record in reader:
            this_line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            cells = [cell.strip() for cell in record]
            if header is None:
                header = cells
                if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
                    raise CsvError(path, this_line, "(header)", "columns are separated by ';' or tabs; use commas")
                continue
            rows.append(cells)
            lines.append(this_line)
    except csv.Error as exc:
        # report the line where the broken record begins (a quote opened there and never closed
        # swallows the lines after it), not the line where the reader gave up
        hint = ""
        if "unexpected end of data" in str(exc) or "EOF" in str(exc):
            hint = "; a quote opened on this line is never closed (a cell edited in a spreadsheet?)"
        raise CsvError(path, start, "(row)", f"malformed CSV record starting here: {exc}{hint}") from None
    if header is None:
        raise CsvError(path, 1, "(header)", "the file is empty; it needs at least a header row")
    return RawTable(path=Path(path), header=header, rows=rows, lines=lines)
