"""Annual returns as files: the cells a return has (`cells`), the template a hotline fills in
CSV or XLSX (`template`), reading an uploaded file into its cells with where each one is
(`reading`) and checking every cell before anything is stored (`validation`). Nothing here
writes: the actions in `statistics.actions` do."""
