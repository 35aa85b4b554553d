"""Whether a card holder has reached China's statutory retirement age, as far as the card
(birth date and sex) can tell.

The statutory ages since the Standing Committee's decision of 13 September 2024 on raising
them gradually (in force from 1 January 2025): men 60 → 63 and women on the 55 track → 58,
one month later for every four months of birth from January 1965 (men) and January 1970
(women); women on the 50 track → 55, one month for every two months from January 1975. Which
track a woman is on (cadre or worker) follows from her post, which the card does not say;
early retirement for illness or hazardous work, and the reform's voluntary early retirement
(up to three years before the statutory age, never before the former one), come earlier still.

So the card answers only "yes, reached": when the holder is at or past the highest statutory
age for their sex and birth month, every track's is reached. Anything else is for the
resident to say (or the window to assess)."""

from __future__ import annotations

import calendar
from datetime import date

from kiosk.identity import Identity, Sex

# Per sex: the former age in years, the first birth month the reform delays (year, month),
# the months of birth per month of delay, and the most months of delay.
HIGHEST_TRACK = {
    Sex.MALE: (60, (1965, 1), 4, 36),
    Sex.FEMALE: (55, (1970, 1), 4, 36),  # the cadres' track, above the workers' (50 → 55)
}


def _plus_months(day: date, months: int) -> date:
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def statutory_age_months(sex: Sex, born: date) -> int | None:
    """The highest statutory retirement age in months for someone of `sex` born on `born`;
    None for a sex the card does not give."""
    track = HIGHEST_TRACK.get(sex)
    if track is None:
        return None
    years, (year, month), per, most = track
    after = (born.year - year) * 12 + born.month - month  # birth months since the first
    delay = 0 if after < 0 else min(most, after // per + 1)
    return years * 12 + delay


def reached_statutory_retirement_age(identity: Identity, today: date) -> bool:
    """True when the card shows its holder at or past every statutory retirement age for
    their sex and birth month; False when it cannot tell (which is not "not reached")."""
    born = identity.birth_date
    if born is None:
        return False
    months = statutory_age_months(identity.sex, born)
    return months is not None and today >= _plus_months(born, months)
