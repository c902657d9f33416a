"""What makes repeated runs cheap, wrapped around the stages by the orchestrator (no stage imports it):
`manifest`, the on-disk record of the last run's inputs and pages; `memo`, the results of steps kept
between runs of one `mkdocs serve` process; `citations`, the formatted citations a build leaves for the next."""
