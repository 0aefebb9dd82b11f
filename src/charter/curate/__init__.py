"""Curation of suites and training files: exact and near dedup (MinHash LSH), the
contamination firewall, grouped and stratified splits, coverage and diversity reports, PII
scrubbing, and human label review (export / import)."""

from charter.curate._dedup import (
    Contamination,
    DedupResult,
    Duplicate,
    FirewallResult,
    dedup,
    firewall,
    normalize,
    optimal_bands,
    shingles,
)
from charter.curate._pii import PII_KINDS, scrub_pii
from charter.curate._pipeline import RATER_INSTRUCTIONS, CurateOptions, curate
from charter.curate._records import Record, read_records, text_of, write_records
from charter.curate._report import coverage_report, distinct_n, diversity
from charter.curate._review import (
    REVIEW_COLUMNS,
    ReviewLabel,
    apply_review,
    export_review,
    import_review,
    review_labels,
)
from charter.curate._split import parse_ratios, split

__all__ = [
    "PII_KINDS",
    "RATER_INSTRUCTIONS",
    "REVIEW_COLUMNS",
    "Contamination",
    "CurateOptions",
    "DedupResult",
    "Duplicate",
    "FirewallResult",
    "Record",
    "ReviewLabel",
    "apply_review",
    "coverage_report",
    "curate",
    "dedup",
    "distinct_n",
    "diversity",
    "export_review",
    "firewall",
    "import_review",
    "normalize",
    "optimal_bands",
    "parse_ratios",
    "read_records",
    "review_labels",
    "scrub_pii",
    "shingles",
    "split",
    "text_of",
    "write_records",
]
