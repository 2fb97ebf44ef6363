"""The pages in a real headless Chromium (Debian's chromium and chromium-driver)."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import docx
import pytest
import sqlalchemy as sa
import uvicorn

from store import tables as t
from store.db import open_store
from tests.web.conftest import AS_OF, HOSTILE_SLUG, HOSTILE_TITLE, SECRET
from web.app import create_app

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
    pytest.skip("chromium and chromium-driver are not installed "
                "(apt-get install chromium chromium-driver)", allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import (  # noqa: E402
    NoAlertPresentException, TimeoutException, WebDriverException)
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

REFERENCE = "how-effectively-do-the-police-record-crime"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def live_server(db_url: str, secret: str | None = None) -> Iterator[str]:
    """uvicorn on 127.0.0.1 and a free port, in a thread, over the store at ``db_url``."""
    engine = open_store(db_url)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(engine, secret=secret), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        engine.dispose()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[webdriver.Chrome, Path]]:
    downloads = tmp_path_factory.mktemp("downloads")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--window-size=1280,1000", "--lang=en-GB",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow",
                                                         "downloadPath": str(downloads)})
    try:
        yield driver, downloads
    finally:
        driver.quit()


def _cli_deadlines(db_url: str, *args: str) -> list[dict]:
    out = subprocess.run([sys.executable, "-m", "flows", "deadlines", "--db", db_url,
                          "--as-of", AS_OF.isoformat(), "--format", "json", *args],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def _page_rows(driver: webdriver.Chrome) -> list[tuple[str, str, str, str]]:
    """(publication, force, status, next checklist step) of each row shown."""
    return [(tr.get_attribute("data-publication"), tr.get_attribute("data-force"),
             tr.find_elements(By.TAG_NAME, "td")[3].text.split("\n")[0].replace(" ", "_"),
             tr.find_element(By.CLASS_NAME, "next-step").get_attribute("data-step"))
            for tr in driver.find_elements(By.CSS_SELECTOR, "#deadlines tbody tr")]


def _navigate(driver: webdriver.Chrome, action, timeout: float = 30) -> None:  # type: ignore[no-untyped-def]
    """Do what loads a new page (click a submit button or a link, run a script) and wait
    until a new document has loaded, so what follows reads the new one.

    The old document is marked with a token; the wait ends when the document in the
    window has no such mark and has finished loading. Selenium's ``staleness_of`` asks
    the old element a question instead, and while Chromium swaps documents the answer
    can be "Node with given id does not belong to the document", an error rather than
    "stale" (a CI failure on Chromium 150). Errors raised while the window is between
    documents are retried; the wait still fails after ``timeout`` s if no new page arrives.
    """
    token = uuid.uuid4().hex
    driver.execute_script("document.documentElement.dataset.leaving = arguments[0]", token)
    action()
    WebDriverWait(driver, timeout, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script(
            "return document.readyState === 'complete'"
            " && document.documentElement.dataset.leaving !== arguments[0]", token))


def _notice(driver: webdriver.Chrome) -> str:
    return driver.find_element(By.CLASS_NAME, "notice").text


def _cli_rows(rows: list[dict]) -> list[tuple[str, str, str, str]]:
    return [(r["publication_id"], r["force_id"], r["status"], r["next_step"] or "") for r in rows]


def _shot(driver: webdriver.Chrome, name: str, tmp_path: Path) -> None:
    """A screenshot to look at; also into docs/screenshots when HMICFRS_SCREENSHOTS=1."""
    path = tmp_path / name
    driver.save_screenshot(str(path))
    assert path.stat().st_size > 10_000
    if os.environ.get("HMICFRS_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, SCREENSHOTS / name)


def test_the_wait_for_a_new_page_fails_when_no_page_loads(browser, loaded_store) -> None:  # type: ignore[no-untyped-def]
    """The helper every other test leans on can fail: an action that loads nothing (a
    script that changes the page in place) times out; going to another page does not."""
    driver, _ = browser
    with live_server(loaded_store[0]) as base:
        driver.get(f"{base}/deadlines?as_of={AS_OF.isoformat()}")
        with pytest.raises(TimeoutException):
            _navigate(driver, lambda: driver.execute_script(
                "document.querySelector('h1').textContent = 'changed in place'"), timeout=1.5)
        _navigate(driver, lambda: driver.get(f"{base}/publications/{REFERENCE}"), timeout=10)
        assert driver.find_element(By.TAG_NAME, "h1").text not in ("", "changed in place")


def test_deadlines_page_lists_what_the_cli_lists_and_filters(browser, loaded_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    driver, _ = browser
    db_url = loaded_store[0]
    with live_server(db_url) as base:
        driver.get(f"{base}/deadlines?as_of={AS_OF.isoformat()}")
        assert driver.find_element(By.TAG_NAME, "h1").text == "Section 55 response deadlines"
        want = _cli_rows(_cli_deadlines(db_url))
        assert _page_rows(driver) == want and len(want) > 50
        assert {w[3] for w in want} >= {"comments_requested", ""}  # open ones and finished ones
        headers = [th.text for th in driver.find_elements(By.CSS_SELECTOR, "#deadlines thead th")]
        assert headers[0] == "Section 55 Response Deadline"
        _shot(driver, "deadlines.png", tmp_path)

        Select(driver.find_element(By.ID, "force")).select_by_visible_text("Norfolk Constabulary")
        Select(driver.find_element(By.ID, "status")).select_by_value("open")
        _navigate(driver, driver.find_element(By.CSS_SELECTOR, "form.filters button").click)
        want = _cli_rows(_cli_deadlines(db_url, "--force", "norfolk", "--status", "open"))
        assert _page_rows(driver) == want and want
        link = driver.find_element(By.PARTIAL_LINK_TEXT, "deadline calendar")
        assert link.get_attribute("href").endswith("/calendar/norfolk.ics")

        driver.get(f"{base}/deadlines?as_of={AS_OF.isoformat()}&due_from=2025-10-01&due_to=2025-10-22")
        rows = _cli_deadlines(db_url)
        want = _cli_rows([r for r in rows if r["practice_deadline"] and
                          "2025-10-01" <= r["practice_deadline"] <= "2025-10-22"])
        assert _page_rows(driver) == want and want


def test_publication_page_escapes_titles_and_downloads_a_draft(browser, loaded_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    driver, downloads = browser
    with live_server(loaded_store[0]) as base:
        driver.get(f"{base}/publications/{HOSTILE_SLUG}")
        assert driver.find_element(By.TAG_NAME, "h1").text == HOSTILE_TITLE
        with pytest.raises(NoAlertPresentException):
            driver.switch_to.alert.text  # noqa: B018 - the title's script never ran
        assert driver.find_elements(By.CSS_SELECTOR, "main b") == []

        driver.get(f"{base}/publications/{REFERENCE}")
        facts = [dt.text for dt in driver.find_elements(By.CSS_SELECTOR, "dl.facts dt")]
        assert facts[-1] == "Section 55 Response Deadline:"
        assert driver.find_element(By.ID, "deadline").text == "23 October 2025"
        _shot(driver, "publication.png", tmp_path)
        finding = driver.find_element(By.ID, "recommendation-1")
        summary = finding.find_element(By.CSS_SELECTOR, "details.register-status summary")
        assert summary.text == "Register: 43 awaiting review"
        driver.execute_script("arguments[0].scrollIntoView()", finding)
        summary.click()
        forces = finding.find_elements(By.CSS_SELECTOR, "details.register-status li")
        assert len(forces) == 43 and forces[0].text.endswith(": awaiting review")
        _shot(driver, "publication-findings.png", tmp_path)
        Select(driver.find_element(By.ID, "draft-force")).select_by_value("norfolk")
        driver.find_element(By.CSS_SELECTOR, "button[value=docx]").click()
        target = downloads / f"section55-response-{REFERENCE}-norfolk.docx"
        for _ in range(200):
            if target.exists() and not list(downloads.glob("*.crdownload")):
                break
            time.sleep(0.05)
        document = docx.Document(str(target))
        text = "\n".join(p.text for p in document.paragraphs)
        assert "How effectively do the police record crime?" in text
        assert "23 October 2025" in text


def test_writes_refused_without_the_secret_stored_and_audited_with_it(browser, store_copy, tmp_path) -> None:  # type: ignore[no-untyped-def]
    driver, _ = browser
    post = ("const f = document.createElement('form'); f.method = 'post';"
            "f.action = arguments[0];"
            "for (const [k, v] of Object.entries(arguments[1])) {"
            "  const i = document.createElement('input'); i.name = k; i.value = v; f.append(i); }"
            "document.body.append(f); f.submit();")
    with live_server(store_copy) as base:
        driver.get(f"{base}/publications/{REFERENCE}")
        assert driver.find_elements(By.ID, "respond") == []
        _navigate(driver, lambda: driver.execute_script(
            post, f"{base}/publications/{REFERENCE}/respond",
            {"force": "norfolk", "responded_on": "2025-10-02", "csrf": ""}))
        assert "403" in driver.find_element(By.TAG_NAME, "h1").text
        assert "read-only" in driver.find_element(By.CLASS_NAME, "error").text
    with live_server(store_copy, secret=SECRET) as base:
        driver.get(f"{base}/login")
        driver.find_element(By.ID, "name").send_keys("Office Tester")
        driver.find_element(By.ID, "secret").send_keys(SECRET)
        _navigate(driver, driver.find_element(By.CSS_SELECTOR, "main form button").click)
        assert "Signed in as Office Tester" in driver.find_element(By.TAG_NAME, "header").text
        driver.get(f"{base}/publications/{REFERENCE}")
        Select(driver.find_element(By.ID, "respond-force")).select_by_value("norfolk")
        day = driver.find_element(By.ID, "responded_on")
        driver.execute_script("arguments[0].value = '2025-10-02'", day)
        driver.find_element(By.ID, "response-url").send_keys("https://example.org/norfolk-response")
        _navigate(driver, driver.find_element(By.CSS_SELECTOR, "#respond button").click)
        assert "Response recorded for Norfolk" in _notice(driver)

        checklist = "#obligations tr[data-force=norfolk] a[href$='/checklist/norfolk']"
        _navigate(driver, driver.find_element(By.CSS_SELECTOR, checklist).click)
        assert driver.find_element(By.CSS_SELECTOR, "tr[data-step=published]").get_attribute(
            "class") == "done"  # the response ticked it
        Select(driver.find_element(By.ID, "step")).select_by_visible_text(
            "Sent to the Home Secretary (s.55(6))")
        driver.execute_script("arguments[0].value = '2025-10-03'",
                              driver.find_element(By.ID, "done_on"))
        driver.find_element(By.ID, "note").send_keys("emailed <to> the Home Office")
        _navigate(driver, driver.find_element(By.CSS_SELECTOR, "#tick-step button").click)
        assert "Step recorded: home_secretary" in _notice(driver)
        row = driver.find_element(By.CSS_SELECTOR, "tr[data-step=home_secretary]")
        assert row.get_attribute("class") == "done"
        assert "3 October 2025" in row.text and "emailed <to> the Home Office" in row.text
        _shot(driver, "checklist.png", tmp_path)

        driver.get(f"{base}/forces/norfolk")
        entry = driver.find_element(By.CSS_SELECTOR, "#open-register tbody tr")
        rid = entry.get_attribute("data-register")
        entry.find_element(By.CSS_SELECTOR, "details.update summary").click()
        Select(entry.find_element(By.NAME, "status")).select_by_value("being progressed")
        driver.execute_script("arguments[0].value = '2025-11-04'",
                              entry.find_element(By.NAME, "updated_on"))
        entry.find_element(By.NAME, "note").send_keys("action plan agreed")
        _navigate(driver, entry.find_element(By.TAG_NAME, "button").click)
        assert f"Status updated: {rid}" in _notice(driver)
        entry = driver.find_element(By.ID, rid)
        assert "being progressed (4 November 2025)" in \
            entry.find_element(By.CLASS_NAME, "register-status").text
        assert "4 November 2025: being progressed: action plan agreed" in entry.text
        driver.execute_script("window.scrollTo(0, 0)")
        _shot(driver, "force.png", tmp_path)
    engine = sa.create_engine(store_copy)
    with engine.connect() as conn:
        o = t.section55_obligations
        row = conn.execute(sa.select(o.c.responded_on, o.c.response_url, o.c.status).where(
            o.c.publication_id == REFERENCE, o.c.force_id == "norfolk")).one()
        audit = conn.execute(sa.select(t.audit.c.who, t.audit.c.action, t.audit.c.target)).all()
        st = t.obligation_steps
        step = conn.execute(sa.select(st.c.done_on, st.c.note, st.c.source).where(
            st.c.publication_id == REFERENCE, st.c.force_id == "norfolk",
            st.c.step == "home_secretary")).one()
        up = t.recommendation_updates
        update = conn.execute(sa.select(up.c.status, up.c.updated_on, up.c.note).where(
            up.c.register_id == rid)).one()
    engine.dispose()
    assert (step.done_on.isoformat(), step.note, step.source) == \
        ("2025-10-03", "emailed <to> the Home Office", "manual")
    assert (update.status, update.updated_on.isoformat(), update.note) == \
        ("being progressed", "2025-11-04", "action plan agreed")
    assert (row.responded_on.isoformat(), row.response_url, row.status) == \
        ("2025-10-02", "https://example.org/norfolk-response", "responded")
    assert [tuple(a) for a in audit] == [
        ("Office Tester", "respond", f"{REFERENCE}/norfolk"),
        ("Office Tester", "record_step", f"{REFERENCE}/norfolk/home_secretary"),
        ("Office Tester", "update_recommendation", rid)]
