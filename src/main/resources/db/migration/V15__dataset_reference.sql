-- Issue 18 §2: a dataset registered by reference (a Parquet location or a table the Spark cluster reads)
-- keeps what it names, the engine it lives on and what pins its content; NULL for an uploaded dataset.
-- Written once with the row, never updated: the dataset table stays insert-only.
ALTER TABLE dataset ADD COLUMN reference_json TEXT;
