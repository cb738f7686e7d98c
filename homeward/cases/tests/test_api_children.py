"""Children through the REST API: field-level rules (photo, medical), audited reads, photos,
repeat episodes and name search."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.client import MULTIPART_CONTENT, encode_multipart
from django.test.utils import CaptureQueriesContext
from PIL import Image

from homeward.audit.models import AuditEvent
from homeward.cases import actions
from homeward.cases.models import Child
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db

API = "/api/v1"
BOUNDARY = "HomewardTestBoundary"
RESTRICTED = {"photo_url", "vulnerabilities", "medical_notes"}


@pytest.fixture
def photos(settings: Any, tmp_path: Path) -> Iterator[Path]:
    """Children's photos go to a temporary private directory for the test."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    yield tmp_path


def _jpeg(colour: str = "orange") -> bytes:
    data = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(data, format="JPEG")
    return data.getvalue()


def _upload(client: Client, child_id: int, content: bytes, name: str = "photo.jpg") -> Any:
    body = encode_multipart(
        BOUNDARY, {"photo": SimpleUploadedFile(name, content, content_type="image/jpeg")}
    )
    return client.put(
        f"{API}/children/{child_id}/photo",
        body,
        content_type=MULTIPART_CONTENT.replace("BoUnDaRyStRiNg", BOUNDARY),
    )


def _child_with_medical_notes(cast: Cast) -> Child:
    child = make_case(cast).case_children.get().child
    supervisor = cast.member("be_supervisor")
    return actions.update_child(
        membership=supervisor,
        child=child,
        changes={"medical_notes": "Needs insulin twice a day.", "vulnerabilities": ["diabetes"]},
    )


@pytest.mark.parametrize(
    ("member", "sees_photo", "sees_medical"),
    [
        ("be_operator", True, False),
        ("be_supervisor", True, True),
        ("be_dpo", False, False),
    ],
)
def test_each_role_sees_the_fields_the_permission_table_allows(
    cast: Cast, photos: Path, member: str, sees_photo: bool, sees_medical: bool
) -> None:
    child = _child_with_medical_notes(cast)
    operator = cast.member("be_operator")
    upload = SimpleUploadedFile("p.jpg", _jpeg(), content_type="image/jpeg")
    actions.set_child_photo(membership=operator, child=child, upload=upload)

    response = cast.client(member).get(f"{API}/children/{child.pk}")
    assert response.status_code == 200
    body = response.json()
    # restricted fields are always present: null when withheld, and then named in "withheld"
    assert set(body) >= RESTRICTED
    withheld = set(body["withheld"])
    assert (body["photo_url"] == f"{API}/children/{child.pk}/photo") is sees_photo
    assert ("photo_url" in withheld) is not sees_photo
    if sees_medical:
        assert body["medical_notes"] == "Needs insulin twice a day."
        assert body["vulnerabilities"] == ["diabetes"]
    else:
        assert body["medical_notes"] is None and body["vulnerabilities"] is None
        assert {"medical_notes", "vulnerabilities"} <= withheld
    assert body["given_names"] == "Lena" and body["birth_date"] == "2011-03-14"

    download = cast.client(member).get(f"{API}/children/{child.pk}/photo")
    assert download.status_code == (200 if sees_photo else 403)
    reads = AuditEvent.objects.filter(action="cases.child.read", object_id=str(child.pk))
    assert reads.count() == 1
    event = reads.get()
    assert event.actor_id == cast.user(member).pk
    assert ("medical_notes" in event.fields) is sees_medical
    assert ("photo" in event.fields) is sees_photo


def test_every_child_read_is_in_the_audit_trail(cast: Cast) -> None:
    child = make_case(cast).case_children.get().child
    client = cast.client("be_operator")
    for _ in range(3):
        assert client.get(f"{API}/children/{child.pk}").status_code == 200
    events = AuditEvent.objects.filter(action="cases.child.read", object_id=str(child.pk))
    assert events.count() == 3
    assert {e.organisation_id for e in events} == {cast.be.pk}


