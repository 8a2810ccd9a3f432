"""One dynamic partition per document, keyed by a file-safe document id."""

import dagster as dg

documents = dg.DynamicPartitionsDefinition(name="documents")
