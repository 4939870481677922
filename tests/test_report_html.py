"""The HTML readiness report: structure, ordering, escaping, languages, and a real browser.

Structure tests parse the page with lxml.html. The browser test renders it in headless
Chromium (Debian's ``chromium``): when the browser is missing it is installed with apt-get,
once per session, only when running as root with ``CI`` or ``HC_INSTALL_CHROMIUM`` set;
otherwise the test is skipped with the reason.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from lxml.html import HtmlElement, document_fromstring

from harmonized_customs.cli import main
from harmonized_customs.errors import UsageError
from harmonized_customs.i18n import LANGUAGES, ui
from harmonized_customs.issues import get_issue_code
from harmonized_customs.report_html import DEFAULT_DOCS_BASE, label, labels, render_html

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CHROMIUM_NAMES = ("chromium", "chromium-browser")
INSTALL_ENV = "HC_INSTALL_CHROMIUM"


def check_records(*files: Path, lang: str = "en", to: str = "US,CA,MX") -> list[dict[str, Any]]:
    """What ``harmonized-customs check --output json`` gives per declaration."""
    out = io.StringIO()
    main(["check", *map(str, files), "--to", to, "--lang", lang, "--output", "json"], out=out)
    results: list[dict[str, Any]] = json.loads(out.getvalue())["results"]
    return results


def parse(page: str) -> HtmlElement:
    return document_fromstring(page)


def issue(
    code: str, severity: str, target: str | None, pointer: str, **extra: Any
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "code": code,
        "severity": severity,
        "target": target,
        "pointer": pointer,
        "wco_id": None,
        "authority": "CBSA",
        "ctx": {},
        "docs": "issue-codes.md#" + code.replace("_", "-"),
        "message": f"message of {code}",
    }
    entry.update(extra)
    return entry


def record(issues: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """A checked record for US and CA whose matrix and readiness follow from ``issues``."""
    targets = ("US", "CA")
    matrix: dict[str, dict[str, str]] = {}
    for each in issues:
        row = matrix.setdefault(each["pointer"] or "/", dict.fromkeys(targets, "ok"))
        for target in targets if each["target"] is None else (each["target"],):
            if row[target] == "ok" or each["severity"] == "error":
                row[target] = each["severity"]
    blocking = {
        t: sum(1 for i in issues if i["severity"] == "error" and i["target"] in (None, t))
        for t in targets
    }
    data: dict[str, Any] = {
        "file": "decl.json",
        "index": 0,
        "read": True,
        "status": "blocked" if any(blocking.values()) else "ready",
        "issues": issues,
        "targets": {t: {"ready": not blocking[t], "blocking": blocking[t]} for t in targets},
        "matrix": matrix,
    }
    data.update(extra)
    return data


def text_of(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())


@pytest.fixture(scope="module")
def example_records() -> list[dict[str, Any]]:
    return check_records(EXAMPLES / "us-to-ca-truck.json", EXAMPLES / "mx-to-us-usmca.json")


# --- labels -------------------------------------------------------------------------------


def test_every_label_exists_in_english_french_and_spanish() -> None:
    for key, phrases in labels().items():
        assert set(phrases) == set(LANGUAGES), key
        assert all(phrase.strip() for phrase in phrases.values()), key


def test_labels_are_translated_not_copied() -> None:
    same = [key for key, p in labels().items() if len({p["en"], p["fr"], p["es"]}) == 1]
    assert same == [], same


# --- structure ------------------------------------------------------------------------------


def test_each_read_declaration_has_a_matrix_with_a_column_per_target(
    example_records: list[dict[str, Any]],
) -> None:
    doc = parse(render_html(example_records, "en"))
    tables = doc.xpath('//table[contains(@class, "matrix")]')
    assert len(tables) == len(example_records) == 2
    for table, data in zip(tables, example_records, strict=True):
        headings = [text_of(th) for th in table.xpath("./thead/tr/th")]
        assert headings[1:] == ["US", "CA", "MX"]
        pointers = [text_of(code) for code in table.xpath("./tbody/tr/th/code")]
        assert sorted(pointers) == sorted(data["matrix"])


def test_matrix_cells_say_their_state_in_words(example_records: list[dict[str, Any]]) -> None:
    doc = parse(render_html(example_records, "en"))
    words = {"ok", "error", "warning", "info"}
    cells = doc.xpath('//table[contains(@class, "matrix")]/tbody/tr/td')
    assert cells
    for cell in cells:
        state = text_of(cell).split()[-1]
        assert state in words
        assert state in cell.get("class").split()


def test_matrix_cells_match_the_report_matrix(example_records: list[dict[str, Any]]) -> None:
    doc = parse(render_html(example_records[:1], "en"))
    data = example_records[0]
    for row in doc.xpath('//table[contains(@class, "matrix")]/tbody/tr'):
        pointer = text_of(row.xpath("./th/code")[0])
        states = [text_of(td).split()[-1] for td in row.xpath("./td")]
        assert states == [data["matrix"][pointer][t] for t in ("US", "CA", "MX")]


def test_matrix_rows_that_block_come_first() -> None:
    data = record(
        [
            issue("a_warning", "warning", "US", "/a"),
            issue("z_error", "error", "CA", "/z"),
        ]
    )
    doc = parse(render_html([data], "en"))
    pointers = [text_of(c) for c in doc.xpath('//table[contains(@class, "matrix")]//th/code')]
    assert pointers == ["/z", "/a"]


def test_blocking_findings_come_first() -> None:
    data = record(
        [
            issue("first_info", "info", None, "/x"),
            issue("second_warning", "warning", "US", "/y"),
            issue("third_error", "error", "CA", "/z"),
            issue("fourth_error", "error", None, "/w"),
        ]
    )
    doc = parse(render_html([data], "en"))
    codes = [text_of(li.xpath('.//span[@class="meta"]//code')[1]) for li in doc.xpath("//ol/li")]
    assert codes == ["third_error", "fourth_error", "second_warning", "first_info"]


def test_blocking_first_in_a_real_report(example_records: list[dict[str, Any]]) -> None:
    doc = parse(render_html(example_records, "en"))
    order = {"error": 0, "warning": 1, "info": 2}
    for findings in doc.xpath('//ol[@class="findings"]'):
        ranks = [order[li.get("class")] for li in findings.xpath("./li")]
        assert ranks == sorted(ranks)


def test_matrix_cell_links_to_its_finding() -> None:
    data = record([issue("only_error", "error", "CA", "/importer")])
    doc = parse(render_html([data], "en"))
    link = doc.xpath('//table[contains(@class, "matrix")]//td//a')[0]
    target = doc.get_element_by_id(link.get("href")[1:])
    assert "only_error" in text_of(target)


def test_a_core_finding_links_from_every_country_cell() -> None:
    data = record([issue("core_error", "error", None, "/goods_items")])
    doc = parse(render_html([data], "en"))
    links = doc.xpath('//table[contains(@class, "matrix")]//td//a/@href')
    assert links == ["#d1-f1", "#d1-f1"]


def test_the_core_column_links_to_its_finding() -> None:
    found = [issue("w", "warning", "US", "/p"), issue("e", "error", "CA", "/p")]
    data = record(found, targets={}, matrix={})
    doc = parse(render_html([data], "en"))
    cells = doc.xpath('//table[contains(@class, "matrix")]/tbody/tr/td')
    assert [text_of(c) for c in cells] == ["\u2716 error"]
    assert cells[0].xpath(".//a/@href") == ["#d1-f1"]


def test_a_large_declaration_has_a_row_and_a_link_per_field() -> None:
    found = [
        issue(f"code_{n % 7}", ("error", "warning")[n % 2], ("US", "CA", None)[n % 3], f"/f/{n}")
        for n in range(3000)
    ]
    doc = parse(render_html([record(found)], "en"))
    rows = doc.xpath('//table[contains(@class, "matrix")]/tbody/tr')
    assert len(rows) == 3000
    for row in rows:
        for cell in row.xpath("./td"):
            assert bool(cell.xpath(".//a")) == ("ok" not in cell.get("class").split())


def test_readiness_table_says_ready_or_blocked_per_country() -> None:
    data = record([issue("ca_only", "error", "CA", "/p")])
    doc = parse(render_html([data], "en"))
    rows = doc.xpath('//table[@class="readiness"]/tbody/tr')
    seen = {text_of(r.xpath("./th")[0]): [text_of(td) for td in r.xpath("./td")] for r in rows}
    assert seen == {"US": ["\u2714 ready", "0"], "CA": ["\u2716 blocked", "1"]}


def test_a_declaration_without_findings_still_shows_its_matrix() -> None:
    doc = parse(render_html([record([])], "fr"))
    rows = doc.xpath('//table[contains(@class, "matrix")]/tbody/tr')
    assert len(rows) == 1
    assert label("all_fields", "fr") in text_of(rows[0])
    assert not doc.xpath('//ol[@class="findings"]')
    assert ui("no issues", "fr") in text_of(doc.body)


def test_an_unread_input_has_findings_and_no_matrix(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"direction": ', encoding="utf-8")
    records = check_records(broken)
    assert records[0]["read"] is False
    doc = parse(render_html(records, "es"))
    assert not doc.xpath('//table[contains(@class, "matrix")]')
    assert label("not_read", "es") in text_of(doc.body)
    assert records[0]["issues"][0]["code"] in text_of(doc.xpath('//ol[@class="findings"]')[0])


def test_without_targets_the_matrix_has_a_core_column() -> None:
    data = record([issue("core_thing", "error", None, "/goods_items")], targets={}, matrix={})
    doc = parse(render_html([data], "en"))
    headings = [text_of(th) for th in doc.xpath('//table[contains(@class, "matrix")]//thead//th')]
    assert headings[1] == label("core_column", "en")
    assert label("no_targets", "en") in text_of(doc.body)


def test_each_finding_links_to_its_docs_entry(example_records: list[dict[str, Any]]) -> None:
    doc = parse(render_html(example_records, "en"))
    items = doc.xpath('//ol[@class="findings"]/li')
    assert items
    for li in items:
        code = text_of(li.xpath('.//span[@class="meta"]//code')[1])
        hrefs = [a.get("href") for a in li.xpath(".//a")]
        assert hrefs == [DEFAULT_DOCS_BASE + get_issue_code(code).docs_anchor]
        assert hrefs[0].startswith("docs/issue-codes.md#")


def test_docs_base_changes_the_links() -> None:
    data = record([issue("some_code", "error", "US", "/p")])
    doc = parse(render_html([data], "en", docs_base="../manual/"))
    assert doc.xpath("//ol/li//a/@href") == ["../manual/issue-codes.md#some-code"]


def test_a_docs_value_that_is_not_a_docs_anchor_is_not_linked_as_given() -> None:
    data = record([issue("some_code", "error", "US", "/p", docs="javascript:alert(1)")])
    page = render_html([data], "en")
    assert "javascript:" not in page
    assert parse(page).xpath("//ol/li//a/@href") == ["docs/issue-codes.md#some-code"]


def test_a_missing_message_is_rendered_from_code_and_ctx_in_the_language() -> None:
    data = record([issue("ca_importer_bn_missing", "error", "CA", "/importer")])
    del data["issues"][0]["message"]
    doc = parse(render_html([data], "fr"))
    message = text_of(doc.xpath('//span[@class="message"]')[0])
    assert "RM" in message
    assert message.startswith("l'importateur")


def test_source_and_suggestion_are_shown() -> None:
    found = issue(
        "x_code",
        "warning",
        "US",
        "/p",
        source={"file": "entry.txt", "line": 3, "column": 9, "record": "40", "field": "SPI"},
        suggestion="S+",
    )
    doc = parse(render_html([record([found])], "es"))
    text = text_of(doc.xpath("//ol/li")[0])
    assert "entry.txt: línea 3, columna 9: registro 40: campo SPI" in text
    assert f"{ui('suggestion', 'es')}: S+" in text


# --- self-contained and safe ----------------------------------------------------------------


def test_the_page_loads_nothing_from_anywhere(example_records: list[dict[str, Any]]) -> None:
    page = render_html(example_records, "en", docs_base=DEFAULT_DOCS_BASE)
    doc = parse(page)
    assert not doc.xpath("//script | //link | //img | //iframe | //object | //embed")
    assert not doc.xpath("//@src")
    for href in doc.xpath("//@href"):
        assert href.startswith(("#", "docs/")), href
    assert "http://" not in page
    assert "https://" not in page
    assert "url(" not in page
    assert "@import" not in page


def test_the_content_security_policy_forbids_loading() -> None:
    doc = parse(render_html([], "en"))
    policy = doc.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]
    assert "default-src 'none'" in policy


def test_markup_in_records_is_shown_as_text() -> None:
    evil = "<script>alert('x')</script>"
    found = issue(
        "x_code",
        "error",
        "US",
        "/goods_items/0/description",
        message=f"description {evil}",
        suggestion='"><img src=x onerror=alert(1)>',
        source={"file": "a<b>.txt", "xpath": "/x[@a='<i>']"},
    )
    data = record([found], file="<img src=x onerror=alert(1)>.json")
    page = render_html([data], "en")
    doc = parse(page)
    assert not doc.xpath("//script | //img | //i | //b")
    assert evil in text_of(doc.body)
    assert "<img src=x onerror=alert(1)>.json" in text_of(doc.body)
    assert "&lt;script&gt;" in page


def test_markup_read_from_a_declaration_file_is_escaped(tmp_path: Path) -> None:
    data = json.loads((EXAMPLES / "us-to-ca-truck.json").read_text(encoding="utf-8"))
    data["goods_items"][0]["description"] = "<script>alert(1)</script>"
    data["goods_items"][0]["value"]["currency"] = "<script>bad()</script>"
    path = tmp_path / "<i>decl&amp;.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    records = check_records(path, to="CA")
    doc = parse(render_html(records, "en"))
    assert not doc.xpath("//script | //i")
    assert "<script>bad()</script>" in text_of(doc.body)
    assert "<i>decl&amp;.json" in text_of(doc.body)


# --- languages ----------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_headings_and_labels_are_in_the_chosen_language(
    language: str, example_records: list[dict[str, Any]]
) -> None:
    doc = parse(render_html(example_records, language))
    assert doc.get("lang") == language
    assert text_of(doc.xpath("//h1")[0]) == label("page_title", language)
    assert text_of(doc.xpath("//title")[0]) == label("page_title", language)
    h3 = {text_of(h) for h in doc.xpath("//h3")}
    assert {label("matrix_heading", language), label("issues_heading", language)} <= h3
    field = doc.xpath('//table[contains(@class, "matrix")]//thead//th')[0]
    assert text_of(field) == label("field", language)


def test_regional_locales_are_accepted() -> None:
    assert parse(render_html([], "fr_CA")).get("lang") == "fr"
    assert parse(render_html([], "es-MX")).get("lang") == "es"


def test_messages_come_from_the_records_in_their_language() -> None:
    records = check_records(EXAMPLES / "us-to-ca-truck.json", lang="es")
    doc = parse(render_html(records, "es"))
    shown = sorted(text_of(m) for m in doc.xpath('//span[@class="message"]'))
    assert shown
    assert shown == sorted(" ".join(i["message"].split()) for i in records[0]["issues"])
    assert ui("blocked", "es") in text_of(doc.xpath("//h2")[1])


def test_an_unsupported_language_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        render_html([], "de")


def test_no_records_gives_a_page_that_says_so() -> None:
    doc = parse(render_html([], "en"))
    assert label("no_records", "en") in text_of(doc.body)


# --- in a browser -------------------------------------------------------------------------


def _find_chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def _may_install() -> tuple[bool, str]:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False, "chromium is not installed and installing it needs root"
    if not (os.environ.get("CI") or os.environ.get(INSTALL_ENV)):
        return False, f"chromium is not installed; set CI or {INSTALL_ENV}=1 to let apt-get add it"
    if shutil.which("apt-get") is None:
        return False, "chromium is not installed and apt-get is not available"
    return True, ""


def _apt_get(*args: str, timeout: float) -> bool:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        done = subprocess.run(
            ["apt-get", *args], capture_output=True, timeout=timeout, env=env, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def test_installing_the_browser_needs_permission(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv(INSTALL_ENV, raising=False)
    allowed, reason = _may_install()
    assert not allowed
    assert "chromium is not installed" in reason


@pytest.fixture(scope="session")
def chromium() -> str:
    """The path of a headless-capable Chromium, installed once with apt-get when allowed."""
    found = _find_chromium()
    if found:
        return found
    allowed, reason = _may_install()
    if not allowed:
        pytest.skip(reason)
    installed = _apt_get("install", "-y", "-q", "chromium", timeout=600)
    if not installed:
        installed = _apt_get("update", "-q", timeout=300) and _apt_get(
            "install", "-y", "-q", "chromium", timeout=600
        )
    found = _find_chromium()
    if not installed or not found:
        pytest.skip("chromium could not be installed with apt-get")
    return found


def _headless(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    command = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, timeout=60, check=False)


@pytest.fixture
def rendered_page(tmp_path: Path) -> Path:
    records = check_records(EXAMPLES / "us-to-ca-truck.json")
    page = tmp_path / "report.html"
    page.write_text(render_html(records, "fr"), encoding="utf-8")
    return page


def test_chromium_renders_the_matrix(chromium: str, rendered_page: Path, tmp_path: Path) -> None:
    done = _headless(chromium, tmp_path / "profile", "--dump-dom", rendered_page.as_uri())
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    dom = parse(done.stdout.decode("utf-8"))
    rows = dom.xpath('//table[contains(@class, "matrix")]/tbody/tr')
    assert rows
    assert label("matrix_heading", "fr") in {text_of(h) for h in dom.xpath("//h3")}


def test_chromium_screenshot_shows_the_coloured_matrix(
    chromium: str, rendered_page: Path, tmp_path: Path
) -> None:
    shot = tmp_path / "report.png"
    done = _headless(
        chromium,
        tmp_path / "profile",
        "--hide-scrollbars",
        "--window-size=1000,1400",
        f"--screenshot={shot}",
        rendered_page.as_uri(),
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 10_000
    image = pytest.importorskip("PIL.Image").open(shot).convert("RGB")
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 20) or []}
    assert (0xF8, 0xD7, 0xDA) in colours  # an "error" cell
    assert (0xD1, 0xE7, 0xDD) in colours  # an "ok" cell


def test_the_command_line_writes_the_page() -> None:
    out = io.StringIO()
    files = [str(EXAMPLES / "us-to-ca-truck.json")]
    main(["check", *files, "--to", "CA", "--lang", "fr", "--output", "html"], out=out)
    doc = parse(out.getvalue())
    assert doc.get("lang") == "fr"
    assert doc.xpath('//table[contains(@class, "matrix")]/tbody/tr')
