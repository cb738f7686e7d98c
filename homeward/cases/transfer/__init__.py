"""Import of legacy cases and contacts (CSV, XLSX) and export of the organisation's own cases
(CSV, XLSX, JSON). See docs/import-export.md.

- `columns`: the documented template of each kind, and the limits;
- `reading`: turns an uploaded file into a header and a stream of rows;
- `validation`: checks every row and column and reports every error;
- `importing`: the actions (upload, start, the all-or-nothing import);
- `tasks`: the background task that checks and imports a job;
- `exporting`: the audited export.
"""
