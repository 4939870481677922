"""The toy country's issue code, translated by the plugin itself."""

from harmonized_customs.issues import register_code

register_code(
    "gt_importer_nit_missing",
    "error",
    "line {line}: the importer has no NIT",
    authority="TOY-SAT",
    example_ctx={"line": 1},
    fix="Give the importer's NIT as an identifier of scheme tax-id.",
    translations={
        "fr": "ligne {line} : l’importateur n’a pas de NIT",
        "es": "partida {line}: el importador no tiene NIT",
    },
)
