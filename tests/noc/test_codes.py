"""NOC code helpers: TEER, unit group, validation with a clear error."""
import pytest

from express_entry.noc import NocError, normalize_code, structure_of, teer_of, unit_group, unit_groups
from express_entry.profile import ProfileError


@pytest.mark.parametrize("code, teer", [
    ("00012", 0), ("10010", 0), ("21231", 1), ("31301", 1), ("32101", 2), ("72200", 2), ("63200", 3),
    ("73300", 3), ("65200", 5), ("65100", 5), ("44101", 4),
])
def test_teer_is_the_second_digit(code, teer):
    assert teer_of(code) == teer


def test_unit_group_titles():
    g = unit_group("21232")
    assert g.title_en == "Software developers and programmers"
    assert g.title_fr == "Développeurs/développeuses et programmeurs/programmeuses de logiciels"
    assert g.teer == 1 and g.broad_category == 2
    assert unit_group("00010").title_en == "Legislators"
    assert unit_group(" 72310 ").title_en == "Carpenters"
    assert unit_group("NOC 62200").title_en == "Chefs"


def test_516_unit_groups():
    groups = unit_groups()
    assert len(groups) == 516
    assert all(len(c) == 5 and c.isdigit() for c in groups)


@pytest.mark.parametrize("bad", ["2123", "212311", "21a31", "", "99999", "21239", 21231, 12.0, None, True])
def test_bad_codes_raise_a_named_error(bad):
    with pytest.raises(NocError) as info:
        normalize_code(bad)
    err = info.value
    assert isinstance(err, ProfileError) and isinstance(err, ValueError)
    assert err.field == "noc_code"
    assert "5-digit" in err.accepted
    assert "noc_code" in str(err)


def test_error_field_can_be_renamed():
    with pytest.raises(NocError) as info:
        teer_of("123", field="job_offer_noc_code")
    assert info.value.field == "job_offer_noc_code"


def test_unknown_but_well_formed_code_says_so():
    with pytest.raises(NocError, match="not a NOC 2021 unit group"):
        unit_group("99999")


def test_structure():
    st = structure_of("21231")
    assert [lv["code"] for lv in st["hierarchy"]] == ["2", "21", "212", "2123"]
    assert st["definition_en"].startswith("Software engineers and designers")
