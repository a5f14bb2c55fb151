from setuptools import setup

# Metadata lives in pyproject.toml. zip_safe=False is Flask's extension guideline: an extension
# must be importable from a plain directory so its templates and static files can be read.
setup(zip_safe=False)
