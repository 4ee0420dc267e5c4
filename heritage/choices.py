from django.db import models
from django.utils.translation import gettext_lazy as _


class HolderType(models.TextChoices):
    PRIVATE_COLLECTOR = "private_collector", _("Private collector")
    AUCTION_HOUSE = "auction_house", _("Auction house")
    GALLERY = "gallery", _("Gallery")
    MUSEUM = "museum", _("Museum")
    CUSTOMS_POLICE = "customs_police", _("Customs or police")
    ANONYMOUS = "anonymous", _("Anonymous")
    OTHER = "other", _("Other")


class LegalBasis(models.TextChoices):
    UNESCO_1970 = "unesco_1970", _("1970 UNESCO Convention")
    BILATERAL = "bilateral", _("Bilateral agreement")
    NATIONAL_LAW = "national_law", _("National law")
    COURT_RULING = "court_ruling", _("Court ruling")
    VOLUNTARY = "voluntary", _("Voluntary (no legal proceeding)")
    OTHER = "other", _("Other")


class SourceKind(models.TextChoices):
    PRESS_RELEASE = "press_release", _("Press release")
    COURT_DOCUMENT = "court_document", _("Court document")
    AGREEMENT = "agreement", _("Agreement")
    CATALOGUE = "catalogue", _("Auction or sale catalogue")
    ARTICLE = "article", _("Article")
    OTHER = "other", _("Other")


class Authenticity(models.TextChoices):
    AUTHENTIC = "authentic", _("Authentic")
    UNDER_STUDY = "under_study", _("Under study")
    REPLICA = "replica", _("Replica")


class ImageLicense(models.TextChoices):
    ALL_RIGHTS = "all_rights_reserved", _("All rights reserved")
    CC_BY = "cc_by_4", _("CC BY 4.0")
    CC_BY_SA = "cc_by_sa_4", _("CC BY-SA 4.0")
    CC_BY_NC = "cc_by_nc_4", _("CC BY-NC 4.0")
    CC0 = "cc0", _("CC0 (public domain dedication)")
    PUBLIC_DOMAIN = "public_domain", _("Public domain")


# The standard URI of each image licence (IIIF `rights`, Linked Art): Creative Commons and
# RightsStatements.org, written with http:// as both registries and IIIF require.
IMAGE_LICENSE_URIS = {
    ImageLicense.ALL_RIGHTS: "http://rightsstatements.org/vocab/InC/1.0/",
    ImageLicense.CC_BY: "http://creativecommons.org/licenses/by/4.0/",
    ImageLicense.CC_BY_SA: "http://creativecommons.org/licenses/by-sa/4.0/",
    ImageLicense.CC_BY_NC: "http://creativecommons.org/licenses/by-nc/4.0/",
    ImageLicense.CC0: "http://creativecommons.org/publicdomain/zero/1.0/",
    ImageLicense.PUBLIC_DOMAIN: "http://creativecommons.org/publicdomain/mark/1.0/",
}


class ProvenanceEventType(models.TextChoices):
    CREATION = "creation", _("Creation")
    FIND = "find", _("Find or excavation")
    ACQUISITION = "acquisition", _("Acquisition")
    SALE = "sale", _("Sale")
    AUCTION = "auction", _("Auction")
    EXHIBITION = "exhibition", _("Exhibition")
    LOAN = "loan", _("Loan")
    EXPORT = "export", _("Export")
    SEIZURE = "seizure", _("Seizure")
    RETURN = "return", _("Return")
    ACCESSION = "accession", _("Accession")


class DateQualifier(models.TextChoices):
    """How a dating's years are meant; heritage.dates.date_text words them ("ca. 600–900 CE")."""

    EXACT = "exact", _("Exact")
    CIRCA = "circa", _("Circa")
    BEFORE = "before", _("Before")
    AFTER = "after", _("After")
    UNCERTAIN = "uncertain", _("Uncertain")
    UNKNOWN = "unknown", _("Unknown")


# A piece without years already has no date to show; "unknown" is for provenance events, which
# happened at a time nobody knows.
PIECE_DATE_QUALIFIERS = tuple(q for q in DateQualifier if q is not DateQualifier.UNKNOWN)


class Confidence(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")
