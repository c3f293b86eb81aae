from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from wigboard.config import FileSource, GitHubSource
from wigboard.config_loader import find_config, load_config, parse_config
from wigboard.errors import ConfigError, ConfigErrors

MINIMAL = """\
scoreboard: {title: Acme, timezone: Europe/Oslo}
sources:
  finance: {kind: series, path: data/finance.csv}
  gh: {kind: github, repos: [acme/ops]}
teams:
  ground-ops: {members: {ana: [gh:ana-l], bo: [gh:bo]}}
wigs:
  - id: on-time
    title: Increase on-time departures
    team: ground-ops
    lag: {name: On-time, unit: "%", from: 72, to: 85,
          start: 2026-01-01, by: 2026-12-31, source: finance, measure: on_time}
    lead_measures:
      - {id: drills, name: Drills, target: 3, per: person}
"""


def errors_of(text: str) -> list[ConfigError]:
    with pytest.raises(ConfigErrors) as info:
        parse_config(textwrap.dedent(text), "wigboard.yml")
    return info.value.errors


def test_minimal_config_loads_with_typed_values() -> None:
    config = parse_config(MINIMAL)
    wig = config.wigs[0]
    assert wig.lag.from_ == 72.0 and wig.lag.to == 85.0
    assert wig.lag.by == date(2026, 12, 31)
    assert isinstance(config.sources["gh"], GitHubSource)
    assert isinstance(config.sources["finance"], FileSource)
    assert config.person_of("gh:bo") == ("ground-ops", "bo")
    assert config.person_of("gh:nobody") is None
    assert str(config.where("wigs[0].lag.from")) == "wigboard.yml:11:37"


def test_duplicate_key_is_an_error_with_location_and_fix() -> None:
    (err,) = errors_of(MINIMAL.replace("title: Increase", "title: A\n    title: Increase"))
    assert str(err.location) == "wigboard.yml:10:5"
    assert "duplicate key 'title' (first written on line 9)" in err.message
    assert err.fix


def test_typo_key_suggests_the_right_one() -> None:
    (err,) = errors_of(MINIMAL.replace("lead_measures:", "lead_measure:"))
    assert str(err.location) == "wigboard.yml:13:5"
    assert "unknown key 'lead_measure'" in err.message
    assert "did you mean 'lead_measures'?" in err.message


def test_impossible_date_is_an_error() -> None:
    (err,) = errors_of(MINIMAL.replace("by: 2026-12-31", "by: 2026-02-30"))
    assert str(err.location) == "wigboard.yml:12:34"
    assert "'2026-02-30' is not a date" in err.message
    assert "YYYY-MM-DD" in err.fix


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("to: 85", "to: 72"), "from and to are both 72.0"),
        (("by: 2026-12-31", "by: 2025-12-31"), "is not after start"),
        (("team: ground-ops", "team: ground-opz"), "did you mean 'ground-ops'?"),
        (("source: finance", "source: finanse"), "unknown source 'finanse'"),
        (("[gh:ana-l]", "[gj:ana-l]"), "unknown source 'gj'"),
        (("timezone: Europe/Oslo", "timezone: Europe/Olso"), "unknown timezone"),
    ],
)
def test_reference_and_range_errors(change: tuple[str, str], expected: str) -> None:
    errors = errors_of(MINIMAL.replace(*change))
    assert any(expected in e.message for e in errors), [str(e) for e in errors]
    assert all(e.location is not None and e.location.line > 0 for e in errors)


def test_duplicate_ids() -> None:
    text = MINIMAL + MINIMAL.split("wigs:\n", 1)[1]
    messages = [e.message for e in errors_of(text)]
    assert "duplicate WIG id 'on-time'" in messages
    assert "duplicate lead measure id 'drills'" in messages


def test_yaml_1_1_surprises_keep_the_declared_type() -> None:
    text = (
        MINIMAL.replace("title: Acme", "title: no")
        .replace("name: Drills", "name: 1.10")
        .replace("target: 3", "target: 010")
    )
    config = parse_config(text)
    assert config.scoreboard.title == "no"
    assert config.wigs[0].lead_measures[0].name == "1.10"
    assert config.wigs[0].lead_measures[0].target == 10.0


def test_booleans_must_be_true_or_false() -> None:
    (err,) = errors_of(MINIMAL.replace("timezone: Europe/Oslo", "timezone: UTC, public: on"))
    assert "'on' is not true or false" in err.message
    assert parse_config(
        MINIMAL.replace("Europe/Oslo}", "Europe/Oslo, public: true}")
    ).scoreboard.public


def test_wrong_types_name_what_was_expected() -> None:
    errors = errors_of(
        MINIMAL.replace("target: 3", "target: three").replace("[acme/ops]", "acme/ops")
    )
    messages = " | ".join(e.message for e in errors)
    assert "'three' is not a number" in messages
    assert "must be a list of a string" in messages


def test_unknown_source_kind() -> None:
    (err,) = errors_of(MINIMAL.replace("kind: github", "kind: githib"))
    assert "did you mean 'github'?" in err.message


def test_yaml_syntax_error_has_location() -> None:
    with pytest.raises(ConfigError) as info:
        parse_config("wigs: [\n  {id: x\n", "w.yml")
    assert info.value.location is not None and info.value.location.file == "w.yml"


def test_safe_loading_rejects_python_tags() -> None:
    with pytest.raises(ConfigError):
        parse_config("scoreboard: !!python/object/apply:os.system ['echo pwned']\n")


def test_find_config_walks_up(tmp_path: Path) -> None:
    (tmp_path / "wigboard.yml").write_text(MINIMAL)
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    assert find_config(nested) == tmp_path / "wigboard.yml"
    assert load_config(tmp_path / "wigboard.yml").wigs[0].id == "on-time"


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "nope.yml")


def test_bundled_demo_is_valid() -> None:
    demo = Path(__file__).resolve().parents[2] / "config" / "demo" / "wigboard.yml"
    config = load_config(demo)
    assert len(config.teams) == 3
    assert sum(len(t.members) for t in config.teams.values()) == 8
    assert [w.id for w in config.wigs] == ["on-time", "five-star", "waste"]
    assert all(w.lag.from_ is not None and w.lag.to is not None and w.lag.by for w in config.wigs)
