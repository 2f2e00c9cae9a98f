"""Validation of TEI documents: schemas, rules and reports."""
