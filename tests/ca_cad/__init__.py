"""Tests of the ``ca-cad`` format (CBSA commercial accounting declaration as JSON)."""