def test_a_photo_is_uploaded_and_downloaded_only_with_the_permission(
    cast: Cast, photos: Path
) -> None:
    child = make_case(cast).case_children.get().child
    operator, dpo = cast.client("be_operator"), cast.client("be_dpo")
    assert client_get(operator, f"/children/{child.pk}/photo").status_code == 404  # none yet

    uploaded = _upload(operator, child.pk, _jpeg())
    assert uploaded.status_code == 200, uploaded.content
    assert uploaded.json()["photo_url"] == f"{API}/children/{child.pk}/photo"
    assert list(photos.rglob("*.jpg"))

    download = client_get(operator, f"/children/{child.pk}/photo")
    assert download.status_code == 200
    assert download["Content-Type"] == "image/jpeg"
    assert "no-store" in download["Cache-Control"]
    assert Image.open(io.BytesIO(download.content)).size == (40, 30)
    read = AuditEvent.objects.get(action="cases.child.photo_read")
    assert read.object_id == str(child.pk) and read.actor_id == cast.user("be_operator").pk

    assert client_get(dpo, f"/children/{child.pk}/photo").status_code == 403
    assert _upload(dpo, child.pk, _jpeg()).status_code == 403
    assert AuditEvent.objects.filter(action="cases.child.photo_read").count() == 1
    fr = cast.client("fr_operator")
    assert client_get(fr, f"/children/{child.pk}/photo").status_code == 404
    assert _upload(fr, child.pk, _jpeg()).status_code == 404


def test_a_photo_that_is_too_large_names_the_field(cast: Cast, photos: Path, settings: Any) -> None:
    settings.PHOTO_MAX_BYTES = 100
    child = make_case(cast).case_children.get().child
    response = _upload(cast.client("be_operator"), child.pk, _jpeg())
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["photo"]


def test_a_photo_that_is_not_an_image_names_the_field(cast: Cast, photos: Path) -> None:
    child = make_case(cast).case_children.get().child
    operator = cast.client("be_operator")
    response = _upload(operator, child.pk, b"%PDF-1.4 not a photo", "photo.pdf")
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["photo"]
    json_body = operator.put(
        f"{API}/children/{child.pk}/photo", {}, content_type="application/json"
    )
    assert [e["field"] for e in json_body.json()["errors"]] == ["photo"]
    child.refresh_from_db()
    assert not child.photo


