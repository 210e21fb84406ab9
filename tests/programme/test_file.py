"""The programme file: init writes every activity, load names file:line for each problem, set edits in place
and keeps every comment and unrelated byte."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seawall.errors import SeawallError
from seawall.programme.catalogue import Catalogue, load_catalogue
from seawall.programme.file import (
    FILE_NAME,
    STATUSES,
    FieldChange,
    ProgrammeError,
    init,
    load,
    programme_path,
    render,
    set_entry,
)
from seawall.programme.model import Activity, Domain, Entry, Status
from tests.gitrepo import init_repo


def activity(activity_id: str, title: str) -> Activity:
    return Activity(
        id=activity_id,
        domain=activity_id.split(".", 1)[0],
        title=title,
        why="why",
        how=("step",),
        mappings=(),
        evidence=(),
        risk=3,
        effort=2,
    )


DOMAINS = (
    Domain("product", "Product security", "purpose", 1),
    Domain("cloud", "Cloud infrastructure security", "purpose", 2),
    Domain("compliance", "Compliance and data protection", "purpose", 5),
)
ACTIVITIES = (
    activity("product.secrets-in-code", "Keep secrets out of code"),
    activity("product.dependencies", "Upgrade vulnerable dependencies"),
    activity("product.pipeline", "Secure the delivery pipeline"),
    activity("cloud.hardening", "Harden the cloud configuration"),
    activity("cloud.iam", "Improve identity and access management"),
    activity("compliance.inventory", "Keep a data inventory"),
)
SMALL = Catalogue(DOMAINS, ACTIVITIES)


def small(*ids: str) -> Catalogue:
    """The small catalogue with only these activities (an older seawall's catalogue)."""
    return Catalogue(DOMAINS, tuple(a for a in ACTIVITIES if a.id in ids))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    target = tmp_path / FILE_NAME
    init(target, SMALL)
    return target


def lines_around(text: str, activity_id: str) -> tuple[list[str], list[str]]:
    """The file's lines before the activity's key (included) and from the next blank line on."""
    lines = text.splitlines(keepends=True)
    start = next(n for n, line in enumerate(lines) if line.strip() == f"{activity_id}:")
    end = next(n for n in range(start, len(lines)) if not lines[n].strip())
    return lines[: start + 1], lines[end:]


def only_insertions(before: str, after: str) -> bool:
    """Whether ``after`` is ``before`` with lines inserted, and nothing changed or removed."""
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(), autojunk=False)
    tags = {tag for tag, *_ in matcher.get_opcodes()}
    return tags == {"equal", "insert"}


# -- init ------------------------------------------------------------------------------------------------


