"""Build the report: execute notebooks (papermill), render (nbconvert), publish a version."""
