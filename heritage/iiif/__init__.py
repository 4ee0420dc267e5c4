"""IIIF for the catalog: the Image API 3.0 (image.py) and Presentation 3.0 manifests
(presentation.py) of public pieces, served by views.py under the language-neutral /iiif/3/."""
