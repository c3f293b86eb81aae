"""The typed schema of ``wigboard.yml`` (goals as code).

Every class here is one mapping in the YAML file; every field is one key,
documented by the string under it (those strings also become the
descriptions in ``wigboard schema``). The file is read and validated once,
by :func:`wigboard.config_loader.load_config`; everything downstream gets
these frozen objects and never sees YAML.

A YAML key that is a Python keyword is declared with ``metadata={"key": ...}``
(``from`` is stored as ``from_``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from wigboard.errors import Location

__all__ = [
    "Candidate",
    "Config",
    "FileSource",
    "GitHubApp",
    "GitHubProject",
    "GitHubSource",
    "JiraSource",
    "KeyResult",
    "Kpi",
    "LabelConventions",
    "Lag",
    "LeadMeasure",
    "MilestoneRef",
    "Okr",
    "Scoreboard",
    "Selector",
    "Source",
    "Team",
    "Thresholds",
    "Wig",
    "XpsWeights",
]

Aggregate = Literal["count", "sum"]
Period = Literal["week", "month", "quarter", "year"]


@dataclass(frozen=True)
class Thresholds:
    """Colour bands for pace ratios and XPS/100."""

    green: float = 0.9
    """At or above this, a WIG is on pace (green)."""
    yellow: float = 0.7
    """At or above this (and below green), a WIG is at risk (yellow); below, red."""


@dataclass(frozen=True)
class XpsWeights:
    """Relative weights of the four parts of the execution score (XPS)."""

    lag: float = 25
    """Weight of lag results (pace ratio, capped at 1)."""
    lead: float = 25
    """Weight of lead-measure attainment."""
    commitments: float = 25
    """Weight of the share of weekly commitments kept."""
    cadence: float = 25
    """Weight of the share of weeks with a WIG session."""


@dataclass(frozen=True)
class LabelConventions:
    """The ticket labels that move the scoreboard."""

    wig: str = "wig:"
    """Prefix of labels that tie a ticket to a WIG (``wig:<wig-id>``)."""
    lead: str = "lead:"
    """Prefix of labels that count a ticket toward a lead measure (``lead:<measure-id>``)."""
    commitment: str = "commitment"
    """Label of a weekly commitment made by its assignee(s)."""
    session: str = "wig-session"
    """Label of a ticket that records a held weekly WIG session."""


@dataclass(frozen=True)
class Scoreboard:
    """How the scoreboard looks and computes."""

    title: str = "Execution scoreboard"
    """Title shown on every page."""
    timezone: str = "UTC"
    """IANA timezone name; weeks are ISO weeks in this timezone."""
    public: bool = False
    """True: the site shows no ticket titles and no people's names (teams and counts only)."""
    thresholds: Thresholds = dataclasses.field(default_factory=Thresholds)
    """Pace ratio and XPS/100 colour bands."""
    xps_weights: XpsWeights = dataclasses.field(default_factory=XpsWeights)
    """Weights of the XPS parts."""
    labels: LabelConventions = dataclasses.field(default_factory=LabelConventions)
    """Label names and prefixes used on tickets."""
    site_url: str = ""
    """Public URL of the published site (for the Atom feed and badges); optional."""


@dataclass(frozen=True)
class GitHubProject:
    """A GitHub Projects v2 board to read items from."""

    owner: str
    """Organisation or user login that owns the project."""
    number: int
    """Project number, as in ``github.com/orgs/<owner>/projects/<number>``."""
    status_field: str = "Status"
    """Single-select field that holds the item's status."""
    done_options: list[str] = dataclasses.field(default_factory=lambda: ["Done"])
    """Status options that mean done."""
    iteration_field: str | None = None
    """Iteration field that places commitments in weeks (optional)."""


@dataclass(frozen=True)
class GitHubApp:
    """GitHub App credentials, read from environment variables."""

    app_id_env: str = "GITHUB_APP_ID"
    """Variable holding the App id."""
    private_key_env: str = "GITHUB_APP_PRIVATE_KEY"
    """Variable holding the App's PEM private key."""
    installation_id_env: str = "GITHUB_APP_INSTALLATION_ID"
    """Variable holding the installation id."""


