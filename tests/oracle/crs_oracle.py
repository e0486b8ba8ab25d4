"""An independent, deliberately plain CRS implementation used only to cross-check the engine.

Written straight from IRCC's published CRS grid (Comprehensive Ranking System criteria page, as in
force since the 2025-03-25 Ministerial Instructions: no job-offer points) and IRCC's language test
equivalency charts. It shares no code and no data file with express_entry/: a differential test that
read the engine's own tables would check nothing.

Scope: profiles with language results given as CLB/NCLC levels, IELTS General Training or
CELPIP-General, results not expired, and both spouse flags explicit.
"""

ABILITIES = ("speaking", "listening", "reading", "writing")

# Age: (with spouse, without spouse)
AGE = {17: (0, 0), 18: (90, 99), 19: (95, 105), 30: (95, 105), 31: (90, 99), 32: (85, 94), 33: (80, 88),
       34: (75, 83), 35: (70, 77), 36: (65, 72), 37: (60, 66), 38: (55, 61), 39: (50, 55), 40: (45, 50),
       41: (35, 39), 42: (25, 28), 43: (15, 17), 44: (5, 6)}
EDUCATION = {"less_than_secondary": (0, 0), "secondary": (28, 30), "one_year": (84, 90), "two_year": (91, 98),
             "bachelors": (112, 120), "two_or_more": (119, 128), "masters": (126, 135), "doctoral": (140, 150)}
SPOUSE_EDUCATION = {"less_than_secondary": 0, "secondary": 2, "one_year": 6, "two_year": 7, "bachelors": 8,
                    "two_or_more": 9, "masters": 10, "doctoral": 10}
CANADIAN_WORK = [(0, 0), (35, 40), (46, 53), (56, 64), (63, 72), (70, 80)]
SPOUSE_CANADIAN_WORK = [0, 5, 7, 8, 9, 10]

# IELTS General Training: minimum band per CLB, per ability (IRCC chart)
IELTS = {  # clb: (reading, writing, listening, speaking)
    10: (8.0, 7.5, 8.5, 7.5), 9: (7.0, 7.0, 8.0, 7.0), 8: (6.5, 6.5, 7.5, 6.5), 7: (6.0, 6.0, 6.0, 6.0),
    6: (5.0, 5.5, 5.5, 5.5), 5: (4.0, 5.0, 5.0, 5.0), 4: (3.5, 4.0, 4.5, 4.0)}
IELTS_COLUMN = {"reading": 0, "writing": 1, "listening": 2, "speaking": 3}


def clb(result, ability):
    score = result[ability]
    test = result["test"]
    if test in ("clb", "nclc"):
        return int(score)
    if test == "celpip":
        return min(int(score), 10) if score >= 4 else int(score)
    if test == "ielts":
        for level in range(10, 3, -1):
            if score >= IELTS[level][IELTS_COLUMN[ability]]:
                return level
        return 3
    raise ValueError(test)


def is_french(result):
    return result["test"] in ("nclc", "tef", "tcf")


def first_language_points(level, spouse):
    if level < 4:
        return 0
    if level <= 5:
        return 6
    table = {6: (8, 9), 7: (16, 17), 8: (22, 23), 9: (29, 31)}
    pair = table.get(level, (32, 34))
    return pair[0] if spouse else pair[1]


def second_language_points(level):
    if level <= 4:
        return 0
    if level <= 6:
        return 1
    if level <= 8:
        return 3
    return 6


def spouse_language_points(level):
    if level <= 4:
        return 0
    if level <= 6:
        return 1
    if level <= 8:
        return 3
    return 5


def age_points(age, spouse):
    if age <= 17 or age >= 45:
        return 0
    if 20 <= age <= 29:
        return 100 if spouse else 110
    pair = AGE[age]
    return pair[0] if spouse else pair[1]


def score_with_order(p, first, second):
    spouse = (p.get("marital_status") in ("married", "common_law") and p.get("spouse_accompanying") is True
              and p.get("spouse_canadian") is not True)
    col = 0 if spouse else 1
    recognized = p.get("education_recognized", True)
    education = p.get("education", "less_than_secondary") if recognized else "less_than_secondary"

    core = age_points(p.get("age", 0), spouse)
    core += EDUCATION[education][col]
    first_levels = [clb(first, a) for a in ABILITIES] if first else [0, 0, 0, 0]
    core += sum(first_language_points(lv, spouse) for lv in first_levels)
    if second:
        s = sum(second_language_points(clb(second, a)) for a in ABILITIES)
        core += min(s, 22) if spouse else s
    cdn = min(p.get("canadian_work_years", 0), 5)
    core += CANADIAN_WORK[cdn][col]

    spouse_part = 0
    if spouse:
        spouse_part += SPOUSE_EDUCATION[p.get("spouse_education", "less_than_secondary")]
        if p.get("spouse_language"):
            spouse_part += sum(spouse_language_points(clb(p["spouse_language"], a)) for a in ABILITIES)
        spouse_part += SPOUSE_CANADIAN_WORK[min(p.get("spouse_canadian_work_years", 0), 5)]

    # Skill transferability
    all7 = min(first_levels) >= 7
    all9 = min(first_levels) >= 9
    lang_band = 2 if all9 else (1 if all7 else 0)
    cdn_band = 2 if cdn >= 2 else (1 if cdn == 1 else 0)
    if education in ("two_or_more", "masters", "doctoral"):
        edu_row = 2
    elif education in ("one_year", "two_year", "bachelors"):
        edu_row = 1
    else:
        edu_row = 0
    foreign = p.get("foreign_work_years", 0)
    for_row = 2 if foreign >= 3 else (1 if foreign >= 1 else 0)

    def cell(row, band):
        if row == 0 or band == 0:
            return 0
        return {(1, 1): 13, (1, 2): 25, (2, 1): 25, (2, 2): 50}[(row, band)]

    edu_group = min(50, cell(edu_row, lang_band) + cell(edu_row, cdn_band))
    for_group = min(50, cell(for_row, lang_band) + cell(for_row, cdn_band))
    coq = 0
    if p.get("certificate_of_qualification"):
        if all7:
            coq = 50
        elif min(first_levels) >= 5:
            coq = 25
    transfer = min(100, edu_group + for_group + coq)

    additional = 0
    if p.get("provincial_nomination"):
        additional += 600
    french = [r for r in (first, second) if r and is_french(r)]
    english = [r for r in (first, second) if r and not is_french(r)]
    if french and min(clb(french[0], a) for a in ABILITIES) >= 7:
        if english and min(clb(english[0], a) for a in ABILITIES) >= 5:
            additional += 50
        else:
            additional += 25
    additional += {"one_or_two_year": 15, "three_year_or_more": 30}.get(p.get("canadian_education", "none"), 0)
    if p.get("sibling_in_canada"):
        additional += 15
    additional = min(600, additional)
    return {"total": core + spouse_part + transfer + additional, "core": core, "spouse": spouse_part,
            "transferability": transfer, "additional": additional}


def crs(p):
    """CRS of a profile; with an English and a French result, the better order (as the engine must pick)."""
    first, second = p.get("first_language"), p.get("second_language")
    best = score_with_order(p, first, second)
    if first and second and is_french(first) != is_french(second):
        other = score_with_order(p, second, first)
        if other["total"] > best["total"]:
            best = other
    return best
