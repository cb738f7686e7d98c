"""The risk factors fit the page in every language: at 1,366 px in German no box is cut off
and nothing scrolls sideways, and at 390 px every box of every row keeps a visible label."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

import pytest

from homeward.testing.browser import sign_in
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast
from homeward.testing.pages import overflow

pytestmark = pytest.mark.browser

# Every box of the factor rows: sticking out of its row (cut off, or reached only by
# scrolling sideways), or with a label that is not visible beside it.
_BOX_PROBLEMS = """() => {
  const problems = [];
  for (const row of document.querySelectorAll("fieldset.factor-row, .factors tbody tr")) {
    const bounds = row.getBoundingClientRect();
    for (const box of row.querySelectorAll("input, select")) {
      const r = box.getBoundingClientRect();
      const outside = r.left < bounds.left - 0.5 || r.right > bounds.right + 0.5;
      if (outside || r.right > window.innerWidth) {
        problems.push(`${box.name} cut off: ${Math.round(r.left)}-${Math.round(r.right)}px`);
      }
      const label = document.querySelector(`label[for="${box.id}"]`);
      const l = label && label.getBoundingClientRect();
      if (!l || l.width < 8 || l.height < 8 || !label.checkVisibility()) {
        problems.push(`${box.name} has no visible label`);
      }
    }
  }
  return problems;
}"""


@pytest.mark.parametrize(("language", "width"), [("de", 1366), ("de", 390), ("en", 390)])
def test_every_factor_box_is_whole_and_labelled(
    page: Any, cast_live: Cast, language: str, width: int
) -> None:
    case = make_case(cast_live)
    sign_in(page, "be_operator@cast.test")
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": urljoin(page.url, "/")}]
    )
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"/cases/{case.pk}/risk/")
    assert page.evaluate("document.documentElement.lang") == language
    assert page.locator("[name='factor-3-observed_at']").count() == 1
    assert page.evaluate(_BOX_PROBLEMS) == []
    assert overflow(page) == []
    wrapper = page.locator(".factors .table-scroll")
    if wrapper.count():  # a table that scrolls inside its own box hides what is past its edge
        assert wrapper.evaluate("e => e.scrollWidth <= e.clientWidth")
