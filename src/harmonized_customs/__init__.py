"""harmonized_customs: one shipment's data, fileable in the United States, Canada and Mexico.

The public API (a contract; see docs/api.md)::

    import harmonized_customs as hc
    decl = hc.load("entry.json")            # format sniffed, or format="core-json"
    text = hc.dump(decl, "core-json")
    report = hc.check(decl, targets=["US", "CA", "MX"])
    report.ready("MX"); report.blocking("MX"); report.render("es")
    hc.formats()                            # the registered formats
    hc.jurisdictions()                      # the registered jurisdictions
    result = hc.convert("entry.json", to="mx-pedimento-m3", profile={...})  # .output, .report
    ops = report.patch_template("MX")       # RFC 6902 operations answering what blocks
    decl2 = hc.patch(decl, ops)             # the operations applied: a new, validated document
"""

from harmonized_customs import collector

# the import makes a few hundred thousand objects that live as long as the process: with the
# cycle collector paused they join its oldest generation at once, not after passes over them
with collector.paused():
    from harmonized_customs.api import dump, formats, jurisdictions, load, load_all, loads, read
    from harmonized_customs.conversion import ConversionResult, convert, convert_all
    from harmonized_customs.countries import Jurisdiction
    from harmonized_customs.crossfiling import CrossFilingReport, check
    from harmonized_customs.documents import DocumentKind
    from harmonized_customs.errors import (
        HarmonizedCustomsError,
        InputError,
        UnknownFormatError,
        UsageError,
    )
    from harmonized_customs.format_registry import Format, ReadResult, WriteResult
    from harmonized_customs.issues import Issue, Report, Severity, SourceLocation, list_issue_codes
    from harmonized_customs.model import Declaration
    from harmonized_customs.patching import patch
    from harmonized_customs.rules import Finding, Rule, RuleContext, rule
    from harmonized_customs.trip_consistency import check_trip_declarations

__version__ = "0.2.0.dev0"

__all__ = [
    "ConversionResult",
    "CrossFilingReport",
    "Declaration",
    "DocumentKind",
    "Finding",
    "Format",
    "HarmonizedCustomsError",
    "InputError",
    "Issue",
    "Jurisdiction",
    "ReadResult",
    "Report",
    "Rule",
    "RuleContext",
    "Severity",
    "SourceLocation",
    "UnknownFormatError",
    "UsageError",
    "WriteResult",
    "__version__",
    "check",
    "check_trip_declarations",
    "convert",
    "convert_all",
    "dump",
    "formats",
    "jurisdictions",
    "list_issue_codes",
    "load",
    "load_all",
    "loads",
    "patch",
    "read",
    "rule",
]
