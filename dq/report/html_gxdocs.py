"""GX Data Docs for one report run, built into ``reports/<run-id>/gx/``.

Why here and not in :mod:`dq.validate`: ``dq.validate`` exposes no Data Docs
API yet, so this module borrows its one GX context (``_gx._runtime()``, the
per-process ephemeral context GX-NOTES asks for) and its quiet import. It
should move into ``dq/validate/_gx.py`` as ``build_data_docs`` so that
module stays the only one touching GX objects; until then GX is only
reached lazily, inside :func:`build_data_docs`.

Only the numeric columns the suite names reach GX here: Data Docs render
sample values, and this way no scraped string (record ids, sources) can end
up in pages we do not escape ourselves.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import polars as pl

    from dq.validate.suites import SuiteSpec


def build_data_docs(spec: SuiteSpec, signals: pl.DataFrame | Any, out_dir: Path) -> Path:
    """Validate ``signals`` against ``spec`` once more through a checkpoint that writes Data Docs.

    ``signals``: a Polars frame, or a Spark DataFrame (``--engine spark``: validated
    through GX's Spark datasource, not collected).

    Returns the site's ``index.html``. The suite, validation definition,
    checkpoint and site added to the shared context are removed afterwards,
    so the next call (the next test, the next run in this process) starts clean.
    """
    from dq.validate import _gx
    from dq.validate.runtable import split
    from dq.validate.table import to_gx_frame

    out_dir = out_dir.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    import polars as pl

    columns = [c for c in spec.columns() if c in signals.columns]
    local = isinstance(signals, pl.DataFrame)
    frame = to_gx_frame(signals.select(columns)) if local else signals.select(columns)
    tag = secrets.token_hex(4)
    with _gx._LOCK:
        runtime = _gx._runtime()
        gx, context = runtime.gx, runtime.context
        site = f"dq_report_{tag}"
        context.add_data_docs_site(
            site,
            {
                "class_name": "SiteBuilder",
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
                "store_backend": {
                    "class_name": "TupleFilesystemStoreBackend",
                    "base_directory": str(out_dir),
                },
            },
        )
        suite = _gx.build_suite(split(spec)[0])  # the signal table's half only
        added = []
        try:
            suite = context.suites.add(suite)
            added.append(("suite", suite.name))
            definition = context.validation_definitions.add(
                gx.ValidationDefinition(
                    name=f"{spec.name}-{tag}", suite=suite,
                    data=runtime.batch_definition if local else _gx.spark_batch_definition()
                )
            )
            added.append(("definition", definition.name))
            checkpoint = context.checkpoints.add(
                gx.Checkpoint(
                    name=f"dq-report-{tag}",
                    validation_definitions=[definition],
                    actions=[gx.checkpoint.UpdateDataDocsAction(name="docs", site_names=[site])],
                    result_format={"result_format": "SUMMARY"},
                )
            )
            added.append(("checkpoint", checkpoint.name))
            checkpoint.run(batch_parameters={"dataframe": frame})
        finally:
            for kind, name in reversed(added):
                if kind == "checkpoint":
                    context.checkpoints.delete(name)
                elif kind == "definition":
                    context.validation_definitions.delete(name)
                else:
                    context.suites.delete(name)
            context.delete_data_docs_site(site)
    index = out_dir / "index.html"
    if not index.is_file():
        raise RuntimeError(f"GX wrote no Data Docs index in {out_dir}")
    return index
