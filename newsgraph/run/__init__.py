"""Scale: analysis on every core (a pool of worker processes), on a Dask cluster (partitions
written as a Parquet dataset), and attaching such a dataset to DuckDB for the CLI and API."""
