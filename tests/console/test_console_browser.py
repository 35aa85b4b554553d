"""The hub's web console in a real browser (Debian's chromium through chromium-driver and
Selenium), against the real hub over SQLite and PostgreSQL: each role signs in, a birth
application goes through its four departments in the browser while the kiosk sees its
progress, another unit cannot open it, a POST without the CSRF token is refused, and the
supervision page counts what the test made. Screenshots go to out/console/."""

from __future__ import annotations

import itertools
import re
import shutil
import time
from pathlib import Path

import pytest
import requests
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from tests.hub.data import submitted
from tests.hub.fixtures import *  # noqa: F403

FLOW = ["midwifery", "police", "medical-insurance", "hrss"]
PASSWORD = "a long enough password"
SHOTS = Path(__file__).resolve().parents[2] / "out" / "console"
_names = itertools.count(1)


def _driver_path() -> str | None:
    return shutil.which("chromedriver") or (
        "/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None
    )


@pytest.fixture(scope="module")
def browser():
    driver_path = _driver_path()
    if driver_path is None:
        pytest.fail("chromium-driver is not installed (scripts/setup.sh installs it)")
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1366,768"):
        options.add_argument(arg)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    yield driver
    driver.quit()


def _user(hub, role: str, unit: str = "") -> str:
    login = f"{role}{next(_names)}"
    hub.admin(
        "POST",
        "/admin/console-users",
        json={"login": login, "role": role, "unit": unit, "password": PASSWORD},
    )
    return login


def _wait(driver, css: str):
    return WebDriverWait(driver, 20).until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def _sign_in(driver, hub, login: str) -> None:
    driver.delete_all_cookies()
    driver.get(f"{hub.url}/console/sign-in")
    driver.find_element(By.ID, "login").send_keys(login)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.ID, "submit").click()
    _wait(driver, "#who")


def _shot(driver, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / f"{name}.png"))


def test_a_birth_application_through_four_departments_in_the_browser(browser, hub, kiosk):
    number = submitted(kiosk)["acceptance_number"]
    clerks = {unit: _user(hub, "clerk", unit) for unit in FLOW}
    outsider = _user(hub, "clerk", "police")
    for step, unit in enumerate(FLOW):
        _sign_in(browser, hub, clerks[unit])
        row = _wait(browser, f'tr[data-number="{number}"]')
        if step == 0:
            _shot(browser, f"queue-{(hub.db_url and 'pg') or 'sqlite'}")
            # The next unit cannot open it yet (its task waits), by the address either.
        row.find_element(By.CSS_SELECTOR, "button.claim").click()
        try:
            _wait(browser, "#complete")
        except Exception:
            print(browser.current_url, browser.page_source[-1500:])
            raise
        task_url = browser.current_url.split("?")[0]
        if step == 0:
            assert "3301" not in browser.find_element(By.ID, "applicant").text[6:14]
            # Numbers in the form are masked like the applicant's, until the clerk who
            # claimed it asks for them (and that is in the audit log).
            assert "13800138000" not in browser.find_element(By.ID, "form").text
            browser.find_element(By.ID, "reveal").click()
            _wait(browser, "#revealed")
            assert "13800138000" in browser.find_element(By.ID, "form").text
            _shot(browser, "application")
            _sign_in(browser, hub, outsider)
            browser.get(task_url)
            assert _wait(browser, "#message").text in ("没有找到", "Not found")
            _sign_in(browser, hub, clerks[unit])
            browser.get(task_url)
            _wait(browser, "#complete")
        browser.find_element(By.ID, "note").send_keys(f"done by {unit}")
        browser.find_element(By.ID, "complete").click()
        _wait(browser, "#message")
        assert kiosk.get(f"/applications/{number}").json()["state"] in (
            "in_progress",
            "completed",
        )
    # The last department's completion reaches the application's state a moment after the page
    # says so (the workflow's own transaction): wait for it rather than race it.
    deadline = time.monotonic() + 30
    while kiosk.get(f"/applications/{number}").json()["state"] != "completed":
        assert time.monotonic() < deadline, "the application never reached 'completed'"
        time.sleep(0.2)

    supervisor = _user(hub, "supervisor")
    _sign_in(browser, hub, supervisor)
    browser.get(f"{hub.url}/console/supervision")
    _wait(browser, 'body[data-charts="ready"]')
    row = browser.find_element(By.CSS_SELECTOR, '#by-onething tr[data-key="birth"]')
    assert int(row.find_element(By.CSS_SELECTOR, ".completed").text) >= 1
    _shot(browser, "supervision")
    browser.get(f"{hub.url}/console/audit")
    _wait(browser, "#audit")
    assert "complete" in browser.find_element(By.ID, "audit").text
    assert "reveal" in browser.find_element(By.ID, "audit").text

    admin = _user(hub, "admin")
    kiosk.post(
        "/kiosks/heartbeat",
        json={
            "app_version": "1",
            "outbox_pending": 0,
            "devices": [{"name": "printer", "status": "ready"}],
        },
    )
    _sign_in(browser, hub, admin)
    browser.get(f"{hub.url}/console/fleet")
    _wait(browser, f'tr[data-kiosk="{kiosk.name}"]')
    _shot(browser, "fleet")
    browser.set_window_size(390, 844)  # a phone
    browser.get(f"{hub.url}/console/fleet")
    _wait(browser, "#fleet")
    _shot(browser, "fleet-phone")
    browser.set_window_size(1366, 768)


