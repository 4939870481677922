"""A toy JSON format of the toy country: {"duca": {"lines": [{"n", "hs", "text", ...}]}}."""

import json
from collections.abc import Iterator
from decimal import Decimal

from harmonized_customs import Declaration, Format, Issue, ReadResult
from harmonized_customs.formats import WriteResult, register_format


def write(declaration: Declaration) -> WriteResult:
    lines = [
        {
            "n": item.line_number,
            "hs": item.classification.hs6,
            "text": item.description,
            "origin": item.origin_country,
            "value": str(item.value.amount),
            "currency": item.value.currency,
        }
        for item in declaration.goods_items
    ]
    lost = [Issue.of("value_not_carried", "/importer", target="GT", format="gt-duca-json")]
    text = json.dumps({"duca": {"lines": lines}}, indent=2) + "\n"
    return WriteResult(text, tuple(lost) if declaration.importer else ())


def read(data: bytes, source: str | None) -> Iterator[ReadResult]:
    lines = json.loads(data)["duca"]["lines"]
    items = [
        {
            "line_number": line["n"],
            "description": line["text"],
            "classification": {"hs6": line["hs"]},
            "origin_country": line["origin"],
            "value": {"amount": Decimal(line["value"]), "currency": line["currency"]},
        }
        for line in lines
    ]
    yield ReadResult(Declaration.model_validate({"direction": "import", "goods_items": items}))


FORMAT = register_format(
    Format(
        name="gt-duca-json",
        jurisdiction="GT",
        media_type="application/json",
        description="Toy DUCA JSON of the toy country.",
        reader=read,
        writer=write,
        sniffer=lambda data: b'"duca"' in data[:200],
        extensions=(".duca.json",),
    )
)
