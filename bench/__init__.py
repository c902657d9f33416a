"""`make bench`: how generation and the whole build scale, beside plain MkDocs.

For each size N it writes a synthetic archive (paragraphs of the real articles
recombined into 700 to 1,500 words each, the real glossary, people and timeline,
one annotation per article),
then measures, each in a process of its own: our generation step alone, the full
`make build`, plain `mkdocs build` of the same article bodies without our step
(the baseline), a run with no change, and a run after editing one annotation.
Results go to stdout and to bench/results/ as Markdown and JSON. Run it with
`make bench` (or `python -m bench --sizes 100,1000`). It is tooling: not part of
the product package, nor of the build's input digest.
"""