@dataclass(frozen=True)
class GitHubSource:
    """GitHub Issues, Milestones and Projects v2."""

    kind: Literal["github"]
    """Always ``github``."""
    repos: list[str] = dataclasses.field(default_factory=list)
    """Repositories as ``owner/name`` whose issues and milestones are read."""
    projects: list[GitHubProject] = dataclasses.field(default_factory=list)
    """Projects v2 boards whose items are read."""
    token_env: str = "GITHUB_TOKEN"
    """Environment variable holding a token (ignored when ``app`` is set)."""
    app: GitHubApp | None = None
    """Authenticate as a GitHub App instead of with a token."""
    api_url: str = "https://api.github.com"
    """REST API root; ``https://HOST/api/v3`` for GitHub Enterprise Server."""
    max_wait: float = 300
    """Longest total wait, in seconds, for rate limits before the source is marked failed."""
    replay: str | None = None
    """Directory of recorded responses to replay instead of calling GitHub (demo, offline)."""


@dataclass(frozen=True)
class JiraSource:
    """Jira Cloud or Data Center."""

    kind: Literal["jira"]
    """Always ``jira``."""
    url: str
    """Site root, e.g. ``https://acme.atlassian.net``."""
    jql: str
    """JQL that bounds the issues read, e.g. ``project = OPS``."""
    email_env: str = "JIRA_EMAIL"
    """Cloud: variable holding the account email."""
    token_env: str = "JIRA_API_TOKEN"
    """Cloud: variable holding the API token."""
    pat_env: str | None = None
    """Data Center: variable holding a personal access token (bearer auth)."""
    deployment: Literal["cloud", "datacenter"] | None = None
    """Override detection from ``serverInfo.deploymentType``."""
    points_field: str = "Story Points"
    """Name of the numeric field read as ``points``."""
    max_wait: float = 300
    """Longest total wait, in seconds, for rate limits before the source is marked failed."""
    replay: str | None = None
    """Directory of recorded responses to replay instead of calling Jira (demo, offline)."""


@dataclass(frozen=True)
class FileSource:
    """A file in the repo: ``series`` (CSV ``date,measure,value``) or ``items`` (JSON Lines)."""

    kind: Literal["series", "items"]
    """``series`` for measured values, ``items`` for work items from any tracker."""
    path: str
    """File path, relative to the config file."""


Source = GitHubSource | JiraSource | FileSource


@dataclass(frozen=True)
class Team:
    """A team and the tracker identities of its people."""

    members: dict[str, list[str]]
    """Person name -> identities written ``<source-id>:<login>`` (``gh:ana-l``)."""
    name: str = ""
    """Display name; defaults to the team id."""


@dataclass(frozen=True)
class Selector:
    """Which tickets a measure counts; all given conditions must hold (AND)."""

    labels: list[str] = dataclasses.field(default_factory=list)
    """Labels that must all be on the ticket."""
    milestone: str | None = None
    """Milestone title, Jira fixVersion name or epic key."""
    jql: str | None = None
    """Extra JQL (Jira sources only), ANDed with the source's JQL."""
    project_field: str | None = None
    """Projects v2 field value as ``Field: Value``, e.g. ``Status: Done``."""
    repos: list[str] = dataclasses.field(default_factory=list)
    """Only tickets from these repositories or Jira projects."""
    types: list[str] = dataclasses.field(default_factory=list)
    """Only these item types (``issue``, ``pull_request``, ``bug``...)."""
    sources: list[str] = dataclasses.field(default_factory=list)
    """Only tickets from these sources."""


@dataclass(frozen=True)
class MilestoneRef:
    """A GitHub milestone, Jira fixVersion or epic whose done share is the progress."""

    source: str
    """Source id the milestone lives in."""
    title: str
    """Milestone title, fixVersion name or epic key."""
    repo: str | None = None
    """``owner/name`` (GitHub) or project key (Jira); optional if the title is unique."""


