from .{{ cookiecutter.__module }} import {{ cookiecutter.__class_name }}

__all__ = ["{{ cookiecutter.__class_name }}"]
