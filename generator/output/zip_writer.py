"""A ZIP archive written member by member, from data compressed already when it can.

The USB key's archive (`offline_copy.py`) holds every page of the site, and
after a one-record change nearly all of them are the same as in the last build.
Python's zipfile compresses every member it writes and cannot take data
compressed before, so this module does the little the archive needs itself,
after PKWARE's APPNOTE: for each member a local header and its data, then the
central directory and its end record; the Zip64 end records when there are more
than 65 535 members or the directory starts beyond 4 GiB. No member of the site
comes near 4 GiB; one that did would be refused.

Deflated data are zipfile's (zlib, default level, raw stream): any tool unpacks
the archive, and the same members give the same bytes, compressed now or before.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO

STORED, DEFLATED = 0, 8
_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_END_64 = struct.Struct("<IQHHIIQQQQ")
_LOCATOR_64 = struct.Struct("<IIQI")
_ZIP64_OFFSET = struct.Struct("<HHQ")  # the extra field of a member beyond 4 GiB: its offset
_VERSION, _VERSION_64 = 20, 45  # the versions of the format the reader needs
_MADE_ON_UNIX = 3 << 8  # so that unzip applies the files' permissions
_READABLE_FILE = 0o644 << 16
_UTF8_NAME = 0x800
_LIMIT_16, _LIMIT_32 = 0xFFFF, 0xFFFFFFFF


@dataclass(frozen=True)
class Member:
    """A member's data as the archive holds it (`method`), with the checksum and size of the
    data once unpacked."""

    method: int
    data: bytes
    crc: int
    size: int


def deflated(data: bytes) -> Member:
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return Member(DEFLATED, compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data))


def stored(data: bytes) -> Member:
    """For what is compressed already (PDFs, fonts, images): deflating it again saves nothing."""
    return Member(STORED, data, zlib.crc32(data), len(data))


class ZipWriter:
    """Members written one after the other into `output`, all dated `dated` (midnight)."""

    def __init__(self, output: BinaryIO, dated: date) -> None:
        self.output = output
        self.date = (dated.year - 1980) << 9 | dated.month << 5 | dated.day
        self.directory: list[bytes] = []
        self.offset = 0

    def add(self, name: str, member: Member) -> None:
        if max(member.size, len(member.data)) > _LIMIT_32:
            raise ValueError(f"{name}: member larger than 4 GiB")
        encoded, flags = name.encode(), 0 if name.isascii() else _UTF8_NAME
        described = (
            flags,
            member.method,
            0,
            self.date,
            member.crc,
            len(member.data),
            member.size,
            len(encoded),
        )
        local = _LOCAL.pack(0x04034B50, _VERSION, *described, 0)
        self.output.write(local + encoded)
        self.output.write(member.data)
        beyond = self.offset >= _LIMIT_32
        extra = _ZIP64_OFFSET.pack(1, 8, self.offset) if beyond else b""
        version = _VERSION_64 if beyond else _VERSION
        where = (len(extra), 0, 0, 0, _READABLE_FILE, min(self.offset, _LIMIT_32))
        central = _CENTRAL.pack(0x02014B50, _MADE_ON_UNIX | version, version, *described, *where)
        self.directory.append(central + encoded + extra)
        self.offset += len(local) + len(encoded) + len(member.data)

    def close(self) -> None:
        """Write the central directory and its end record(s)."""
        directory, start, count = b"".join(self.directory), self.offset, len(self.directory)
        self.output.write(directory)
        if count > _LIMIT_16 or start >= _LIMIT_32:
            end_64 = start + len(directory)
            versions = (_VERSION_64, _VERSION_64)  # made by, needed: as Python's zipfile writes them
            layout = (count, count, len(directory), start)
            self.output.write(_END_64.pack(0x06064B50, _END_64.size - 12, *versions, 0, 0, *layout))
            self.output.write(_LOCATOR_64.pack(0x07064B50, 0, end_64, 1))
        entries = min(count, _LIMIT_16)
        layout_32 = (entries, entries, min(len(directory), _LIMIT_32), min(start, _LIMIT_32))
        self.output.write(_END.pack(0x06054B50, 0, 0, *layout_32, 0))
