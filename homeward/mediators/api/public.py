"""The public mediator directory: search, one profile, co-mediation pairs. Only published
profiles; no authentication."""

from __future__ import annotations

from typing import Annotated, Any

from django.core.paginator import Paginator
from django.http import HttpRequest
from ninja import Query, Router
from pydantic import Field

from homeward.core.api_types import Country, CountryOrBlank, Language, PageNumber
from homeward.mediators import access
from homeward.mediators.choices import Background, Situation, Specialisation
from homeward.mediators.models import Mediator
from homeward.mediators.pairs import Question, propose
from homeward.mediators.schemas.mediators import MediatorOut, MediatorPage, PairOut

router = Router(tags=["public"])
PAGE_SIZE = 50


def mediator_out(m: Mediator) -> dict[str, Any]:
    return {
        "id": m.public_id,
        "name": m.full_name,
        "gender": m.gender,
        "background": m.background,
        "profession": m.profession,
        "specialisations": m.specialisations,
        "languages": [{"language": r.language, "level": r.level} for r in m.languages.all()],
        "practice_countries": m.practice_countries,
        "accepted_countries": m.accepted_countries,
        **{
            name: getattr(m, name)
            for name in (
                "cities",
                "network_training",
                "training_hours",
                "training_year",
                "accreditations",
                "urgent",
                "travels",
                "online",
                "fees",
                "biographies",
                "email",
                "phone",
                "website",
            )
        },
    }


@router.get(
    "/public/mediators",
    operation_id="list_public_mediators",
    response=MediatorPage,
    auth=None,
    summary="Published cross-border family mediators, filtered (public, no authentication)",
)
def list_public_mediators(
    request: HttpRequest,
    country: CountryOrBlank = "",
    language: Annotated[Language | None, Query()] = None,
    background: Background | None = None,
    profession: Annotated[str, Field(max_length=100)] = "",
    specialisation: Specialisation | None = None,
    urgent: bool = False,
    online: bool = False,
    page: PageNumber = 1,
) -> dict[str, Any]:
    filters = access.Filters(
        country=country,
        language=language or "",
        background=background or "",
        profession=profession.strip(),
        specialisation=specialisation or "",
        urgent=urgent,
        online=online,
    )
    found = Paginator(access.public_mediators(filters), PAGE_SIZE).get_page(page)
    return {
        "count": found.paginator.count,
        "page": found.number,
        "results": [mediator_out(m) for m in found],
    }


@router.get(
    "/public/mediators/pairs",
    operation_id="list_public_mediator_pairs",
    response=list[PairOut],
    auth=None,
    summary="Co-mediation pairs for two countries and both parents' languages (public)",
)
def list_public_mediator_pairs(
    request: HttpRequest,
    situation: Situation,
    country_a: Country,
    country_b: Country,
    languages_a: Annotated[list[Language], Query(min_length=1, max_length=5)],
    languages_b: Annotated[list[Language], Query(min_length=1, max_length=5)],
) -> list[dict[str, Any]]:
    question = Question(situation, country_a, country_b, tuple(languages_a), tuple(languages_b))
    return [
        {
            "mediators": [mediator_out(p.first), mediator_out(p.second)],
            "score": p.score,
            "covers": p.covers,
            "lacks": p.lacks,
        }
        for p in propose(question)
    ]


@router.get(
    "/public/mediators/{public_id}",
    operation_id="get_public_mediator",
    response=MediatorOut,
    auth=None,
    summary="One published mediator's profile (public)",
)
def get_public_mediator(request: HttpRequest, public_id: str) -> dict[str, Any]:
    return mediator_out(access.public_mediator(public_id))
