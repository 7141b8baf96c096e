"""dtbd.draft_scheme and ``dtbd draft``: scheme files drafted from a plan's text."""

from __future__ import annotations

import tomllib
import unicodedata
from pathlib import Path

import pytest

from dtbd import DraftError, audit, draft_scheme, load_scheme
from dtbd.cli import main
from dtbd.cli._exit import EXIT_BAD_INPUT, EXIT_OK
from dtbd.files._scheme_files import loads_scheme
from dtbd.model._target import Cadence

DATA = Path(__file__).parent / "data" / "extract"
SEEDS = Path(__file__).parent.parent.parent / "shared" / "seeds"
HELD_OUT = sorted(DATA.glob("*.txt"))


def _quotes(data: dict, found: list[dict]) -> list[dict]:
    for target in data.get("targets", []) + data.get("parts", []):
        found.append(target["quote"])
        _quotes(target, found)
    return found


@pytest.mark.parametrize("path", HELD_OUT, ids=lambda p: p.stem)
def test_a_draft_loads_audits_and_quotes_its_text_at_each_span(path):
    text = path.read_text(encoding="utf-8")
    drafted = draft_scheme(text, scheme_id=path.stem)
    scheme = loads_scheme(drafted)
    assert scheme.targets
    audit(scheme)
    quotes = _quotes(tomllib.loads(drafted), [])
    assert len(quotes) == len(list(scheme.all_targets()))
    assert all(text[q["start"] : q["end"]] == q["text"] for q in quotes)


def test_breakdowns_become_parts_with_the_time_of_their_whole():
    scheme = loads_scheme(draft_scheme((DATA / "ke-hoach-tinh.txt").read_text("utf-8")))
    whole = next(t for t in scheme.targets if t.parts)
    assert [str(p.figure) for p in whole.parts] == ["300 lượt", "500 lượt", "400 lượt"]
    assert whole.window.cadence is Cadence.PER_YEAR
    assert (scheme.period.start.year, scheme.period.end.year) == (2024, 2026)


def test_uncertain_readings_and_figures_that_are_no_targets_are_marked_in_comments():
    drafted = draft_scheme((DATA / "de-an-thanh-pho.txt").read_text("utf-8"))
    assert "# UNCERTAIN" in drafted
    assert "money from the sentence" in drafted
    assert "# not a target: 'dưới 40 tuổi'" in drafted
    # the deadline of the plan ("đến năm 2027") and the date of the decision make its period
    scheme = loads_scheme(drafted)
    assert (scheme.period.start.year, scheme.period.end.year) == (2023, 2027)


def test_a_draft_of_a_decomposed_text_quotes_it_as_given():
    text = unicodedata.normalize("NFD", (DATA / "tin-huyen.txt").read_text("utf-8"))
    quotes = _quotes(tomllib.loads(draft_scheme(text)), [])
    assert quotes
    assert all(text[q["start"] : q["end"]] == q["text"] for q in quotes)


def test_a_text_without_a_period_or_year_cannot_be_drafted():
    with pytest.raises(DraftError, match="names no period"):
        draft_scheme("Bồi dưỡng 500 lượt cán bộ.")


def test_the_command_writes_a_draft_that_audit_reads(tmp_path, capsys):
    out = tmp_path / "scheme.toml"
    source = DATA / "ke-hoach-tinh.txt"
    assert main(["draft", str(source), "--out", str(out), "--locale", "en"]) == EXIT_OK
    assert "targets read" in capsys.readouterr().out
    assert load_scheme(out).citation.text == str(source)
    assert main(["audit", str(out), "--format", "json"]) == EXIT_OK
    capsys.readouterr()
    assert main(["draft", str(source), "--out", str(out)]) == EXIT_BAD_INPUT
    assert "--force" in capsys.readouterr().err
    assert main(["draft", str(source), "--out", str(out), "--force"]) == EXIT_OK


def test_the_command_prints_the_draft_without_out(capsys):
    assert main(["draft", str(DATA / "tin-huyen.txt"), "--format", "json"]) == EXIT_OK
    assert '"targets": 4' in capsys.readouterr().out


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts (../shared/seeds) are absent")
def test_drafts_of_the_seeds_hold_every_figure_of_their_catalog_entry():
    """Close to the hand-made entries: each of their figures is a target of the draft."""
    from dtbd.catalog import load
    from dtbd.catalog._load import IDS

    for scheme_id, seed in zip(IDS, sorted(SEEDS.glob("0*.txt")), strict=True):
        drafted = loads_scheme(draft_scheme(seed.read_text("utf-8"), scheme_id=scheme_id))
        audit(drafted)
        got = [t.figure for t in drafted.all_targets()]
        wanted = [t.figure for t in load(scheme_id).all_targets() if t.figure is not None]
        missing = [str(figure) for figure in wanted if figure not in got]
        assert missing == [], scheme_id


def test_the_draft_cites_the_documents_own_number_date_and_kind():
    plan = loads_scheme(draft_scheme((DATA / "ke-hoach-tinh.txt").read_text("utf-8")))
    assert (plan.kind.value, plan.citation.document) == ("plan", "45/KH-UBND")
    assert plan.citation.issued.isoformat() == "2024-02-10"
    decision = loads_scheme(draft_scheme((DATA / "de-an-thanh-pho.txt").read_text("utf-8")))
    assert (decision.kind.value, decision.citation.document) == ("scheme", "2210/QĐ-UBND")
    assert decision.citation.issued.isoformat() == "2023-06-05"


def test_a_document_the_text_only_cites_is_not_its_own():
    text = (
        "Triển khai thực hiện Nghị quyết số 20-NQ/TU ngày 08/02/2022 của Tỉnh ủy về Đề án "
        "đào tạo cán bộ trẻ. Đến năm 2025 bồi dưỡng 500 lượt cán bộ."
    )
    scheme = loads_scheme(draft_scheme(text))
    assert scheme.citation.document is None
    assert scheme.kind.value == "plan"


def test_quotes_leave_out_list_marks_and_joining_words_and_titles_join_their_kind():
    drafted = tomllib.loads(draft_scheme((DATA / "nghi-quyet-tinh.txt").read_text("utf-8")))
    assert drafted["title"].startswith("NGHỊ QUYẾT Về đào tạo, bồi dưỡng")
    quotes = [q["text"] for q in _quotes(drafted, [])]
    assert quotes[0] == "Đến năm 2030, 100% cán bộ lãnh đạo, quản lý cấp tỉnh, cấp huyện"
    assert "trong đó 30 tiến sĩ" in quotes
    assert "120 thạc sĩ" in quotes
