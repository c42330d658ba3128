"""The model files' arrays, read without numpy.

A `.npz` file is a zip of `.npy` files: a short header (the type and shape, as a Python literal), then the raw
values. Reading them as bytes lets a command that reads a few turns skip numpy's import (about 45 ms, more than
reading ten turns in plain Python); numpy views the same bytes, without a copy, once a process reads many (see
`MoveModel`). numpy's own `np.savez` writes these files (`train.py`).
"""

from __future__ import annotations

import ast
import mmap
import struct
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The little-endian types the model files use, and the item format `memoryview.cast` knows them by. float16
# has none (memoryview cannot cast to it): its values are read with `struct` (`StoredArray.unpack`).
_ITEM = {"|u1": "B", "|i1": "b", "<i4": "i", "<i8": "q", "<u8": "Q", "<f4": "f", "<f8": "d"}
_SIZES = {"|u1": 1, "|i1": 1, "<i4": 4, "<i8": 8, "<u8": 8, "<f4": 4, "<f8": 8, "<f2": 2}
_MAGIC = b"\x93NUMPY"


class StoredArrayError(ValueError):
    """A model file this reader cannot read (a type it does not know, or a damaged header)."""


@dataclass(frozen=True)
class StoredArray:
    descr: str  # numpy's name for the type, e.g. "<f2"
    shape: tuple[int, ...]
    data: memoryview  # the raw bytes, row after row

    @property
    def size(self) -> int:
        n = 1
        for d in self.shape:
            n *= d
        return n

    def values(self) -> memoryview:
        """The values as one flat sequence of Python numbers (not for float16: see `unpack`)."""
        return self.data.cast(_ITEM[self.descr])

    def unpack(self, start: int = 0, count: int | None = None) -> tuple[Any, ...]:
        """`count` values from the flat index `start` (all of them by default), for any stored type."""
        count = self.size - start if count is None else count
        code = "e" if self.descr == "<f2" else _ITEM[self.descr]
        return struct.unpack_from(f"<{count}{code}", self.data, start * _SIZES[self.descr])

    def numpy(self):
        """The same bytes seen by numpy (read-only, no copy)."""
        import numpy as np

        return np.frombuffer(self.data, dtype=self.descr).reshape(self.shape)


def read_arrays(path: Path) -> dict[str, StoredArray]:
    """Every array of a `.npz` file, by name (without `.npy`). Members stored uncompressed (as `train.py`
    writes them) are seen in place through a memory map, so loading touches only the bytes a reading uses and
    skips the CRC pass over 7 MB (the wheel's own hashes vouch for the file); compressed ones are inflated."""
    if sys.byteorder != "little":  # `values()` casts to the machine's own byte order
        raise StoredArrayError(f"{path}: reading model files without numpy needs a little-endian machine")
    with zipfile.ZipFile(path) as archive, open(path, "rb") as file:
        whole = memoryview(mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ))
        arrays = {}
        for info in archive.infolist():
            if info.compress_type == zipfile.ZIP_STORED:
                start = _data_start(path, whole, info)
                data = whole[start:start + info.file_size]
            else:
                data = memoryview(archive.read(info.filename))
            arrays[info.filename.removesuffix(".npy")] = _parse(path, info.filename, data)
        return arrays


def _data_start(path: Path, whole: memoryview, info: zipfile.ZipInfo) -> int:
    """Where a stored member's bytes begin: after its local header (30 bytes, then its name and extra field)."""
    at = info.header_offset
    signature, name_length, extra_length = struct.unpack_from("<4s22xHH", whole, at)
    if signature != b"PK\x03\x04":
        raise StoredArrayError(f"{path}: {info.filename} has a damaged zip header")
    return at + 30 + name_length + extra_length


def _parse(path: Path, name: str, data: memoryview) -> StoredArray:
    if bytes(data[:6]) != _MAGIC:
        raise StoredArrayError(f"{path}: {name} is not a numpy array")
    if data[6] == 1:
        (length,), start = struct.unpack_from("<H", data, 8), 10
    else:
        (length,), start = struct.unpack_from("<I", data, 8), 12
    try:
        header = ast.literal_eval(bytes(data[start:start + length]).decode("latin-1"))
        descr, shape, fortran = header["descr"], tuple(header["shape"]), header["fortran_order"]
    except (ValueError, SyntaxError, KeyError, TypeError) as exc:
        raise StoredArrayError(f"{path}: {name} has a damaged header") from exc
    if descr not in _SIZES or fortran:
        raise StoredArrayError(f"{path}: {name} is stored as {descr!r}{' (Fortran order)' if fortran else ''}")
    body = data[start + length:]
    array = StoredArray(descr, shape, body)
    if len(body) != array.size * _SIZES[descr]:
        raise StoredArrayError(f"{path}: {name} is cut short")
    return array
