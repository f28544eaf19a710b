"""Provenance in a real git repository: each edition records the commit that last touched its
report (whatever the file's name) and says when the source has changes not yet committed."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from conftest import make_project, run

REPORT = "---\ntitle: {title}\n---\n# {title}\n\nA paragraph to translate.\n"


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                          check=True).stdout.strip()


def _repository(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "repo", {
        "content/plain.md": REPORT.format(title="Plain"),
        "content/reports/日本語 の報告.md": REPORT.format(title="Named in Japanese"),
    })
    _git(root, "init", "-q")
    _git(root, "config", "user.email", "editor@example.org")
    _git(root, "config", "user.name", "Editor")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "first")
    return root


def _meta(page: str, name: str) -> str:
    match = re.search(rf'<meta name="publisher:{name}" content="([^"]*)">', page)
    assert match, name
    return match.group(1)


def test_an_edition_records_the_commit_of_its_report(runner, tmp_path):
    root = _repository(tmp_path)
    (root / "content/plain.md").write_text(REPORT.format(title="Plain, edited"))
    _git(root, "commit", "-qam", "second")
    assert run(runner, root, "build").exit_code == 0
    for source, page in [("content/plain.md", "site/en/plain.html"),
                         ("content/reports/日本語 の報告.md",
                          "site/en/reports/日本語 の報告.html")]:
        expected = _git(root, "log", "-1", "--format=%H", "--", source)  # the oracle
        html = (root / page).read_text()
        assert _meta(html, "source-revision") == expected
        assert _meta(html, "source-modified") == "false"
        assert f"revision {expected[:10]}" in html
        assert "not yet committed" not in html


def test_an_uncommitted_change_is_said_in_the_footer_and_the_metadata(runner, tmp_path):
    root = _repository(tmp_path)
    report = root / "content/reports/日本語 の報告.md"
    report.write_text(report.read_text() + "\nAnother paragraph.\n")
    assert "M" in _git(root, "status", "--porcelain", "--", str(report))  # the oracle
    assert run(runner, root, "build").exit_code == 0
    html = (root / "site/en/reports/日本語 の報告.html").read_text()
    assert _meta(html, "source-modified") == "true"
    footer = html.split('<footer class="site-footer">', 1)[1]
    assert "with changes not yet committed" in footer
    clean = (root / "site/en/plain.html").read_text()
    assert _meta(clean, "source-modified") == "false"


def test_a_report_never_committed_is_marked_modified(runner, tmp_path):
    root = _repository(tmp_path)
    (root / "content/new.md").write_text(REPORT.format(title="New"))
    assert run(runner, root, "build").exit_code == 0
    html = (root / "site/en/new.html").read_text()
    assert _meta(html, "source-revision") == ""
    assert _meta(html, "source-modified") == "true"


def test_the_bilingual_page_shows_the_site_title(runner, tmp_path):
    root = make_project(tmp_path, {
        "content/a.md": REPORT.format(title="First report"),
        "content/b.md": REPORT.format(title="Second report"),
    }, config='[project]\ntitle = "Institute Reports"\n')
    assert run(runner, root, "update").exit_code == 0
    assert run(runner, root, "build", "--force", "--bilingual", "en,ja").exit_code == 0
    for slug in ("a", "b"):
        page = (root / f"site/bilingual/en-ja/{slug}.html").read_text()
        site_title = re.search(r'<a class="site-title"[^>]*>([^<]*)</a>', page).group(1)
        assert site_title == "Institute Reports"
