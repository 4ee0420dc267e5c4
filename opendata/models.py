from opendata.pages import OpenDataPage
from opendata.releases import Release

__all__ = ["OpenDataPage", "Release"]
