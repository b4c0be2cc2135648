import pytest

PUBLIC_PAGES = [
    "/",
    "/accessibility",
    "/privacy",
    "/cookies",
    "/contact",
    "/advice",
    "/find-support",
    "/planner",
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_is_sound_and_branded(pages, url):
    page = pages.get(url)
    assert page.title.string.strip().endswith("\N{EN DASH} Dorset Care Guide")
    assert page.select_one(".dcg-header__name").get_text(strip=True) == "Dorset Care Guide"
    assert page.select_one(".govuk-phase-banner .govuk-tag").get_text(strip=True) == "Beta"
    assert page.select_one("a.govuk-skip-link")["href"] == "#main-content"
    assert page.select_one("main#main-content")
    # Our own brand: no crown and no GOV.UK branding anywhere.
    assert not page.select(".govuk-header__logotype, .govuk-footer__copyright-logo")
    assert "Crown copyright" not in page.get_text()
    assert "GOV.UK" not in page.get_text()


def test_service_navigation_has_the_four_sections_and_marks_the_current_one(pages):
    page = pages.get("/find-support")
    links = page.select(".govuk-service-navigation__link")
    assert [link.get_text(strip=True) for link in links] == [
        "Ageing well",
        "Day opportunities",
        "Find support",
        "Plan care costs",
    ]
    current = page.select('.govuk-service-navigation__link[aria-current="true"]')
    assert [link.get_text(strip=True) for link in current] == ["Find support"]


def test_footer_links_to_the_sites_own_pages(pages):
    page = pages.get("/")
    footer_links = {a.get_text(strip=True): a["href"] for a in page.select("footer a")}
    assert footer_links == {
        "Accessibility statement": "/accessibility",
        "Privacy notice": "/privacy",
        "Cookies": "/cookies",
        "Contact": "/contact",
    }


def test_home_page_leads_to_the_three_jobs(pages):
    page = pages.get("/")
    jobs = {a.get_text(strip=True): a["href"] for a in page.select("main h2 a")}
    assert jobs == {
        "Read advice": "/advice",
        "Find support near you": "/find-support",
        "Plan care costs": "/planner",
    }


def test_cookies_page_lists_the_only_cookie_the_site_sets(pages, app):
    page = pages.get("/cookies")
    cells = [td.get_text(strip=True) for td in page.select("tbody td")]
    assert cells[0] == app.config["SESSION_COOKIE_NAME"]


def test_no_page_loads_anything_from_another_host(pages):
    for url in PUBLIC_PAGES:
        page = pages.get(url)
        for element in page.select("script[src], link[href], img[src]"):
            address = element.get("src") or element.get("href")
            assert address.startswith("/"), f"{url} loads {address}"


def test_static_assets_are_served(client, pages):
    home = pages.get("/")
    linked = [e.get("href") or e.get("src") for e in home.select("link[href], script[src]")]
    assert len(linked) == 4
    for address in linked:
        assert client.get(address).status_code == 200, address
    # Asked for at the root by browsers and bookmarks whatever a page links: the same icon.
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200
    assert icon.mimetype in ("image/x-icon", "image/vnd.microsoft.icon")
    linked_icon = home.select_one("link[rel=icon][sizes]")["href"]
    assert icon.get_data() == client.get(linked_icon).get_data()
    for asset in ("application.css", "js/application.js"):
        response = client.get(f"/static/{asset}")
        assert response.status_code == 200, asset
    css = client.get("/static/application.css").get_data(as_text=True)
    assert "GDS Transport" not in css
    assert "@font-face" not in css
