"""Titles for the official pages the assistant links to, so that every channel shows a titled link
("IRCC: Canadian Experience Class") instead of a bare URL. The titles are the pages' own headings on
canada.ca, shortened; a page not listed here is named by its site ("canada.ca page")."""
from typing import Dict, Optional

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


def link_title(url: str, title: Optional[str] = None) -> str:
    """``IRCC: Canadian Experience Class`` for a canada.ca page; ``title`` overrides the page's own name."""
    host = url.split("://", 1)[-1].split("/", 1)[0]
    name = title or TITLES.get(url)
    if name is None and url.endswith(".json"):
        name = "rounds of invitations data"
    publisher = PUBLISHER.get(host, host)
    return f"{publisher}: {name}" if name else f"{publisher} page"


def link(url: str, title: Optional[str] = None) -> Dict[str, str]:
    return {"title": link_title(url, title), "url": url}
