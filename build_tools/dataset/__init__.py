"""The archive as a dataset: its tables (`tables`), their columns and Frictionless types made from the field
declarations (`columns`), the files they are written as (`files`) and the Data Package describing them (`package`).

The page families that write them into `docs/data/` are in `render/families/dataset.py`.
"""
