"""A toy jurisdiction "GT" for the extensibility tests (rules and format made up)."""

from harmonized_customs import Jurisdiction

JURISDICTION = Jurisdiction(code="GT", name="Toyland", authority="TOY-SAT")