@dataclass(frozen=True)
class Lag:
    """The lag measure of a WIG: from X to Y by When."""

    name: str
    """What is measured, e.g. ``On-time departures``."""
    from_: float | None = dataclasses.field(default=None, metadata={"key": "from"})
    """X: the value at ``start``."""
    to: float | None = None
    """Y: the target value."""
    by: date | None = None
    """When: the deadline (a milestone's due date when omitted)."""
    start: date | None = None
    """The date X was measured; the pace line starts here."""
    unit: str = ""
    """Unit shown after values, e.g. ``%`` or ``$M``."""
    source: str | None = None
    """Source of the values: a ``series`` source, or a tracker for a ticket aggregate."""
    measure: str | None = None
    """Measure name in a ``series`` source."""
    selector: Selector | None = None
    """Tickets whose done count or sum is the value (cumulative since ``start``)."""
    aggregate: Aggregate = "count"
    """``count`` done tickets, or ``sum`` a numeric field."""
    field: str | None = None
    """Numeric field summed when ``aggregate: sum`` (e.g. ``points``)."""
    milestone: MilestoneRef | None = None
    """Take progress from a milestone's done share instead."""


@dataclass(frozen=True)
class LeadMeasure:
    """A weekly behaviour the team controls that predicts the lag."""

    id: str
    """Id used in labels (``lead:<id>``); unique across the file."""
    name: str
    """What the behaviour is, e.g. ``Turnaround drills``."""
    target: float | None = None
    """Weekly target (per team, or per person with ``per: person``)."""
    per: Literal["team", "person"] = "team"
    """Whether the target is for the team or for each member."""
    aggregate: Aggregate = "count"
    """``count`` done tickets, or ``sum`` a numeric field."""
    field: str | None = None
    """Numeric field summed when ``aggregate: sum``."""
    selector: Selector | None = None
    """Tickets that count; default: label ``lead:<id>``."""
    unit: str = ""
    """Unit shown after values."""


@dataclass(frozen=True)
class Wig:
    """A Wildly Important Goal."""

    id: str
    """Id used in labels (``wig:<id>``) and URLs; unique."""
    title: str
    """The goal in words, e.g. ``Increase on-time departures``."""
    team: str
    """Team id that owns the WIG, or ``org`` for an organisation WIG."""
    lag: Lag
    """The lag measure: from X to Y by When."""
    lead_measures: list[LeadMeasure] = dataclasses.field(default_factory=list)
    """The few lead measures that drive the lag."""
    parent: str | None = None
    """Id of the organisation WIG this team WIG serves."""
    active: bool = True
    """False keeps a finished WIG in the file without scoring it."""


@dataclass(frozen=True)
class KeyResult:
    """One key result of an OKR: from start to target, or a milestone."""

    name: str
    """What is measured."""
    start: float | None = None
    """Value when the OKR began."""
    target: float | None = None
    """Value that means fully achieved."""
    by: date | None = None
    """Deadline (a milestone's due date when omitted)."""
    weight: float = 1
    """Weight in the objective's roll-up."""
    source: str | None = None
    """Source of the values (series or tracker)."""
    measure: str | None = None
    """Measure name in a ``series`` source."""
    selector: Selector | None = None
    """Tickets whose done count or sum is the value."""
    aggregate: Aggregate = "count"
    """``count`` or ``sum``."""
    field: str | None = None
    """Numeric field summed when ``aggregate: sum``."""
    milestone: MilestoneRef | None = None
    """Progress from a milestone's done share."""


@dataclass(frozen=True)
class Okr:
    """An objective and its key results."""

    objective: str
    """The qualitative objective."""
    key_results: list[KeyResult]
    """Its measurable key results."""
    id: str = ""
    """Optional id (defaults to a slug of the objective)."""
    team: str | None = None
    """Owning team id (optional)."""
    aspirational: bool = True
    """Aspirational OKRs count 0.7 as success; committed ones need 1.0."""


