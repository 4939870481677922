"""``mx-pedimento-m3``: the SAAI M3 validation file of the Mexican pedimento, read and written.

The M3 file is the pipe-delimited text a customs broker sends to the validator before the
pedimento is paid: per pedimento a record 500 (inicio), 501 (datos generales), the
pedimento-level records (502 transporte, 503 guías, 504 contenedores, 505 facturas/COVE,
506 fechas, 507 identificadores, 509 tasas, 510 contribuciones, 511 observaciones,
512 descargos), for each partida a 551 followed by its 552-558, and an 800 (firma); one 801
closes the file, which may hold several pedimentos. Its name is ``mPPPPNNN.DDD`` (patente,
sequence, day of the year).

Official source: SAT/AGA, "Lineamientos Técnicos de Registros VOCE-SAAI M3", versión 9.0
(agosto 2021), https://www.ventanillaunica.gob.mx/vucem/Manualesa/SistemasCE/LineamientosTR.pdf ;
code lists from Anexo 22 of the Reglas Generales de Comercio Exterior. The record layouts are
data (``data/m3_records.json``), each field marked as verified in a transcription of v9.0 or
not verified. See docs/formats/mx-pedimento-m3.md.

Reading keeps every value of the records it supports: what the core model has a place for goes
there (parties, values, classification, quantities, dates, transport), and the rest goes to
``national.mx`` of the declaration and of its goods items, so that writing the declaration back
gives the same records.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from harmonized_customs.countries.mx import m3_codes as _m3_codes  # noqa: F401
from harmonized_customs.countries.mx.m3_build import build_declaration, locate_issues
from harmonized_customs.countries.mx.m3_layout import (
    ENCODING,
    ParsedRecord,
    Partida,
    Pedimento,
    control_issues,
    decode,
    layout,
    parse_line,
    parse_record,
)
from harmonized_customs.countries.mx.m3_write import write_declarations
from harmonized_customs.countries.mx.sniff import pedimento_m3 as sniff
from harmonized_customs.format_registry import (
    FilerSetting,
    Format,
    ReadResult,
    WriteResult,
    register_format,
)
from harmonized_customs.issues import Issue, SourceLocation
from harmonized_customs.model import Declaration

__all__ = [
    "FILE_NAME_PATTERN",
    "FORMAT",
    "FORMAT_NAME",
    "Pedimento",
    "check_file_name",
    "file_name",
    "read",
    "read_text",
    "sniff",
    "write",
    "write_file",
]

FORMAT_NAME = "mx-pedimento-m3"
FILE_NAME_PATTERN = re.compile(r"[mM][0-9]{7}\.[0-9]{3}")
"""``mPPPPNNN.DDD``: patente (4), sequence of the day (3), day of the year (3)."""
_JUNK_CODES = frozenset({"mx_m3_record_unknown", "mx_m3_control_character"})
"""Per-line issues left out when a file holds no pedimento at all."""
_VENDOR_END = "999"
"""Not in the Lineamientos: written by some broker software where the 800 belongs."""


@dataclass
class _File:
    name: str | None
    pedimentos: list[Pedimento] = field(default_factory=list)
    trailer: ParsedRecord | None = None
    issues: list[Issue] = field(default_factory=list)
    records_before_trailer: int = 0

    def open_pedimento(self) -> Pedimento | None:
        last = self.pedimentos[-1] if self.pedimentos else None
        return last if last is not None and not last.closed else None

    def sink(self) -> list[Issue]:
        """Where an issue of the current line goes: the open pedimento's, else the file's."""
        current = self.open_pedimento()
        return current.issues if current is not None else self.issues


def file_name(patente: str, sequence: int, day_of_year: int) -> str:
    """The M3 file name ``mPPPPNNN.DDD``.

    Raises:
        ValueError: A part does not fit its digits.
    """
    if not re.fullmatch(r"[0-9]{4}", patente) or not 0 <= sequence <= 999:
        raise ValueError(f"patente {patente!r} or sequence {sequence} does not fit mPPPPNNN")
    if not 1 <= day_of_year <= 366:
        raise ValueError(f"day of the year {day_of_year} is not 1-366")
    return f"m{patente}{sequence:03d}.{day_of_year:03d}"


def check_file_name(name: str, patente: str | None = None) -> bool:
    """True when ``name`` is ``mPPPPNNN.DDD`` (with ``patente``, when given, as PPPP)."""
    if not FILE_NAME_PATTERN.fullmatch(name):
        return False
    day = int(name[-3:])
    return 1 <= day <= 366 and (patente is None or name[1:5] == patente)


def _line_records(text: str, file: _File) -> Iterator[tuple[ParsedRecord, list[Issue]]]:
    """Every well-formed record of the text; malformed lines become issues of ``file``."""
    records = layout()
    for number, full_line in enumerate(text.split("\n"), start=1):
        line = full_line.removesuffix("\r")
        if not line.strip():
            continue
        raw = parse_line(line, number)
        if file.trailer is not None:
            file.issues.append(
                Issue.of("mx_m3_after_trailer", source=_at(file, number, raw.code), record=raw.code)
            )
            continue
        if raw.code != "801":
            file.records_before_trailer += 1
        file.sink().extend(control_issues(line, number, file.name))
        if raw.code == _VENDOR_END:
            _vendor_end(file, number)
            continue
        definition = records.records.get(raw.code)
        if definition is None:
            file.sink().append(_unknown(file, number, raw.code))
            continue
        if len(raw.values) + 1 != definition.field_count:
            file.sink().append(
                Issue.of(
                    "mx_m3_field_count",
                    source=_at(file, number, raw.code),
                    record=raw.code,
                    found=len(raw.values) + 1,
                    expected=definition.field_count,
                )
            )
            continue
        record, issues = parse_record(raw, definition, file.name)
        if not raw.trailing_separator:
            issues.append(
                Issue.of("mx_m3_no_trailing_pipe", source=_at(file, number, raw.code), line=number)
            )
        yield record, issues


def _vendor_end(file: _File, line: int) -> None:
    """A ``999`` line some broker software writes instead of the 800: it closes the pedimento."""
    current = file.open_pedimento()
    if current is None:
        file.issues.append(
            Issue.of("mx_m3_outside_pedimento", source=_at(file, line, _VENDOR_END), record="999")
        )
        return
    current.closed = True
    current.issues.append(
        Issue.of(
            "mx_m3_vendor_end_record",
            source=_at(file, line, _VENDOR_END),
            pedimento=current.number or "",
        )
    )


def _at(file: _File, line: int, record: str | None = None) -> SourceLocation:
    return SourceLocation(file=file.name, line=line, column=1, record=record)


def _unknown(file: _File, line: int, code: str) -> Issue:
    name = layout().not_supported.get(code)
    if name is None:
        return Issue.of("mx_m3_record_unknown", source=_at(file, line, code), record=code)
    return Issue.of(
        "mx_m3_record_not_supported", source=_at(file, line, code), record=code, name=name
    )


def _close(file: _File, pedimento: Pedimento) -> None:
    """Close a pedimento, reporting it when it has no record 800."""
    pedimento.closed = True
    if pedimento.end is None:
        pedimento.issues.append(
            Issue.of(
                "mx_m3_record_missing",
                source=pedimento.start.source(file=file.name),
                pedimento=pedimento.number or "",
                record="800",
            )
        )


def _place(file: _File, record: ParsedRecord, issues: list[Issue]) -> None:
    """Put a record in its pedimento (or the file trailer), reporting what does not fit."""
    if record.code == "801":
        file.issues.extend(issues)
        file.trailer = record
        return
    if record.code == "500":
        current = file.open_pedimento()
        if current is not None:
            _close(file, current)
        file.pedimentos.append(Pedimento(start=record, issues=issues))
        return
    current = file.open_pedimento()
    if current is None:
        file.issues.extend(issues)
        file.issues.append(
            Issue.of(
                "mx_m3_outside_pedimento", source=record.source(file=file.name), record=record.code
            )
        )
        return
    current.issues.extend(issues)
    found = record.text("pedimento")
    if found is not None and current.number is not None and found != current.number:
        current.issues.append(
            Issue.of(
                "mx_m3_pedimento_mismatch",
                source=record.source("pedimento", file.name),
                record=record.code,
                found=found,
                expected=current.number,
            )
        )
        return
    _attach(file, current, record)


def _attach(file: _File, current: Pedimento, record: ParsedRecord) -> None:
    level = record.definition.level
    if record.code == "800":
        current.end = record
        current.closed = True
    elif record.code == "551":
        current.partidas.append(Partida(record))
    elif level == "partida_detail":
        _attach_detail(file, current, record)
    else:
        current.records.append(record)


def _attach_detail(file: _File, current: Pedimento, record: ParsedRecord) -> None:
    number = record.text("partida")
    partida = next(
        (p for p in reversed(current.partidas) if p.record.text("partida") == number), None
    )
    if partida is None:
        current.issues.append(
            Issue.of(
                "mx_m3_partida_unknown",
                source=record.source("partida", file.name),
                record=record.code,
                partida=number or "",
            )
        )
        return
    expected = partida.record.text("fraccion")
    found = record.text("fraccion")
    if found is not None and expected is not None and found != expected:
        current.issues.append(
            Issue.of(
                "mx_m3_fraccion_mismatch",
                source=record.source("fraccion", file.name),
                record=record.code,
                found=found,
                expected=expected,
                partida=number or "",
            )
        )
    partida.details.append(record)


def _trailer_issues(file: _File) -> Iterator[Issue]:
    """Record 801: present, counts right, file name well-formed and equal to the real one."""
    trailer = file.trailer
    if trailer is None:
        yield Issue.of("mx_m3_trailer_missing", source=SourceLocation(file=file.name))
        return
    counts = (
        ("cantidad_pedimentos", len(file.pedimentos)),
        ("cantidad_registros", file.records_before_trailer),
    )
    for name, found in counts:
        declared = trailer.text(name)
        if declared is not None and int(declared) != found:
            yield Issue.of(
                "mx_m3_trailer_count",
                source=trailer.source(name, file.name),
                field=trailer.definition.field(name).label,
                declared=int(declared),
                found=found,
            )
    yield from _file_name_issues(file, trailer)


def _file_name_issues(file: _File, trailer: ParsedRecord) -> Iterator[Issue]:
    declared = trailer.text("nombre_archivo")
    if declared is None:
        return
    where = trailer.source("nombre_archivo", file.name)
    if not check_file_name(declared):
        yield Issue.of("mx_m3_file_name_invalid", source=where, name=declared)
        return
    actual = os.path.basename(file.name) if file.name else None
    if actual and FILE_NAME_PATTERN.fullmatch(actual) and actual.lower() != declared.lower():
        yield Issue.of("mx_m3_file_name_mismatch", source=where, declared=declared, actual=actual)


def scan(
    text: str, source_name: str | None = None
) -> tuple[list[Pedimento], ParsedRecord | None, list[Issue]]:
    """Group the records of an M3 text by pedimento.

    Returns:
        The pedimentos in file order, the record 801 (or None), and the file-level issues.
    """
    file = _File(name=source_name)
    for record, issues in _line_records(text, file):
        _place(file, record, issues)
    current = file.open_pedimento()
    if current is not None:
        _close(file, current)
    if not file.pedimentos and file.trailer is None:
        # No pedimento: keep what concerns M3 records, not one issue per line of junk.
        kept = [i for i in file.issues if i.code not in _JUNK_CODES]
        return [], None, [*kept, Issue.of("mx_m3_empty", source=SourceLocation(file=source_name))]
    file.issues.extend(_trailer_issues(file))
    return file.pedimentos, file.trailer, file.issues


def read_text(text: str, source_name: str | None = None) -> Iterator[ReadResult]:
    """Read the M3 records of already-decoded text: one result per pedimento."""
    pedimentos, trailer, file_issues = scan(text, source_name)
    if not pedimentos:
        yield ReadResult(None, tuple(file_issues), 0)
        return
    for index, pedimento in enumerate(pedimentos):
        extra = file_issues if index == 0 else []
        declaration, issues = build_declaration(pedimento, trailer, source_name)
        direction = declaration.direction if declaration is not None else None
        own = locate_issues(pedimento.issues, pedimento, direction)
        yield ReadResult(declaration, (*extra, *own, *issues), index)


def read(
    data: bytes, source_name: str | None = None, *, encoding: str | None = None
) -> Iterator[ReadResult]:
    """Read an M3 file: one result per pedimento.

    Args:
        data: The file's bytes.
        source_name: The file name, for issue locations and the check of record 801.
        encoding: The encoding the file was saved in; detected (UTF-8, Windows-1252 or
            ISO-8859-1) when not given or when it does not fit the bytes.
    """
    text, _encoding, issues = decode(data, source_name, encoding)
    for result in read_text(text, source_name):
        if result.index == 0 and issues:
            yield ReadResult(result.declaration, (*issues, *result.issues), result.index)
        else:
            yield result


def write(declaration: Declaration) -> WriteResult:
    """One pedimento as a complete M3 file (records 500 to 800, and the 801)."""
    return write_declarations([declaration])


def write_file(declarations: Sequence[Declaration], name: str | None = None) -> WriteResult:
    """Several pedimentos in one M3 file, closed by one record 801 (named ``name``, if given)."""
    return write_declarations(declarations, name)


FORMAT = register_format(
    Format(
        name=FORMAT_NAME,
        jurisdiction="MX",
        media_type="text/plain",
        description="SAAI M3 pedimento validation file (Lineamientos Técnicos de Registros v9.0)",
        reader=read,
        writer=write,
        sniffer=sniff,
        extensions=(".txt", ".m3"),
        encoding=ENCODING,
        settings=(
            FilerSetting("file_name", "/national/mx/archivo/nombre_archivo", "801: mPPPPNNN.DDD"),
            FilerSetting(
                "prevalidator", "/national/mx/archivo/clave_prevalidador", "801: prevalidador"
            ),
        ),
    )
)
