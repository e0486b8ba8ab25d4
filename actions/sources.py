"""Titles for the official pages the assistant links to, so that every channel shows a titled link
("IRCC: Canadian Experience Class") instead of a bare URL. The titles are the pages' own headings on
canada.ca, shortened; a page not listed here is named by its site ("canada.ca page").

In French (``language="fr"``, issue 20) a link goes to the page's French version with its French title
("IRCC : Catégorie de l'expérience canadienne"), both from express_entry/data/labels/links_fr.yaml, which says how
each French address was checked; a page whose French address is not confirmed keeps its English URL (canada.ca's
English pages link their French version) with a French title. English callers get what they always got."""
import functools
import os
from typing import Any, Dict, Optional

import yaml

_CANADA = "https://www.canada.ca/en/immigration-refugees-citizenship/"
_EE = _CANADA + "services/immigrate-canada/express-entry/"
_MI = _CANADA + "corporate/mandate/policies-operational-instructions-agreements/ministerial-instructions/"

TITLES: Dict[str, str] = {
    _CANADA[:-1] + ".html": "Immigration and citizenship",
    "https://noc.esdc.gc.ca/": "NOC 2021",
    _EE[:-1] + ".html": "Express Entry",
    _EE + "check-score.html": "Check your CRS score",
    _EE + "check-score/crs-criteria.html": "CRS criteria",
    _EE + "who-can-apply.html": "Who can apply through Express Entry",
    _EE + "who-can-apply/canadian-experience-class.html": "Canadian Experience Class",
    _EE + "who-can-apply/federal-skilled-workers.html": "Federal Skilled Worker Program",
    _EE + "who-can-apply/federal-skilled-workers/six-selection-factors-federal-skilled-workers.html":
        "Federal Skilled Workers: six selection factors",
    _EE + "who-can-apply/federal-skilled-trades.html": "Federal Skilled Trades Program",
    _EE + "eligibility.html": "Express Entry eligibility",
    _EE + "eligibility/canadian-experience-class.html": "Canadian Experience Class",
    _EE + "eligibility/federal-skilled-workers.html": "Federal Skilled Worker Program",
    _EE + "eligibility/federal-skilled-workers/six-selection-factors-federal-skilled-workers.html":
        "Federal Skilled Workers: six selection factors",
    _EE + "eligibility/skilled-trades.html": "Federal Skilled Trades Program",
    _EE + "documents.html": "Express Entry documents",
    _EE + "documents/proof-funds.html": "Proof of funds",
    _EE + "documents/language-test.html": "Language test results",
    _EE + "documents/language-requirements.html": "Language requirements",
    _EE + "documents/language-requirements/test-equivalency-charts.html": "Language test equivalency charts",
    _EE + "documents/job-offer.html": "Job offers in Express Entry",
    _EE + "documents/education-assessed.html": "Educational credential assessment",
    _EE + "documents/police-certificates.html": "Police certificates",
    _EE + "documents/medical-exams.html": "Medical exams",
    _EE + "submit-profile.html": "Submit an Express Entry profile",
    _EE + "rounds-invitations.html": "Express Entry rounds of invitations",
    _EE + "rounds-invitations/category-based-selection.html": "Category-based selection",
    _EE + "apply-permanent-residence.html": "Apply for permanent residence",
    _EE + "apply-permanent-residence/fees.html": "Express Entry fees",
    _CANADA + "services/immigrate-canada/find-national-occupation-code.html": "Find your NOC",
    _CANADA + "services/immigrate-canada/quebec-skilled-workers.html": "Quebec-selected skilled workers",
    _CANADA + "services/immigrate-canada/provincial-nominees.html": "Provincial Nominee Program",
    _CANADA + "services/immigrate-canada/provincial-nominees/express-entry/get-confirm-nomination.html":
        "Get a provincial nomination through Express Entry",
    _CANADA + "services/immigrate-canada/age-limit-requirements-dependent-children.html":
        "Age limit for dependent children",
    _CANADA + "services/immigration-citizenship-representative.html": "Immigration and citizenship representatives",
    _CANADA + "services/application/check-processing-times.html": "Check processing times",
    _CANADA + "campaigns/biometrics.html": "Biometrics",
    _CANADA + "services/work-canada/permit/temporary/extend.html":
        "Extend or change the conditions on your work permit",
    _CANADA + "corporate/mandate/service-declaration/service-standards.html": "IRCC service standards",
    _MI + "express-entry-application-management-system/current.html": "Ministerial Instructions for Express Entry",
    _MI + "express-entry-application-management-system/amending-express-entry-system-2017.html":
        "Ministerial Instructions amending Express Entry (2017)",
    _CANADA + "corporate/publications-manuals/operational-bulletins-manuals/updates/"
              "2021-express-entry-completeness-check.html": "Express Entry completeness check",
}
PUBLISHER = {"www.canada.ca": "IRCC", "noc.esdc.gc.ca": "ESDC"}
PUBLISHER_FR = {"www.canada.ca": "IRCC", "noc.esdc.gc.ca": "EDSC"}
# French titles of the pages outside canada.ca (the canada.ca ones are in links_fr.yaml).
TITLES_FR: Dict[str, str] = {"https://noc.esdc.gc.ca/": "CNP 2021"}
FRENCH_PAGES_FILE = os.path.join(os.path.dirname(__file__), os.pardir, "express_entry", "data", "labels",
                                 "links_fr.yaml")


@functools.lru_cache(maxsize=1)
def french_pages() -> Dict[str, Dict[str, Any]]:
    """{English canada.ca URL: {"fr_url": French URL or None, "title": French title, "status", "checked"}}."""
    with open(FRENCH_PAGES_FILE, encoding="utf-8") as fh:
        return yaml.safe_load(fh)["pages"]


def _french_page(url: str) -> Optional[Dict[str, Any]]:
    """The map's entry for ``url``, given by its English or its French address."""
    pages = french_pages()
    if url in pages:
        return pages[url]
    return next((p for p in pages.values() if p["fr_url"] == url), None)


def page_url(url: str, language: str = "en") -> str:
    """The page's address in ``language``: the French page when its address is known, else ``url``."""
    page = _french_page(url) if language == "fr" else None
    return (page or {}).get("fr_url") or url


def link_title(url: str, title: Optional[str] = None, language: str = "en") -> str:
    """``IRCC: Canadian Experience Class`` for a canada.ca page (``IRCC : Catégorie de l'expérience canadienne`` in
    French); ``title`` overrides the page's own name."""
    host = url.split("://", 1)[-1].split("/", 1)[0]
    if language == "fr":
        name = title or (_french_page(url) or {}).get("title") or TITLES_FR.get(url)
        if name is None and url.endswith(".json"):
            name = "données des rondes d'invitations"
        publisher = PUBLISHER_FR.get(host, host)
        return f"{publisher} : {name}" if name else f"page {publisher}"
    name = title or TITLES.get(url)
    if name is None and url.endswith(".json"):
        name = "rounds of invitations data"
    publisher = PUBLISHER.get(host, host)
    return f"{publisher}: {name}" if name else f"{publisher} page"


def link(url: str, title: Optional[str] = None, language: str = "en") -> Dict[str, str]:
    """The titled link to ``url`` in ``language`` (its French page and title in French)."""
    return {"title": link_title(url, title, language), "url": page_url(url, language)}
