"""What a browser test checks on any page: that a refused form says what is wrong where the user
will see it, and that every accessibility reference on the page points at something."""

from __future__ import annotations

from typing import Any

# Problems a person (or a screen reader) would meet on a page that refused a form.
_REFUSED_FORM_PROBLEMS = """() => {
  const problems = [];
  const summary = document.querySelector("[data-error-summary]");
  if (!summary) {
    problems.push("no error summary");
  } else if (document.activeElement !== summary) {
    problems.push("the focus is not on the error summary");
  }
  const linked = new Set();
  for (const link of document.querySelectorAll("[data-error-summary] a")) {
    const target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) {
      problems.push("the summary links to a missing " + link.getAttribute("href"));
    } else {
      linked.add(target.name || target.id);
    }
  }
  for (const field of document.querySelectorAll("[aria-invalid=true]")) {
    if (!linked.has(field.name || field.id)) {
      problems.push(`${field.name || field.id} is refused but not in the summary`);
    }
    if (field.closest("details:not([open])")) {
      problems.push(`${field.name || field.id} is refused inside a closed section`);
    }
    if (!field.getAttribute("aria-describedby") && !field.closest("fieldset[aria-describedby]")) {
      problems.push(`${field.name || field.id} is refused but its error is not linked to it`);
    }
  }
  return problems;
}"""

# References between elements that must resolve on every page.
_REFERENCE_PROBLEMS = """() => {
  const problems = [];
  for (const element of document.querySelectorAll("[aria-describedby], [aria-labelledby]")) {
    for (const attribute of ["aria-describedby", "aria-labelledby"]) {
      for (const id of (element.getAttribute(attribute) || "").split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) {
          const what = element.name || element.id || element.tagName;
          problems.push(`${what}: ${attribute} "${id}" does not exist`);
        }
      }
    }
  }
  const counts = new Map();
  for (const element of document.querySelectorAll("[id]")) {
    counts.set(element.id, (counts.get(element.id) || 0) + 1);
  }
  for (const [id, count] of counts) {
    if (count > 1) problems.push(`the id "${id}" is used ${count} times`);
  }
  return problems;
}"""


def refused_form_problems(page: Any) -> list[str]:
    """What is wrong with how the page presents a refused form (empty: nothing)."""
    return (
        list(page.evaluate(_REFUSED_FORM_PROBLEMS)) + reference_problems(page) + axe_findings(page)
    )


def reference_problems(page: Any) -> list[str]:
    return list(page.evaluate(_REFERENCE_PROBLEMS))


def desk_url(cast: Any, name: str, requester: str, *, nth: int = 0) -> str:
    """The URL of the `nth` GET row named `name` in the authorisation matrix, built on an
    object of the requester's own organisation (so a browser test visits real pages)."""
    from homeward.testing.endpoints import HTML_ENDPOINTS

    rows = [e for e in HTML_ENDPOINTS if e.name == name and e.method == "GET"]
    return rows[nth].url(cast, cast.org_of(requester), requester)


# Elements sticking out of the window on the right, outside any container that scrolls
# sideways on purpose (a wide table in its scroll wrapper).
_OVERFLOW = """() => {
  const width = window.innerWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  const culprits = [];
  for (const element of document.body.querySelectorAll("*")) {
    if (element.getBoundingClientRect().right <= width + 0.5) continue;
    let scrolled = false;
    for (let up = element.parentElement; up && !scrolled; up = up.parentElement) {
      scrolled = ["auto", "scroll", "hidden"].includes(getComputedStyle(up).overflowX);
    }
    if (scrolled) continue;
    const parent = element.parentElement;
    if (parent && parent.getBoundingClientRect().right > width + 0.5) continue;
    const right = Math.round(element.getBoundingClientRect().right);
    culprits.push(`${element.tagName.toLowerCase()}.${element.className}#${element.id} ${right}px`);
  }
  return [`${document.documentElement.scrollWidth}px wide in ${width}px`, ...culprits.slice(0, 5)];
}"""


def overflow(page: Any) -> list[str]:
    """Empty when the page fits the window's width; else its width and the elements that
    first stick out."""
    return list(page.evaluate(_OVERFLOW))


# axe's "needs review" kinds that the desk's refused forms once raised: an aria-describedby
# naming an element that did not exist, and one id given to two elements.
AXE_REVIEWED = {"duplicate-id-aria", "aria-valid-attr-value"}


def axe_findings(page: Any) -> list[str]:
    """axe-core's violations on the page as it is, and its "needs review" items of the kinds
    above (with the copy of axe-core that axe-playwright-python ships)."""
    from importlib.resources import files

    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(files("axe_playwright_python").joinpath("axe.min.js").read_text())
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations', 'incomplete']})")
    return [
        f"axe {item['id']}: {node['target']} {node.get('failureSummary', '')}"
        for kind in ("violations", "incomplete")
        for item in results[kind]
        if kind == "violations" or item["id"] in AXE_REVIEWED
        for node in item["nodes"]
    ]


# Sets every select, radio group and checkbox of a form away from what it shows (the last
# other option; a checkbox flipped; one more box of a group ticked), except the names given,
# and returns what it chose by name.
_CHOOSE_NON_DEFAULTS = """(form, keep) => {
  const chosen = {};
  for (const select of form.querySelectorAll("select")) {
    if (keep.includes(select.name)) continue;
    const others = [...select.options].filter((option) => option.value && !option.selected);
    if (!others.length) continue;
    others[others.length - 1].selected = true;
    if (!select.multiple) select.value = others[others.length - 1].value;
    select.dispatchEvent(new Event("change", {bubbles: true}));
    const values = [...select.selectedOptions].map((option) => option.value);
    chosen[select.name] = select.multiple ? values.sort() : values[0];
  }
  const groups = {};
  for (const input of form.querySelectorAll("input[type=radio], input[type=checkbox]")) {
    if (!keep.includes(input.name)) (groups[input.name] = groups[input.name] || []).push(input);
  }
  for (const [name, inputs] of Object.entries(groups)) {
    if (inputs.length === 1 && inputs[0].type === "checkbox") {
      inputs[0].checked = !inputs[0].checked;
      chosen[name] = inputs[0].checked;
      continue;
    }
    const unchecked = inputs.filter((input) => !input.checked);
    if (!unchecked.length) continue;
    unchecked[unchecked.length - 1].checked = true;
    const values = inputs.filter((input) => input.checked).map((input) => input.value);
    chosen[name] = inputs[0].type === "radio" ? values[0] : values.sort();
  }
  return chosen;
}"""


def choose_non_defaults(form: Any, *, keep: tuple[str, ...] = ()) -> dict[str, Any]:
    """Sets every select, radio group and checkbox of `form` (a locator) to a value it does
    not show yet, except the fields named in `keep` (set by the test itself, or dependent on
    another choice). Returns {field name: value, or sorted values, or checked}."""
    return dict(form.evaluate(_CHOOSE_NON_DEFAULTS, list(keep)))
