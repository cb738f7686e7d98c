"""The cases part of the REST API's shapes, one module per noun.

Input schemas refuse unknown fields (a 422 that names the field) and turn enumerations into
their string codes; times must carry a time zone. Output schemas carry codes, never labels.
The `*_out` functions build output from models: the API handlers stay thin.
"""
