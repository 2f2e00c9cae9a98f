"""Editions of TEI documents for readers and researchers, rendered by XSLT.

One-document functions (pure; map them over a corpus as you like):
:func:`render_html`, :func:`render_text`, :func:`render_tables`,
:func:`render_timed` (WebVTT, SubRip, ELAN, Praat TextGrid of a timed document),
:func:`render_tokens` (CoNLL-U and a CQP vertical of an annotated document),
:func:`document_info`, and :func:`render_index` for the corpus index page.
Batch: :func:`iter_render` writes editions of many files in parallel with
a per-file time limit; :func:`write_index` writes the index page, and
:func:`write_site` the pages of a corpus site (kind ``site``: a faceted index,
participant pages, a search page; :func:`site_record`, :func:`plan_site`,
:func:`iter_site_files` are its steps, and :class:`SiteRecords` reads the
records back from their files).
"""
from __future__ import annotations

from .batch import (KINDS, Options, RenderResult, iter_inputs, iter_render, render_file, write_index,
                    write_site)
from .site import SiteRecords, plan_site, site_record
from .site_pages import iter_site_files
from .render import (FLAVOURS, TABLE_FORMATS, TABLES, IndexEntry, check_tei, document_info,
                     render_html, render_index, render_tables, render_text)
from .stylesheets import PARAMETERS, apply_stylesheet, compile_stylesheet, list_parameters
from .timed import TIMED_KINDS, render_timed
from .tokens import TOKEN_KINDS, render_tokens

__all__ = [
    "FLAVOURS", "KINDS", "PARAMETERS", "TABLES", "TABLE_FORMATS", "TIMED_KINDS", "TOKEN_KINDS",
    "IndexEntry", "Options", "RenderResult", "SiteRecords",
    "apply_stylesheet", "check_tei", "compile_stylesheet", "document_info",
    "iter_inputs", "iter_render", "iter_site_files", "list_parameters", "plan_site", "render_file", "render_html",
    "render_index", "render_tables", "render_text", "render_timed", "render_tokens", "site_record",
    "write_index", "write_site",
]
