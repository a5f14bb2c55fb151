from setuptools import setup

# The metadata is in pyproject.toml; zip_safe=False is Flask's extension guideline.
setup(zip_safe=False)