def test_init_writes_every_activity_to_do_under_its_domain_and_title(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# seawall-programme.yaml")
    assert "todo, in progress, done, or not applicable (which needs a reason)" in text
    assert "\nversion: 1\nactivities:\n" in text
    lines = text.splitlines()
    for a in ACTIVITIES:
        at = lines.index(f"  {a.id}:")
        assert lines[at - 1] == f"  # {a.title}"
        assert lines[at + 1 : at + 6] == [
            "    status: todo",
            "    owner: ''",
            "    due:",
            "    notes: ''",
            "    evidence: []",
        ]
    headers = [n for n, line in enumerate(lines) if line.startswith("  # -- ")]
    assert [lines[n].split("--")[1].strip(" -") for n in headers] == [d.title for d in DOMAINS]
    assert headers[1] < lines.index("  cloud.hardening:") < headers[2]
    programme = load(path, SMALL)
    assert programme.listed == {a.id for a in ACTIVITIES}
    assert all(e == Entry(e.id) for e in programme.entries.values())


def test_the_real_catalogue_initialises_and_loads(tmp_path: Path) -> None:
    catalogue = load_catalogue()
    target = tmp_path / FILE_NAME
    result = init(target, catalogue)
    assert result.created
    assert result.added == tuple(a.id for a in catalogue.activities)
    programme = load(target, catalogue)
    assert [a.id for a, _ in programme.pairs(catalogue)] == [a.id for a in catalogue.activities]
    assert {e.status for e in programme.entries.values()} == {Status.TODO}


def test_init_refuses_to_overwrite_an_existing_file(path: Path) -> None:
    before = path.read_bytes()
    with pytest.raises(ProgrammeError, match="exists already") as caught:
        init(path, SMALL)
    assert "--force" in caught.value.hint
    assert path.read_bytes() == before


def test_force_keeps_entries_and_comments_and_adds_the_new_activities_to_their_domains(
    tmp_path: Path,
) -> None:
    target = tmp_path / FILE_NAME
    init(target, small("product.secrets-in-code", "cloud.hardening"))  # an older catalogue
    set_entry(target, SMALL, "product.secrets-in-code", status="done", owner="Ann")
    text = target.read_text(encoding="utf-8").replace(
        "  cloud.hardening:", "  # we use AWS only\n  cloud.hardening:  # see the wiki"
    )
    target.write_text(text, encoding="utf-8")

    result = init(target, SMALL, force=True)

    assert not result.created
    assert result.kept == ("product.secrets-in-code", "cloud.hardening")
    assert result.added == ("product.dependencies", "product.pipeline", "cloud.iam", "compliance.inventory")
    after = target.read_text(encoding="utf-8")
    assert only_insertions(text, after)
    assert "  # we use AWS only\n  cloud.hardening:  # see the wiki\n" in after
    lines = after.splitlines()
    order = [line.strip(" :") for line in lines if re.match(r"^  [a-z]+\.[a-z-]+:", line)]
    assert [o.split(":")[0] for o in order] == [a.id for a in ACTIVITIES]  # grouped by domain, in order
    header = next(
        n for n, line in enumerate(lines) if line.startswith("  # -- Compliance and data protection --")
    )
    assert len(lines[header]) == 100
    assert header < lines.index("  compliance.inventory:")
    programme = load(target, SMALL)
    assert programme.entry("product.secrets-in-code").owner == "Ann"
    assert programme.entry("product.secrets-in-code").status is Status.DONE
    assert programme.listed == {a.id for a in ACTIVITIES}


def test_force_on_a_complete_file_changes_nothing(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "# my footer\n", encoding="utf-8")
    before = path.read_bytes()
    result = init(path, SMALL, force=True)
    assert result.added == ()
    assert path.read_bytes() == before


def test_force_fills_an_empty_activities_mapping(tmp_path: Path) -> None:
    target = tmp_path / FILE_NAME
    target.write_text("# ours\nversion: 1\nactivities: {}  # nothing yet\n", encoding="utf-8")
    assert init(target, SMALL, force=True).added == tuple(a.id for a in ACTIVITIES)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# ours\nversion: 1\nactivities:\n\n  # -- Product security")
    assert load(target, SMALL).listed == {a.id for a in ACTIVITIES}


def test_the_default_file_is_at_the_repository_root(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    (repo / "src" / "deep").mkdir(parents=True)
    assert programme_path(repo / "src" / "deep").resolve() == (repo / FILE_NAME).resolve()
    assert programme_path(repo) == Path(FILE_NAME)
    assert programme_path(repo, "other.yaml") == Path("other.yaml")
    outside = tmp_path / "plain"
    outside.mkdir()
    assert programme_path(outside) == Path(FILE_NAME)


# -- set -------------------------------------------------------------------------------------------------


def test_set_twice_keeps_a_user_comment_and_every_unrelated_line_byte_identical(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    text = text.replace("  cloud.iam:\n", "  # ask Bob: he set up SSO\n  cloud.iam:   # important\n")
    text = text.replace("    status: todo\n", "    status: todo  # keep this\n", 1)
    path.write_text(text, encoding="utf-8")
    head, tail = lines_around(text, "product.dependencies")

    first = set_entry(path, SMALL, "product.dependencies", status="in progress", owner="Ann")
    second = set_entry(
        path,
        SMALL,
        "product.dependencies",
        due="2025-06-30",
        notes="renovate: weekly",
        add_evidence=["https://x"],
    )

    after = path.read_text(encoding="utf-8")
    new_head, new_tail = lines_around(after, "product.dependencies")
    assert new_head == head
    assert new_tail == tail
    assert "  # ask Bob: he set up SSO\n  cloud.iam:   # important\n" in after
    assert "    status: todo  # keep this\n" in after
    entry_lines = after.splitlines()[len(head) : len(after.splitlines()) - len(tail)]
    assert entry_lines == [
        "    status: in progress",
        "    owner: Ann",
        "    due: 2025-06-30",
        "    notes: 'renovate: weekly'",
        "    evidence:",
        "      - https://x",
    ]
    assert [(c.field, c.old, c.new) for c in first + second] == [
        ("status", "todo", "in progress"),
        ("owner", "", "Ann"),
        ("due", "", "2025-06-30"),
        ("notes", "", "renovate: weekly"),
        ("evidence", "", "https://x"),
    ]
    assert load(path, SMALL).entry("product.dependencies") == Entry(
        "product.dependencies",
        status=Status.IN_PROGRESS,
        owner="Ann",
        due=dt.date(2025, 6, 30),
        notes="renovate: weekly",
        evidence=("https://x",),
    )


def test_set_keeps_comments_and_trailing_comments_on_the_edited_lines(path: Path) -> None:
    text = path.read_text(encoding="utf-8").replace(
        "  cloud.hardening:\n    status: todo\n    owner: ''\n    due:\n",
        "  cloud.hardening:\n    # who? ask in #infra\n    status: todo   # not yet\n"
        "    owner: ''\n    due:  # soon\n",
    )
    path.write_text(text, encoding="utf-8")
    set_entry(path, SMALL, "cloud.hardening", status="done", due="2025-01-31")
    after = path.read_text(encoding="utf-8")
    assert (
        "    # who? ask in #infra\n    status: done   # not yet\n    owner: ''\n    due: 2025-01-31  # soon\n"
        in after
    )
    assert len(after) == len(text) + len("done") - len("todo") + len(" 2025-01-31")


def test_not_applicable_adds_a_reason_line_and_leaving_it_removes_the_line(path: Path) -> None:
    before = path.read_text(encoding="utf-8")
    changes = set_entry(path, SMALL, "product.pipeline", status="n/a", reason="we ship no builds")
    assert changes == (
        FieldChange("product.pipeline", "status", "todo", "not applicable"),
        FieldChange("product.pipeline", "reason", "", "we ship no builds"),
    )
    assert "    notes: ''\n    reason: we ship no builds\n    evidence: []\n" in path.read_text(
        encoding="utf-8"
    )
    assert load(path, SMALL).entry("product.pipeline").reason == "we ship no builds"

    changes = set_entry(path, SMALL, "product.pipeline", status="todo")
    assert FieldChange("product.pipeline", "reason", "we ship no builds", "") in changes
    assert path.read_text(encoding="utf-8") == before


def test_evidence_is_appended_to_a_block_list_and_a_flow_list_becomes_one(path: Path) -> None:
    text = path.read_text(encoding="utf-8").replace(
        "  cloud.iam:\n    status: todo\n    owner: ''\n    due:\n    notes: ''\n    evidence: []\n",
        "  cloud.iam:\n    status: todo\n    evidence: [https://a, 'https://b']  # two\n",
    )
    path.write_text(text, encoding="utf-8")
    set_entry(path, SMALL, "cloud.iam", add_evidence=["https://c"])
    set_entry(path, SMALL, "cloud.iam", add_evidence=["https://d", "https://c", "https://d"])
    after = path.read_text(encoding="utf-8")
    assert (
        "    evidence:\n      - https://a\n      - https://b\n      - https://c  # two\n      - https://d\n"
        in after
    )
    assert load(path, SMALL).entry("cloud.iam").evidence == (
        "https://a",
        "https://b",
        "https://c",
        "https://d",
    )


def test_missing_fields_are_inserted_in_order_at_the_entry_s_indentation(tmp_path: Path) -> None:
    target = tmp_path / FILE_NAME
    target.write_text(
        "version: 1\nactivities:\n    cloud.iam:\n        notes: x\n    cloud.hardening:\n", encoding="utf-8"
    )
    set_entry(target, SMALL, "cloud.iam", status="done", owner="Ann", add_evidence=["https://e"])
    set_entry(target, SMALL, "cloud.hardening", owner="Bo")
    assert target.read_text(encoding="utf-8") == (
        "version: 1\nactivities:\n"
        "    cloud.iam:\n        status: done\n        owner: Ann\n        notes: x\n"
        "        evidence:\n          - https://e\n"
        "    cloud.hardening:\n      status: todo\n      owner: Bo\n      due:\n      notes: ''\n"
        "      evidence: []\n"
    )


def test_a_flow_entry_is_written_out_as_a_block(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    _, tail = lines_around(text, "cloud.iam")
    flow = text.replace(
        "  cloud.iam:\n    status: todo\n    owner: ''\n    due:\n    notes: ''\n    evidence: []\n",
        "  cloud.iam: {status: done, owner: Ann}\n",
    )
    path.write_text(flow, encoding="utf-8")
    set_entry(path, SMALL, "cloud.iam", due="2030-01-01")
    after = path.read_text(encoding="utf-8")
    assert "  cloud.iam:\n    status: done\n    owner: Ann\n    due: 2030-01-01\n" in after
    assert after.splitlines(keepends=True)[-len(tail) :] == tail


def test_an_activity_the_file_does_not_list_is_added_to_its_domain(tmp_path: Path) -> None:
    target = tmp_path / FILE_NAME
    init(target, small("product.secrets-in-code", "compliance.inventory"))
    text = target.read_text(encoding="utf-8")
    set_entry(target, SMALL, "cloud.iam", owner="Ann")
    after = target.read_text(encoding="utf-8")
    added = (
        "\n" + "  # -- Cloud infrastructure security ".ljust(100, "-") + "\n"
        "  # Improve identity and access management\n  cloud.iam:\n    status: todo\n    owner: Ann\n"
        "    due:\n    notes: ''\n    evidence: []\n"
    )
    at = text.index("\n  # -- Compliance")
    assert after == text[:at] + added + text[at:]


def test_crlf_files_stay_crlf(path: Path) -> None:
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    set_entry(path, SMALL, "cloud.iam", status="n/a", reason="no cloud", add_evidence=["https://x"])
    data = path.read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert load(path, SMALL).entry("cloud.iam").reason == "no cloud"


def test_a_file_without_a_final_newline_is_extended_on_a_new_line(tmp_path: Path) -> None:
    target = tmp_path / FILE_NAME
    target.write_text("version: 1\nactivities:\n  cloud.iam:\n    evidence:\n    - a", encoding="utf-8")
    set_entry(target, SMALL, "cloud.iam", add_evidence=["b"])
    set_entry(target, SMALL, "product.pipeline", status="done")
    assert load(target, SMALL).entry("cloud.iam").evidence == ("a", "b")
    assert load(target, SMALL).entry("product.pipeline").status is Status.DONE


def test_nothing_changed_leaves_the_file_untouched(path: Path) -> None:
    os.utime(path, (1_000_000_000, 1_000_000_000))
    assert set_entry(path, SMALL, "cloud.iam", status="todo", owner="", add_evidence=[]) == ()
    assert path.stat().st_mtime == 1_000_000_000


def test_the_file_keeps_its_permissions_and_no_temporary_file_is_left(path: Path) -> None:
    path.chmod(0o640)
    set_entry(path, SMALL, "cloud.iam", owner="Ann")
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in path.parent.iterdir()) == [FILE_NAME]


@pytest.mark.parametrize(
    ("kwargs", "message", "hint"),
    [
        ({"status": "finished"}, "unknown status 'finished' (choose from todo, in progress, done, not", ""),
        ({"due": "30/06/2025"}, "bad date '30/06/2025': dates are YYYY-MM-DD", "clears"),
        ({"due": "2025-02-30"}, "bad date '2025-02-30'", ""),
        ({"status": "not applicable"}, "needs a reason", "--reason"),
        ({"reason": "no cloud"}, "a reason goes with status 'not applicable'", "--status"),
        ({"add_evidence": [" "]}, "an evidence link must not be empty", ""),
        ({"owner": "bad \udcff byte"}, "owner is not valid text", ""),
    ],
)
def test_bad_edits_are_refused_and_the_file_is_untouched(
    path: Path, kwargs: dict[str, object], message: str, hint: str
) -> None:
    before = path.read_bytes()
    with pytest.raises(ProgrammeError) as caught:
        set_entry(path, SMALL, "cloud.iam", **kwargs)  # type: ignore[arg-type]
    assert message in str(caught.value)
    assert hint in caught.value.hint
    assert path.read_bytes() == before


def test_an_unknown_id_suggests_the_closest(path: Path) -> None:
    with pytest.raises(ProgrammeError, match=r"unknown activity id 'cloud\.hardning'") as caught:
        set_entry(path, SMALL, "cloud.hardning", status="done")
    assert caught.value.hint == "did you mean 'cloud.hardening'?"


# -- load: each problem names the file and the line ------------------------------------------------------

GOOD = "version: 1\nactivities:\n  cloud.iam:\n    status: done\n"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("version: 1\nactivities:\n  cloud.iam: [\n", 4, "not valid YAML"),
        ("version: 1\nactivities:\n  cloud.iam:\n\tstatus: done\n", 4, "not valid YAML"),
        ("version: 1\nactivities:\n  cloud.iam:\n  cloud.iamm:\n", 4, "unknown activity id 'cloud.iamm'"),
        ("version: 1\nactivities:\n  cloud.iam:\n  cloud.iam:\n", 4, "duplicate activity id 'cloud.iam'"),
        (
            GOOD.replace("done", "finished"),
            4,
            "unknown status 'finished' (choose from " + ", ".join(STATUSES),
        ),
        (GOOD + "    due: 2025-13-01\n", 5, "bad date '2025-13-01': dates are YYYY-MM-DD"),
        (GOOD + "    due: next week\n", 5, "bad date 'next week'"),
        (GOOD + "    due: '2025-6-1'\n", 5, "bad date '2025-6-1'"),
        (GOOD.replace("done", "n/a"), 4, "cloud.iam: status 'not applicable' needs a reason"),
        (GOOD.replace("done", "not applicable") + "    reason: ''\n", 4, "needs a reason"),
        (GOOD + "    owner: 42\n", 5, "owner must be text, not a number (quote it"),
        (GOOD + "    notes: [a]\n", 5, "notes must be text, not a list"),
        (GOOD + "    evidence: https://x\n", 5, "evidence must be a list of links, not text"),
        (GOOD + "    evidence:\n      - ok\n      - 3\n", 7, "an evidence link must be text, not a number"),
        (GOOD + "    evidence: [ok, '']\n", 5, "an evidence link must not be empty"),
        (GOOD + "    owner: &who Ann\n  cloud.hardening:\n    owner: *who\n", 7, "aliases (*name) are not"),
        (GOOD + "    evidence: [&l x]\n  cloud.hardening:\n    evidence: [*l]\n", 7, "evidence: aliases"),
        (GOOD + "    stauts: done\n", 5, "unknown field 'stauts'"),
        (GOOD + "    status: todo\n", 5, "duplicate field 'status'"),
        ("version: 1\nactivities:\n  cloud.iam: done\n", 3, "cloud.iam: expected its fields"),
        ("version: 1\nactivities:\n  - cloud.iam\n", 3, "'activities' must map activity ids to entries"),
        ("version: 2\nactivities:\n", 1, "unsupported version '2' (this seawall reads version 1)"),
        ("version: '1'\nactivities:\n", 1, "unsupported version '1'"),
        ("activities:\n", 1, "missing 'version: 1'"),
        ("version: 1\n", 1, "missing 'activities'"),
        ("version: 1\nactivities:\nactivity: {}\n", 3, "unknown top-level key 'activity'"),
        ("", 1, "expected a mapping with 'version' and 'activities'"),
        ("- 1\n", 1, "expected a mapping"),
        ("version: 1\nactivities:\n  1: {}\n", 3, "the activity id must be text, not a number"),
    ],
)
def test_a_bad_file_is_reported_with_its_name_line_and_problem(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    target = tmp_path / FILE_NAME
    target.write_text(text, encoding="utf-8")
    with pytest.raises(ProgrammeError) as caught:
        load(target, SMALL)
    assert str(caught.value).startswith(f"{target}:{line}: ")
    assert message in str(caught.value)
    assert isinstance(caught.value, SeawallError)


def test_unknown_ids_and_fields_come_with_the_closest_one(tmp_path: Path) -> None:
    target = tmp_path / FILE_NAME
    target.write_text("version: 1\nactivities:\n  cloud.iamm:\n", encoding="utf-8")
    with pytest.raises(ProgrammeError) as caught:
        load(target, SMALL)
    assert caught.value.hint == "did you mean 'cloud.iam'?"
    target.write_text(GOOD + "    onwer: Ann\n", encoding="utf-8")
    with pytest.raises(ProgrammeError) as caught:
        load(target, SMALL)
    assert caught.value.hint == "did you mean 'owner'?"


def test_a_missing_or_unreadable_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ProgrammeError, match="no programme file") as caught:
        load(tmp_path / FILE_NAME, SMALL)
    assert "seawall programme init" in caught.value.hint
    (tmp_path / FILE_NAME).write_bytes(b"version: 1\nactivities:\n  # caf\xe9\n")
    with pytest.raises(ProgrammeError, match="not UTF-8"):
        load(tmp_path / FILE_NAME, SMALL)


def test_what_a_person_may_write_by_hand_loads(tmp_path: Path) -> None:
    target = tmp_path / FILE_NAME
    target.write_text(
        "version: 1\n"
        "activities:\n"
        "  cloud.iam: {status: In-Progress, owner: Ann, due: '2025-06-30'}\n"
        "  cloud.hardening:\n"
        "  product.pipeline:\n"
        "    status: N/A\n"
        "    reason: >\n"
        "      we ship\n"
        "      no builds\n"
        "    notes: |\n"
        "      line one\n"
        "      line two\n",
        encoding="utf-8",
    )
    programme = load(target, SMALL)
    assert programme.entry("cloud.iam") == Entry(
        "cloud.iam", Status.IN_PROGRESS, "Ann", dt.date(2025, 6, 30), evidence=()
    )
    assert programme.entry("cloud.hardening") == Entry("cloud.hardening")
    assert programme.entry("product.pipeline").reason == "we ship no builds\n"
    assert programme.entry("product.pipeline").notes == "line one\nline two\n"
    assert programme.entry("compliance.inventory") == Entry("compliance.inventory")  # not listed: to do
    assert programme.listed == {"cloud.iam", "cloud.hardening", "product.pipeline"}

    set_entry(target, SMALL, "product.pipeline", notes="short")  # a block scalar replaced in place
    assert target.read_text(encoding="utf-8").endswith("      no builds\n    notes: short\n")


def test_render_is_what_init_writes(path: Path) -> None:
    assert path.read_text(encoding="utf-8") == render(SMALL)


# -- any text survives a round trip ----------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(owner=st.text(), notes=st.text())
def test_any_owner_and_notes_survive_set_then_load(tmp_path: Path, owner: str, notes: str) -> None:
    target = tmp_path / FILE_NAME
    target.write_text(render(SMALL), encoding="utf-8")
    head, tail = lines_around(render(SMALL), "cloud.iam")

    set_entry(target, SMALL, "cloud.iam", owner=owner, notes=notes)

    assert load(target, SMALL).entry("cloud.iam") == Entry("cloud.iam", owner=owner, notes=notes)
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[: len(head)] == head
    assert lines[len(lines) - len(tail) :] == tail
    assert len(lines) == len(head) + 5 + len(tail)  # each value on its own line


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    links=st.lists(st.text().filter(str.strip), min_size=1, max_size=3), reason=st.text().filter(str.strip)
)
def test_any_links_and_reason_survive_set_then_load(tmp_path: Path, links: list[str], reason: str) -> None:
    target = tmp_path / FILE_NAME
    target.write_text(render(SMALL), encoding="utf-8")
    set_entry(target, SMALL, "cloud.iam", status=Status.NOT_APPLICABLE, reason=reason, add_evidence=links)
    entry = load(target, SMALL).entry("cloud.iam")
    assert entry.reason == reason
    assert entry.evidence == tuple(dict.fromkeys(links))


def test_an_edit_that_would_not_read_back_as_intended_is_refused(tmp_path: Path) -> None:
    target = tmp_path / FILE_NAME
    # "|+" keeps the blank line in the notes: a line inserted after "text" would take it from them
    target.write_text(
        "version: 1\nactivities:\n  cloud.iam:\n    notes: |+\n      text\n\n  cloud.hardening:\n",
        encoding="utf-8",
    )
    before = target.read_bytes()
    with pytest.raises(ProgrammeError, match="would not read back as intended") as caught:
        set_entry(target, SMALL, "cloud.iam", add_evidence=["https://x"])
    assert "by hand" in caught.value.hint
    assert target.read_bytes() == before
    assert load(target, SMALL).entry("cloud.iam").notes == "text\n\n"
