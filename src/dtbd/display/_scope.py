"""Who a scope takes by birth, in words: "sinh từ năm 1979", "từ 30 đến 45 tuổi".

The scheme's HTML view and ``dtbd show`` name a target's ages and birth years beside its
label, as the text of a scheme writes them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dtbd.display._numbers import short_date
from dtbd.words import say

if TYPE_CHECKING:
    from dtbd.model._scope import Scope

__all__ = ["birth_words"]


def birth_words(scope: Scope, locale: str = "vi") -> str:
    """The scope's ages and birth years as a phrase; ``""`` when it names none.

    >>> from dtbd import Scope
    >>> birth_words(Scope(from_age=30, under_age=46, age_on="2025-12-31"))
    'từ 30 đến 45 tuổi, tuổi tính đến 31/12/2025'
    >>> birth_words(Scope(born_from=1979), "en")
    'born in or after 1979'
    """
    phrases = []
    low, young = scope.from_age, scope.under_age
    if low is not None and young is not None:
        phrases.append(say("display.age.between", locale, low=low, high=young - 1))
    elif low is not None:
        phrases.append(say("display.age.from", locale, age=low))
    elif young is not None:
        phrases.append(say("display.age.under", locale, age=young))
    if scope.age_on is not None:
        phrases.append(say("display.age.on", locale, date=short_date(scope.age_on, locale)))
    first, last = scope.born_from, scope.born_until
    if first is not None and last is not None:
        key = "display.born.in" if first == last else "display.born.between"
        phrases.append(say(key, locale, first=first, last=last))
    elif first is not None:
        phrases.append(say("display.born.from", locale, year=first))
    elif last is not None:
        phrases.append(say("display.born.until", locale, year=last))
    return ", ".join(phrases)
