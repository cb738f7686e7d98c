"""The public directory: search by country, city, kind and language, the reader's translation,
the HSDS exports and API, no cookie, a light page."""

from __future__ import annotations

import csv
import io
import json

from django.test import Client

from homeward.directories.choices import State
from homeward.directories.hsds import CSV_COLUMNS
from homeward.directories.models import ServiceTranslation
from homeward.testing.cast import Cast
from homeward.testing.directories import make_service

HSDS_FIELDS = {
    "id", "name", "description", "status", "eligibility_description", "minimum_age",
    "maximum_age", "languages", "interpretation_services", "fees_description", "schedules",
    "service_areas", "phones", "email", "url", "assured_date", "assurer_email", "organization",
    "locations",
}  # fmt: skip


def _names(url: str) -> str:
    return Client().get(url).content.decode()


def test_search_narrows_by_country_city_kind_and_language(cast: Cast) -> None:
    make_service(cast, "BE", name="Demo Brussels shelter", kinds=["shelter"], languages=["ar"])
    make_service(cast, "BE", name="Demo Ghent clinic", city="Ghent", kinds=["health"],
                 languages=["nl", "uk"])  # fmt: skip
    make_service(cast, "FR", name="Demo Paris food bank", kinds=["food"], languages=["fr"])
    everything = _names("/services/")
    assert all(n in everything for n in ("Brussels shelter", "Ghent clinic", "Paris food bank"))
    belgian = _names("/services/?country=BE")
    assert "Paris food bank" not in belgian and "Ghent clinic" in belgian
    assert "Brussels shelter" not in _names("/services/?country=BE&city=ghent")
    health = _names("/services/?kind=health")
    assert "Ghent clinic" in health and "Brussels shelter" not in health
    ukrainian = _names("/services/?language=uk")
    assert "Ghent clinic" in ukrainian and "Paris food bank" not in ukrainian


def test_the_list_is_light_and_sets_no_cookie(cast: Cast) -> None:
    for _ in range(3):
        make_service(cast, "BE")
    response = Client().get("/services/?country=BE")
    assert response.status_code == 200
    assert not response.cookies
    assert "public" in response["Cache-Control"]
    assert len(response.content) < 30_000


def test_the_readers_translation_is_shown_where_there_is_one(cast: Cast) -> None:
    service = make_service(cast, "BE", name="Demo night shelter")
    ServiceTranslation.objects.create(service=service, language="fr", name="Demo abri de nuit",
                                      description="Des lits et un repas chaud.")  # fmt: skip
    in_french = Client().get("/services/", headers={"accept-language": "fr"}).content.decode()
    assert 'lang="fr">Demo abri de nuit' in in_french
    in_german = Client().get("/services/", headers={"accept-language": "de"}).content.decode()
    assert 'lang="en">Demo night shelter' in in_german


def test_exports_use_hsds_field_names_and_only_published_services(cast: Cast) -> None:
    published = make_service(cast, "BE", name="Demo published")
    make_service(cast, "BE", State.SUBMITTED, name="Demo waiting")
    rows = json.loads(Client().get("/services/export.json").content)
    assert [r["name"] for r in rows] == ["Demo published"]
    [row] = rows
    assert set(row) >= HSDS_FIELDS
    assert row["id"] == str(published.public_id)
    assert row["status"] == "active"
    assert row["languages"] == [{"code": "en"}, {"code": "ar"}]
    assert row["phones"] == [{"number": "+32 000 00 00"}]
    assert row["locations"][0]["addresses"][0]["city"] == "Brussels"
    assert row["organization"]["name"] == "Demo Welcome Association"

    text = b"".join(Client().get("/services/export.csv").streaming_content).decode()  # type: ignore[attr-defined]
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == CSV_COLUMNS
    assert [r[1] for r in table[1:]] == ["Demo published"]


def test_the_public_api_answers_without_signing_in(cast: Cast) -> None:
    make_service(cast, "BE", name="Demo published")
    make_service(cast, "FR", State.SUBMITTED, name="Demo waiting")
    body = Client().get("/api/v1/public/services?country=BE&kind=shelter").json()
    assert body["count"] == 1
    assert body["items"][0]["name"] == "Demo published"
    assert Client().get("/api/v1/public/services?country=FR").json()["count"] == 0