def test_medical_fields_are_changed_by_the_supervisor_only(cast: Cast) -> None:
    child = make_case(cast).case_children.get().child
    url = f"{API}/children/{child.pk}"
    operator, supervisor = cast.client("be_operator"), cast.client("be_supervisor")
    refused = operator.patch(url, {"medical_notes": "asthma"}, content_type="application/json")
    assert refused.status_code == 403
    changed = operator.patch(
        url,
        {"living_situation": "With her mother.", "nationalities": ["be", "MA"]},
        content_type="application/json",
    )
    assert changed.status_code == 200
    assert changed.json()["nationalities"] == ["BE", "MA"]
    assert changed.json()["medical_notes"] is None
    done = supervisor.patch(
        url,
        {"medical_notes": "asthma", "vulnerabilities": ["asthma"]},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["medical_notes"] == "asthma"
    unknown = operator.patch(url, {"eye_colour": "green"}, content_type="application/json")
    assert unknown.status_code == 422
    assert [e["field"] for e in unknown.json()["errors"]] == ["eye_colour"]
    half = operator.patch(
        url, {"birth_precision": "estimated", "estimated_age": 12}, content_type="application/json"
    )
    assert half.status_code == 422
    assert [e["field"] for e in half.json()["errors"]] == ["age_estimated_on"]


def test_other_names_and_repeat_episodes_show_on_the_child(cast: Cast) -> None:
    first = make_case(cast)
    child = first.case_children.get().child
    operator = cast.client("be_operator")
    named = operator.post(
        f"{API}/children/{child.pk}/names",
        {"value": "Лена Тест", "kind": "other_form", "source": "Ukrainian passport"},
        content_type="application/json",
    )
    assert named.status_code == 201 and named.json()["value"] == "Лена Тест"
    assert (
        operator.post(
            f"{API}/children/{child.pk}/names", {"value": " "}, content_type="application/json"
        ).status_code
        == 422
    )

    second = operator.post(
        f"{API}/cases",
        {"category": "runaway", "children": [{"existing_child_id": child.pk, "clothing": "blue"}]},
        content_type="application/json",
    )
    assert second.status_code == 201, second.content
    assert [c["id"] for c in second.json()["children"]] == [child.pk]

    body = operator.get(f"{API}/children/{child.pk}").json()
    assert [n["value"] for n in body["other_names"]] == ["Лена Тест"]
    assert [e["case_id"] for e in body["episodes"]] == [first.pk, second.json()["id"]]
    assert body["episodes"][1]["clothing"] == "blue"
    assert {"case_id", "reference", "status", "reported_at"} <= set(body["episodes"][0])


def test_name_search_ranks_children_with_reasons(cast: Cast) -> None:
    make_case(cast, children=[{"given_names": "Oleksandr", "family_name": "Shevchenko"}])
    make_case(cast, children=[{"given_names": "Maria", "family_name": "Dubois"}])
    make_case(cast, cast.fr, children=[{"given_names": "Oleksandr", "family_name": "Shevchenko"}])
    client = cast.client("be_dpo")
    response = client.get(f"{API}/search/children?q=Aleksandr Shevchenko")
    assert response.status_code == 200, response.content
    matches = response.json()
    assert matches, "the spelling variant finds the child"
    best = matches[0]
    assert best["child"]["given_names"] == "Oleksandr"
    assert isinstance(best["score"], float) and best["reasons"]
    assert len(best["cases"]) == 1 and best["cases"][0]["reference"].startswith("BE-")
    assert all(m["child"]["given_names"] != "Maria" for m in matches)
    assert client.get(f"{API}/search/children").status_code == 422
    assert cast.client("be_admin").get(f"{API}/search/children?q=Maria").status_code == 403


def test_name_search_queries_do_not_grow_with_the_results(
    cast: Cast, django_assert_max_num_queries: Any
) -> None:
    """Each result shows the child's other names and every case of the child: a search finding
    13 children, two cases each, takes no more queries than one finding a single child."""
    client = cast.client("be_operator")

    def search_lena() -> list[dict[str, Any]]:
        response = client.get(f"{API}/search/children?q=Lena")
        assert response.status_code == 200, response.content
        found: list[dict[str, Any]] = response.json()
        return found

    lena = {"given_names": "Lena", "family_name": "Peeters", "other_names": ["Leentje"]}
    make_case(cast, children=[lena])
    search_lena()  # once before counting: the token records when it was last used
    with CaptureQueriesContext(connection) as one_result:
        assert len(search_lena()) == 1
    for i in range(12):
        case = make_case(
            cast,
            children=[
                {**lena, "family_name": f"Peeters{'s' * i}", "other_names": ["Leentje", "Lenaatje"]}
            ],
        )
        make_case(cast, children=[{"existing_child": case.case_children.get().child}])
    with django_assert_max_num_queries(len(one_result)):
        found = search_lena()
    assert len(found) == 13
    assert sum(len(match["cases"]) for match in found) == 25
    assert sum(len(match["child"]["other_names"]) for match in found) == 25


def test_likely_existing_children_are_offered_before_opening_a_case(cast: Cast) -> None:
    make_case(
        cast,
        children=[
            {
                "given_names": "Lena",
                "family_name": "Test",
                "birth_year": 2011,
                "birth_precision": "year",
            }
        ],
    )
    response = cast.client("be_operator").get(
        f"{API}/search/likely-existing?given_names=Lena&family_name=Test&birth_year=2011"
    )
    assert response.status_code == 200, response.content
    matches = response.json()
    assert [m["child"]["family_name"] for m in matches][:1] == ["Test"]
    assert matches[0]["cases"][0]["status"] == "open"
    fr = cast.client("fr_operator").get(
        f"{API}/search/likely-existing?given_names=Lena&family_name=Test"
    )
    assert fr.status_code == 200 and fr.json() == []


def client_get(client: Client, path: str) -> Any:
    return client.get(f"{API}{path}")