@dataclass(frozen=True)
class Kpi:
    """An ongoing metric compared period over period."""

    id: str
    """Unique id."""
    name: str
    """Display name."""
    unit: str = ""
    """Unit shown after values."""
    source: str | None = None
    """Source of the values."""
    measure: str | None = None
    """Measure name in a ``series`` source."""
    selector: Selector | None = None
    """Tickets whose done count or sum per period is the value."""
    aggregate: Aggregate = "count"
    """``count`` or ``sum``."""
    field: str | None = None
    """Numeric field summed when ``aggregate: sum``."""
    direction: Literal["up", "down"] = "up"
    """Whether higher (``up``) or lower (``down``) is better."""
    target: float | None = None
    """Green on the good side of this value."""
    warning: float | None = None
    """Yellow on the good side of this value; red beyond it."""
    compare: list[Period] = dataclasses.field(
        default_factory=lambda: ["week", "month", "quarter", "year"]
    )
    """Periods to compare the latest value with."""


@dataclass(frozen=True)
class Candidate:
    """A candidate goal in the WIG selection matrix (Discipline 1)."""

    name: str
    """The candidate goal."""
    impact: int
    """Strategic impact, 1 (low) to 5 (high)."""
    risk: int
    """Risk of not being executed without focus, 1 (low) to 5 (high)."""
    note: str = ""
    """Why, in a sentence."""


@dataclass(frozen=True)
class Config:
    """The whole ``wigboard.yml``."""

    scoreboard: Scoreboard = dataclasses.field(default_factory=Scoreboard)
    """Title, timezone, bands, weights and label conventions."""
    sources: dict[str, Source] = dataclasses.field(default_factory=dict)
    """Where tickets and values come from, by source id."""
    teams: dict[str, Team] = dataclasses.field(default_factory=dict)
    """Teams and their people, by team id."""
    wigs: list[Wig] = dataclasses.field(default_factory=list)
    """The Wildly Important Goals."""
    okrs: list[Okr] = dataclasses.field(default_factory=list)
    """Objectives and key results."""
    kpis: list[Kpi] = dataclasses.field(default_factory=list)
    """Key performance indicators."""
    candidates: list[Candidate] = dataclasses.field(default_factory=list)
    """Candidate goals for the WIG selection matrix."""
    path: str = dataclasses.field(default="", metadata={"internal": True})
    """Path of the file this was loaded from (set by the loader)."""
    locations: Mapping[str, Location] = dataclasses.field(
        default_factory=dict, compare=False, repr=False, metadata={"internal": True}
    )
    """Where each key was written, by path like ``wigs[0].lag.from`` (set by the loader)."""

    def where(self, path: str) -> Location | None:
        """Return the file location of a config path, or of its nearest parent.

        Args:
            path: A path like ``wigs[1].lead_measures[0].target``.

        Returns:
            The location, or ``None`` if nothing on the path was written in the file.
        """
        while path:
            if path in self.locations:
                return self.locations[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return None

    def wig(self, wig_id: str) -> Wig | None:
        """Return the WIG with this id, if any."""
        return next((w for w in self.wigs if w.id == wig_id), None)

    def person_of(self, identity: str) -> tuple[str, str] | None:
        """Map a ``<source-id>:<login>`` identity to ``(team_id, person)``.

        Args:
            identity: e.g. ``gh:ana-l``.

        Returns:
            The team id and person name, or ``None`` for an unmapped identity.
        """
        return self._people().get(identity)

    def _people(self) -> dict[str, tuple[str, str]]:
        cached: dict[str, tuple[str, str]] | None = self.__dict__.get("_people_cache")
        if cached is None:
            cached = {
                ident: (team_id, person)
                for team_id, team in self.teams.items()
                for person, idents in team.members.items()
                for ident in idents
            }
            object.__setattr__(self, "_people_cache", cached)
        return cached
