"""The site in a real browser: headless Chromium (Debian's ``chromium`` and
``chromium-driver``), driven by Selenium.

The site is opened from its folder (``file://``): the issue asks for a site that works
offline from the folder, and that is the stricter case (a page may not fetch the search
index, and the Content-Security-Policy's 'self' must still let the stylesheet and
scripts in).  The pages are also served once by ``python -m http.server`` on 127.0.0.1
and a free port, as a web server would, which the test starts and stops by its process.
Nothing is downloaded: without Chromium, its driver or Selenium the tests skip and say
which is missing (install with the command in the README).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import stop

selenium = pytest.importorskip("selenium", reason="selenium is not installed (pip install "
                               "-e '.[test]')")
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver") or (
    "/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None)
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER),
    reason="headless Chromium is not installed: apt-get install -y chromium chromium-driver "
           f"(chromium: {CHROMIUM or 'missing'}, chromedriver: {DRIVER or 'missing'})")

# One page of every kind, with claims and decisions among them.
PAGES = ("index.html", "person/vladimir-putin.html", "state/north-korea.html",
         "visit/putin-2024-vietnam.html", "visit/putin-2024-north-korea.html",
         "agreement/russia-north-korea-2024-agreement.html",
         "source/cnn-2024-06-putin-pyongyang.html", "place/pyongyang.html",
         "between/north-korea--russia.html", "list/people.html", "list/visits.html",
         "list/visits-2020s.html", "ontology/index.html", "ontology/classes.html",
         "ontology/properties.html", "ontology/vocabulary.html")


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--window-size=1280,900",
                     "--no-first-run", "--disable-extensions"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def served(corpus_site):
    """The site served over HTTP on 127.0.0.1 and a free port: its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
         "--directory", str(corpus_site)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "index.html", timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield base
    finally:
        stop(server)


def errors(driver) -> list[dict]:
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def open_page(driver, url: str) -> None:
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(url)
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script("return document.readyState") == "complete")


@pytest.mark.parametrize("how", ["file", "http"])
def test_every_kind_of_page_opens_without_console_errors(browser, corpus_site, served, how):
    base = corpus_site.as_uri() + "/" if how == "file" else served
    for page in PAGES:
        open_page(browser, base + page)
        assert browser.find_elements(By.TAG_NAME, "h1"), page
        # the stylesheet applied (the policy let it in): the header has its colour
        colour = browser.find_element(By.CSS_SELECTOR, "header.site").value_of_css_property(
            "background-color")
        assert colour in ("rgba(18, 53, 91, 1)", "rgb(18, 53, 91)"), (page, colour)
        for image in browser.find_elements(By.TAG_NAME, "img"):
            assert browser.execute_script("return arguments[0].naturalWidth", image) > 0, page
        assert errors(browser) == [], (how, page)


def search(driver, words: str) -> list[tuple[str, str]]:
    box = driver.find_element(By.ID, "search-box")
    box.clear()
    box.send_keys(words)
    WebDriverWait(driver, 10).until(
        lambda d: d.find_element(By.ID, "search-status").text.strip())
    return [(link.text, link.get_attribute("href"))
            for link in driver.find_elements(By.CSS_SELECTOR, "#search-results a")]


@pytest.mark.parametrize("how", ["file", "http"])
def test_the_search_finds_kim_jong_il_by_his_other_spelling(browser, corpus_site, served, how):
    base = corpus_site.as_uri() + "/" if how == "file" else served
    open_page(browser, base + "index.html")
    found = search(browser, "Kim Jong-il")
    assert found and found[0][0] == "Kim Jong Il"
    assert found[0][1].endswith("/person/kim-jong-il.html")
    # folded as diplokg compares names: no case, accents or punctuation
    assert search(browser, "kim jong il")[0][0] == "Kim Jong Il"
    assert "Vladimir Putin" in [name for name, _ in search(browser, "putin")]
    assert search(browser, "no such name at all") == []
    assert "0 found" in browser.find_element(By.ID, "search-status").text
    search(browser, "Kim Jong-il")
    browser.find_element(By.CSS_SELECTOR, "#search-results a").click()
    WebDriverWait(browser, 10).until(lambda d: d.title.startswith("Kim Jong Il"))
    assert errors(browser) == []


# Where in the window a drawn line of an SVG is, halfway along it and ``off`` pixels to
# its side (the centre of its bounding box may be nowhere near a curve).
BESIDE_THE_LINE = """
const path = arguments[0], off = arguments[1];
path.scrollIntoView({block: "center"});
const half = path.getTotalLength() / 2, matrix = path.getScreenCTM();
const screen = (p) => new DOMPoint(p.x, p.y).matrixTransform(matrix);
const at = screen(path.getPointAtLength(half)), on = screen(path.getPointAtLength(half + 1));
const dx = on.x - at.x, dy = on.y - at.y, length = Math.hypot(dx, dy) || 1;
return [at.x - dy / length * off, at.y + dx / length * off];
"""
MIDDLE = """
arguments[0].scrollIntoView({block: "center"});
const box = arguments[0].getBoundingClientRect();
return [box.left + box.width / 2, box.top + box.height / 2];
"""


def click_at(driver, point: list[float]) -> None:
    """A real click at a point of the window: what is drawn there takes it."""
    actions = ActionChains(driver)
    actions.w3c_actions.pointer_action.move_to_location(round(point[0]), round(point[1]))
    actions.w3c_actions.pointer_action.click()
    actions.perform()


def test_the_networks_states_and_arrows_are_links(browser, corpus_site):
    base = corpus_site.as_uri() + "/"
    open_page(browser, base + "index.html")
    line = browser.find_element(
        By.CSS_SELECTOR, 'figure.network a.arrow[href="between/north-korea--russia.html"] .line')
    # beside the line, not on it: its wider, unseen stroke takes the click
    click_at(browser, browser.execute_script(BESIDE_THE_LINE, line, 4))
    WebDriverWait(browser, 10).until(lambda d: d.title.startswith("North Korea and Russia"))
    assert browser.current_url == base + "between/north-korea--russia.html"
    open_page(browser, base + "state/north-korea.html")
    dot = browser.find_element(
        By.CSS_SELECTOR, 'figure.network a.state[href="../state/russia.html"] circle')
    click_at(browser, browser.execute_script(MIDDLE, dot))
    WebDriverWait(browser, 10).until(lambda d: d.title.startswith("Russia ·"))
    assert browser.current_url == base + "state/russia.html"
    assert errors(browser) == []


def test_pages_fit_a_phone_screen(browser, corpus_site):
    browser.set_window_size(390, 844)
    try:
        for page in ("person/vladimir-putin.html", "visit/putin-2024-vietnam.html",
                     "state/russia.html"):
            open_page(browser, corpus_site.as_uri() + "/" + page)
            wide = browser.execute_script(
                "return document.documentElement.scrollWidth - window.innerWidth")
            assert wide <= 0, (page, wide)
    finally:
        browser.set_window_size(1280, 900)


def test_a_screenshot_of_a_person_page_for_review(browser, corpus_site, tmp_path_factory):
    open_page(browser, corpus_site.as_uri() + "/person/vladimir-putin.html")
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1280, min(height + 100, 6000))
    try:
        shot = tmp_path_factory.getbasetemp() / "screenshots" / "vladimir-putin.png"
        shot.parent.mkdir(exist_ok=True)
        assert browser.save_screenshot(str(shot))
    finally:
        browser.set_window_size(1280, 900)
    assert shot.stat().st_size > 10_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    print(f"screenshot of Vladimir Putin's page: {shot}")
