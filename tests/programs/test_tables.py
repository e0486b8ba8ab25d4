"""Every cell of the FSW selection grid and every row of the proof-of-funds tables, typed in from the
official tables (canada.ca "Six selection factors - Federal Skilled Worker Program" and "Proof of
funds - Express Entry"), checked through the engine."""
import pytest

from .conftest import BASE, clb, evaluate, program, with_

# ---------------------------------------------------------------- FSW grid, typed from canada.ca

FSW_AGE = {**{a: 0 for a in range(16, 18)}, **{a: 12 for a in range(18, 36)},
           36: 11, 37: 10, 38: 9, 39: 8, 40: 7, 41: 6, 42: 5, 43: 4, 44: 3, 45: 2, 46: 1,
           **{a: 0 for a in range(47, 101)}}

FSW_EDUCATION = {"less_than_secondary": 0, "secondary": 5, "one_year": 15, "two_year": 19, "bachelors": 21,
                 "two_or_more": 22, "masters": 23, "doctoral": 25}

# years of skilled work -> points: 1 yr 9, 2-3 yrs 11, 4-5 yrs 13, 6+ yrs 15
FSW_EXPERIENCE = {0: 0, 1: 9, 2: 11, 3: 11, 4: 13, 5: 13, 6: 15, 7: 15, 8: 15, 9: 15, 10: 15}

# first official language, per ability: CLB 9+ 6, CLB 8 5, CLB 7 4, below 7 not eligible (0)
FSW_LANG_PER_ABILITY = {0: 0, 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 4, 8: 5, 9: 6, 10: 6, 11: 6, 12: 6}


def grid(profile, extra=None):
    return program(profile, "fsw", extra)["grid"]


@pytest.mark.parametrize("age,points", sorted(FSW_AGE.items()))
def test_fsw_age_every_cell(age, points):
    assert grid(with_(age=age))["age"] == {"points": points, "max": 12}


@pytest.mark.parametrize("education,points", sorted(FSW_EDUCATION.items()))
def test_fsw_education_every_cell(education, points):
    assert grid(with_(education=education))["education"] == {"points": points, "max": 25}


@pytest.mark.parametrize("education", sorted(FSW_EDUCATION))
def test_fsw_education_without_eca_earns_nothing(education):
    assert grid(with_(education=education, education_recognized=False))["education"]["points"] == 0


@pytest.mark.parametrize("years,points", sorted(FSW_EXPERIENCE.items()))
def test_fsw_experience_every_cell_foreign(years, points):
    assert grid(with_(foreign_work_years=years))["experience"] == {"points": points, "max": 15}


@pytest.mark.parametrize("cdn,foreign,points", [(1, 0, 9), (1, 1, 11), (2, 1, 11), (2, 2, 13), (3, 2, 13),
                                                (3, 3, 15), (5, 5, 15), (0, 0, 0)])
def test_fsw_experience_counts_canadian_plus_foreign(cdn, foreign, points):
    p = with_(canadian_work_years=cdn, canadian_work_months_last_3_years=min(36, 12 * cdn), foreign_work_years=foreign)
    assert grid(p)["experience"]["points"] == points


@pytest.mark.parametrize("level,points", sorted(FSW_LANG_PER_ABILITY.items()))
@pytest.mark.parametrize("ability", ["speaking", "listening", "reading", "writing"])
def test_fsw_first_language_every_cell(ability, level, points):
    # the other three abilities at CLB 9 (6 points each)
    lang = clb(9)
    lang[ability] = level
    assert grid(with_(first_language=lang))["language_first"] == {"points": 18 + points, "max": 24}


@pytest.mark.parametrize("levels,points", [((7, 7, 7, 7), 16), ((8, 8, 8, 8), 20), ((9, 9, 9, 9), 24),
                                           ((10, 8, 7, 9), 21), ((12, 12, 12, 12), 24), ((6, 6, 6, 6), 0)])
def test_fsw_first_language_totals(levels, points):
    assert grid(with_(first_language=clb(*levels)))["language_first"]["points"] == points


@pytest.mark.parametrize("levels,points", [((5, 5, 5, 5), 4), ((12, 12, 12, 12), 4), ((4, 5, 5, 5), 0),
                                           ((5, 5, 5, 4), 0), ((7, 7, 7, 7), 4), ((3, 3, 3, 3), 0)])
def test_fsw_second_language_cells(levels, points):
    g = grid(with_(second_language=clb(*levels, test="nclc")))
    assert g["language_second"] == {"points": points, "max": 4}


