"""A real browser: headless Chromium (Debian's chromium and chromium-driver, through Selenium)
opens the home page, follows a stored question, asks it with another value through its form, and
finds the answer table. A screenshot of the answer is kept in the test's tmp folder
(benchmarks/screenshots.py copies one into benchmarks/screenshots/)."""

import shutil
import tempfile

import pytest

pytestmark = pytest.mark.slow

CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1280,1000")


@pytest.fixture
def browser(allow_address):
    if not shutil.which("chromium") or not shutil.which("chromedriver"):
        pytest.skip("needs Debian's chromium and chromium-driver (.ci/run installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    service = Service(CHROMEDRIVER, port=_driver_port(allow_address))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _driver_port(allow_address) -> int:
    from support import live

    port = live.free_port()
    for host in ("127.0.0.1", "localhost", "::1"):
        allow_address(host, port)
    return port


def test_a_chemist_asks_a_stored_question(browser, endpoint, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(endpoint + "/")
    assert "Questions" in browser.title
    browser.find_element(By.CSS_SELECTOR, 'a[href="/questions/water-resistant-shells"]').click()
    field = browser.find_element(By.NAME, "minDays")
    field.clear()
    field.send_keys("30")
    # The page already shows the answer at the defaults: wait until the form's page replaces it.
    before = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.CSS_SELECTOR, "form.parameters button").click()
    WebDriverWait(browser, 30).until(expected_conditions.staleness_of(before))
    WebDriverWait(browser, 30).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "#answer table.answer")))
    assert "minDays=30" in browser.current_url
    table = browser.find_element(By.CSS_SELECTOR, "#answer table.answer")
    rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")
    cells = [c.text for c in rows[0].find_elements(By.TAG_NAME, "td")]
    # Table 1, row 6: CsPbBr3/TiO2 core/shell, "Remnant PL 85% after 84 days water treatment", ref. 29.
    assert len(rows) == 1
    assert cells[1:4] == ["TiO2", "85", "84"] and cells[-1] == "29"
    link = rows[0].find_element(By.TAG_NAME, "a")
    assert link.get_attribute("href").endswith("/resource/hs-CsPbBr3-TiO2-coreshell-ref29")
    assert browser.save_screenshot(str(tmp_path / "water-resistant-shells.png"))
    link.click()
    assert "CsPbBr3/TiO2" in browser.find_element(By.TAG_NAME, "h1").text
