"""Type-checker-only checks of the public API: mypy --strict reads this file, pytest does not.

Each line states the type a user gets back; a change of signature fails the lint job.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, assert_type

import pendulum

import dtbd
from dtbd import catalog

figure = dtbd.parse_figure("khoảng 15 - 17 người")
assert_type(figure, dtbd.Figure)
assert_type(figure.low, Decimal | None)
assert_type(figure.assess(16), dtbd.Assessment)
assert_type(figure.format(locale="en"), str)
assert_type(figure * 3, dtbd.Figure)
assert_type(figure + figure, dtbd.Figure)

scheme = catalog.load("qd-1641-2022")
assert_type(scheme, dtbd.Scheme)
assert_type(catalog.ids(), tuple[str, ...])
assert_type(dtbd.loads_scheme(dtbd.dump_scheme(scheme, "json"), "json"), dtbd.Scheme)

as_of = pendulum.date(2025, 6, 30)
records = dtbd.example_records(scheme, seed=0, as_of=as_of)
assert_type(records, dtbd.Records)
evaluation = dtbd.evaluate(scheme, records, as_of)
assert_type(evaluation, dtbd.Evaluation)
evaluations = dtbd.evaluate([scheme, catalog.load("hanoi-2022-2025")], records, as_of)
assert_type(evaluations, dtbd.Evaluations)
assert_type(evaluations["qd-1641-2022"], dtbd.Evaluation)
assert_type(evaluations.to_dict(), dict[str, Any])
assert_type(dtbd.evaluate((scheme,), records, as_of), dtbd.Evaluations)
assert_type(dtbd.progress(scheme.targets[0], records, as_of, scheme=scheme), dtbd.Progress)
assert_type(dtbd.audit(scheme), dtbd.Audit)
assert_type(dtbd.check(scheme.rules, records), tuple[dtbd.RuleViolation, ...])
assert_type(dtbd.check([scheme, scheme], records), tuple[dtbd.RuleViolation, ...])
assert_type(dtbd.parse_date("31/12/2025"), pendulum.Date)
assert_type(dtbd.format_money(Decimal(272_300_000_000)), str)