def test_fsw_no_second_language_is_zero():
    assert grid(BASE)["language_second"] == {"points": 0, "max": 4}


def test_fsw_arranged_employment_cell():
    g = grid(with_(job_offer=True))
    assert g["arranged_employment"] == {"points": 10, "max": 10}
    assert g["adaptability"]["items"]["arranged_employment"] == 5
    assert grid(BASE)["arranged_employment"]["points"] == 0


MARRIED = with_(marital_status="married", spouse_accompanying=True, spouse_canadian=False,
                spouse_canadian_work_years=0, spouse_canadian_study_2_years=False,
                spouse_canadian_work_1_year=False, family_size=2)


@pytest.mark.parametrize("changes,item,points", [
    ({"canadian_study_2_years": True}, "own_canadian_study", 5),
    ({"canadian_work_years": 1, "canadian_work_months_last_3_years": 12}, "own_canadian_work", 10),
    ({"relative_in_canada": True}, "relative_in_canada", 5),
    ({"sibling_in_canada": True}, "relative_in_canada", 5),
    ({"job_offer": True}, "arranged_employment", 5),
])
def test_fsw_adaptability_own_items(changes, item, points):
    g = grid(with_(**changes))
    assert g["adaptability"]["items"][item] == points
    assert g["adaptability"]["points"] == points


@pytest.mark.parametrize("changes,item,points", [
    ({"spouse_language": clb(4)}, "spouse_language", 5),
    ({"spouse_language": clb(12, 4, 4, 4)}, "spouse_language", 5),
    ({"spouse_language": clb(4, 4, 4, 3)}, "spouse_language", 0),
    ({"spouse_language": clb(3)}, "spouse_language", 0),
    ({"spouse_canadian_work_years": 1, "spouse_canadian_work_1_year": None}, "spouse_canadian_work", 5),
    ({"spouse_canadian_work_years": 0}, "spouse_canadian_work", 0),
    ({"spouse_canadian_work_years": 0, "spouse_canadian_work_1_year": True}, "spouse_canadian_work", 5),
])
def test_fsw_adaptability_spouse_items(changes, item, points):
    g = grid(with_(MARRIED, **changes))
    assert g["adaptability"]["items"][item] == points
    assert g["adaptability"]["points"] == points


@pytest.mark.parametrize("spouse", [{"spouse_accompanying": False}, {"spouse_canadian": True},
                                    {"marital_status": "single"}])
def test_fsw_spouse_items_need_an_accompanying_non_canadian_spouse(spouse):
    p = with_(MARRIED, spouse_language=clb(9), spouse_canadian_work_years=3, **spouse)
    items = grid(p)["adaptability"]["items"]
    assert items["spouse_language"] == 0 and items["spouse_canadian_work"] == 0


def test_fsw_spouse_study_extension():
    g = grid(MARRIED, extra={"spouse_canadian_study_2_years": True})
    assert g["adaptability"]["items"]["spouse_canadian_study"] == 5
    g = grid(MARRIED, extra={"spouse_canadian_work_1_year": True})
    assert g["adaptability"]["items"]["spouse_canadian_work"] == 5


def test_fsw_spouse_extensions_absent_are_unknown():
    # the partner's work year is unknown only while spouse_canadian_work_years is unknown too
    p = with_(MARRIED, spouse_canadian_work_1_year=None, spouse_canadian_study_2_years=None,
              spouse_canadian_work_years=None)
    r = program(p, "fsw")
    items = r["grid"]["adaptability"]["items"]
    assert items["spouse_canadian_work"] is None and items["spouse_canadian_study"] is None
    # 68 + 0..10 adaptability: passes whatever the answers
    assert r["grid_points_min"] == 68 and r["grid_points_max"] == 78 and r["eligible"] is True
    low = program(with_(p, age=40), "fsw")  # 68 - 12 + 7 = 63 .. 73: undecided, both fields asked
    assert low["eligible"] is None
    assert {"spouse_canadian_work_years", "spouse_canadian_study_2_years"} <= set(low["missing"])
    assert "spouse_canadian_work_1_year" not in low["missing"]


@pytest.mark.parametrize("years,points", [(0, 0), (1, 5), (3, 5)])
def test_fsw_partner_work_year_read_from_spouse_canadian_work_years(years, points):
    # the contract's spouse_canadian_work_years decides the partner's Canadian work year (not reported missing)
    p = with_(MARRIED, spouse_canadian_work_1_year=None, spouse_canadian_work_years=years)
    r = program(p, "fsw")
    assert r["grid"]["adaptability"]["items"]["spouse_canadian_work"] == points
    assert "spouse_canadian_work_1_year" not in r["missing"]


