from setuptools import setup

# Metadata lives in pyproject.toml. zip_safe=False is kept on purpose: it is the rule
# for approved extensions in Flask's classic extension guide. setuptools ignores it for
# wheels, which are always installed unzipped.
setup(zip_safe=False)