def test_a_post_without_the_csrf_token_is_refused(hub):
    login = _user(hub, "clerk", "midwifery")
    http = requests.Session()
    page = http.get(f"{hub.url}/console/sign-in", timeout=30)
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    # Without the form's token the sign-in itself is refused.
    refused = http.post(
        f"{hub.url}/console/sign-in", data={"login": login, "password": PASSWORD}, timeout=30
    )
    assert "error=expired_form" in refused.url
    signed = http.post(
        f"{hub.url}/console/sign-in",
        data={"login": login, "password": PASSWORD, "csrf": csrf},
        timeout=30,
    )
    assert signed.url.endswith("/console/queue")
    assert http.post(f"{hub.url}/console/tasks/1/claim", timeout=30).status_code == 403


def test_sign_in_attempts_are_bounded(hub):
    login = _user(hub, "clerk", "hrss")
    http = requests.Session()
    for _ in range(5):
        page = http.get(f"{hub.url}/console/sign-in", timeout=30)
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
        http.post(
            f"{hub.url}/console/sign-in",
            data={"login": login, "password": "wrong password!", "csrf": csrf},
            timeout=30,
        )
    page = http.get(f"{hub.url}/console/sign-in", timeout=30)
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    locked = http.post(
        f"{hub.url}/console/sign-in",
        data={"login": login, "password": PASSWORD, "csrf": csrf},
        timeout=30,
    )
    assert "error=locked" in locked.url


def _signed_in(hub, login: str, password: str = PASSWORD) -> requests.Session:
    http = requests.Session()
    page = http.get(f"{hub.url}/console/sign-in", timeout=30)
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    http.post(
        f"{hub.url}/console/sign-in",
        data={"login": login, "password": password, "csrf": csrf},
        timeout=30,
    )
    return http


def test_an_admin_with_totp_opens_nothing_until_the_code_is_given(hub):
    import pyotp

    login = f"totp{next(_names)}"
    made = hub.admin(
        "POST",
        "/admin/console-users",
        json={"login": login, "role": "admin", "password": PASSWORD, "totp": True},
    )
    secret = pyotp.parse_uri(made["totp_uri"]).secret
    http = _signed_in(hub, login)
    assert http.get(f"{hub.url}/console/fleet", timeout=30).url.endswith("/console/totp")
    page = http.get(f"{hub.url}/console/totp", timeout=30)
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    wrong = http.post(f"{hub.url}/console/totp", data={"code": "000000", "csrf": csrf}, timeout=30)
    assert "error=wrong_code" in wrong.url
    right = http.post(
        f"{hub.url}/console/totp",
        data={"code": pyotp.TOTP(secret).now(), "csrf": csrf, "next": "/console/fleet"},
        timeout=30,
    )
    assert right.url.endswith("/console/fleet") and "终端设备运行情况" in right.text


def test_english_and_a_disabled_user_is_signed_out_at_once(hub):
    login = _user(hub, "supervisor")
    http = _signed_in(hub, login)
    http.get(f"{hub.url}/console/lang?to=en&next=/console/supervision", timeout=30)
    page = http.get(f"{hub.url}/console/supervision", timeout=30)
    assert "Supervision (T/ZAS 4009.1 §8.3)" in page.text
    assert http.get(f"{hub.url}/console/fleet", timeout=30).status_code == 403
    hub.admin("POST", f"/admin/console-users/{login}/disable")
    assert "/console/sign-in" in http.get(f"{hub.url}/console/supervision", timeout=30).url


def test_the_fleet_page_shows_a_kiosk_waiting_for_help(hub, kiosk):
    login = _user(hub, "admin")
    http = _signed_in(hub, login)
    assert kiosk.post("/help", json={"screen": "form", "waited_s": 30}).status_code == 201
    page = http.get(f"{hub.url}/console/fleet", timeout=30)
    assert page.status_code == 200
    row = page.text.split(f'data-kiosk="{kiosk.name}"', 1)[1].split("</tr>\n</table>", 1)[0]
    assert '<span class="badge bad">1</span>' in page.text.split(f'data-kiosk="{kiosk.name}"')[1]
    assert row


def test_the_fleet_page_shows_a_fleet_configuration_a_kiosk_refused(hub, kiosk):
    login = _user(hub, "admin")
    http = _signed_in(hub, login)
    beat = {"app_version": "t", "outbox_pending": 0, "config_version": "3 (0a1b2c3d)"}
    error = "RepositoryError: targets.json is expired"
    assert kiosk.post("/kiosks/heartbeat", json={**beat, "config_error": error}).status_code == 204
    page = http.get(f"{hub.url}/console/fleet", timeout=30)
    row = page.text.split(f'data-kiosk="{kiosk.name}"', 1)[1].split("\n</tr>", 1)[0]
    assert "3 (0a1b2c3d)" in row and "中心配置未用上" in row and error in row