def test_fsw_adaptability_is_capped_at_10():
    p = with_(MARRIED, canadian_work_years=2, canadian_work_months_last_3_years=24, canadian_study_2_years=True,
              relative_in_canada=True, job_offer=True, spouse_language=clb(6), spouse_canadian_work_years=1,
              spouse_canadian_work_1_year=True)
    g = grid(p)
    assert sum(g["adaptability"]["items"].values()) == 10 + 5 + 5 + 5 + 5 + 5
    assert g["adaptability"] == {"points": 10, "max": 10, "items": g["adaptability"]["items"]}


def test_fsw_grid_total_is_the_sum():
    # 24 (CLB 9) + 21 (bachelor's) + 11 (3 years) + 12 (29) + 10 (job offer) + 5 (adaptability: job offer)
    r = program(with_(job_offer=True), "fsw")
    assert r["grid_points"] == 83 == r["grid_points_min"] == r["grid_points_max"]
    assert r["pass_mark"] == 67


# ---------------------------------------------------------------- proof of funds, typed from canada.ca

FUNDS_2021 = {1: 13213, 2: 16449, 3: 20222, 4: 24553, 5: 27847, 6: 31407, 7: 34967}
FUNDS_2021_EXTRA = 3560
FUNDS_2022 = {1: 13310, 2: 16570, 3: 20371, 4: 24733, 5: 28052, 6: 31638, 7: 35224}
FUNDS_2022_EXTRA = 3586
FUNDS_2023 = {1: 13757, 2: 17127, 3: 21055, 4: 25564, 5: 28994, 6: 32700, 7: 36407}
FUNDS_2023_EXTRA = 3706
FUNDS_2024 = {1: 14690, 2: 18288, 3: 22483, 4: 27297, 5: 30690, 6: 34917, 7: 38875}
FUNDS_2024_EXTRA = 3958
FUNDS_2025 = {1: 15263, 2: 19001, 3: 23360, 4: 28362, 5: 32168, 6: 36280, 7: 40392}
FUNDS_2025_EXTRA = 4112


def expected(table, extra, size):
    return table[size] if size <= 7 else table[7] + (size - 7) * extra


@pytest.mark.parametrize("size", range(1, 21))
@pytest.mark.parametrize("on,table,extra,effective", [
    ("2021-07-15", FUNDS_2021, FUNDS_2021_EXTRA, "2021-07-15"),
    ("2022-06-08", FUNDS_2021, FUNDS_2021_EXTRA, "2021-07-15"),
    ("2022-06-09", FUNDS_2022, FUNDS_2022_EXTRA, "2022-06-09"),
    ("2023-04-25", FUNDS_2023, FUNDS_2023_EXTRA, "2023-04-25"),
    ("2024-05-27", FUNDS_2023, FUNDS_2023_EXTRA, "2023-04-25"),
    ("2024-06-01", FUNDS_2024, FUNDS_2024_EXTRA, "2024-05-28"),
    ("2025-07-06", FUNDS_2024, FUNDS_2024_EXTRA, "2024-05-28"),
    ("2025-07-07", FUNDS_2025, FUNDS_2025_EXTRA, "2025-07-07"),
    ("2026-11-28", FUNDS_2025, FUNDS_2025_EXTRA, "2025-07-07"),
])
def test_funds_every_row(on, table, extra, effective, size):
    need = expected(table, extra, size)
    for pid in ("fsw", "fst"):
        r = program(with_(family_size=size, settlement_funds=need, assessed_on=on), pid)
        assert r["funds"]["required"] == need
        assert r["funds"]["table_effective"] == effective
        assert r["checks"]["proof_of_funds"] is True
        short = program(with_(family_size=size, settlement_funds=need - 1, assessed_on=on), pid)
        assert short["checks"]["proof_of_funds"] is False
        assert short["eligible"] is False


def test_funds_typed_rows_match_the_published_first_and_last_cells():
    # spot checks quoted in news of each update
    assert expected(FUNDS_2025, FUNDS_2025_EXTRA, 4) == 28362
    assert expected(FUNDS_2025, FUNDS_2025_EXTRA, 8) == 44504
    assert expected(FUNDS_2024, FUNDS_2024_EXTRA, 8) == 42833


def test_funds_before_the_first_table_are_not_checked():
    programs, missing, warnings = evaluate(with_(assessed_on="2021-07-14"))
    fsw = programs["fsw"]
    assert fsw["checks"]["proof_of_funds"] is None
    assert fsw["eligible"] is None
    assert any("proof-of-funds" in w for w in warnings)
