"""The statistics API's schemas, one module per noun."""
