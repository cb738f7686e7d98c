"""A published service in the field names of the Open Referral Human Services Data
Specification 3.0 (HSDS): one nested object for JSON, one flat row for CSV. The API, the
exports and the pages all read services through `access.search_services`."""

from __future__ import annotations

from typing import Any

from homeward.directories.choices import HSDS_STATUS, ServiceKind
from homeward.directories.models import Service

CSV_COLUMNS = [
    "id", "name", "description", "status", "eligibility_description", "minimum_age",
    "maximum_age", "languages", "interpretation_services", "fees_description", "schedules",
    "service_areas", "phones", "email", "url", "assured_date", "assurer_email",
    "organization", "organization_id", "address_1", "city", "country", "taxonomy_terms",
]  # fmt: skip


def fees(service: Service) -> str:
    return service.fees_description or ("Free" if service.free else "")


def to_hsds(service: Service) -> dict[str, Any]:
    provider = service.provider
    return {
        "id": str(service.public_id),
        "name": service.name,
        "description": service.description,
        "status": HSDS_STATUS,
        "eligibility_description": service.eligibility_description,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "languages": [{"code": code} for code in service.language_list],
        "interpretation_services": service.interpretation_services,
        "fees_description": fees(service),
        "schedules": [{"description": service.schedule}] if service.schedule else [],
        "service_areas": [{"name": service.service_area}] if service.service_area else [],
        "phones": [{"number": service.phone}] if service.phone else [],
        "email": service.email,
        "url": service.url,
        "assured_date": service.assured_date.isoformat() if service.assured_date else None,
        "assurer_email": service.assurer_email,
        "organization": {
            "id": str(provider.pk),
            "name": provider.name,
            "website": provider.website,
            "email": provider.email,
        },
        "locations": [
            {
                "name": service.name,
                "addresses": [
                    {
                        "address_1": service.address,
                        "city": service.city,
                        "country": service.country,
                        "address_type": "physical",
                    }
                ],
            }
        ],
        "attributes": [
            {"taxonomy_term": {"code": kind, "term": str(ServiceKind(kind).label)}}
            for kind in service.kind_list
        ],
    }


def to_row(service: Service) -> list[str]:
    return [
        str(service.public_id), service.name, service.description, HSDS_STATUS,
        service.eligibility_description,
        "" if service.minimum_age is None else str(service.minimum_age),
        "" if service.maximum_age is None else str(service.maximum_age),
        ";".join(service.language_list), service.interpretation_services, fees(service),
        service.schedule, service.service_area, service.phone, service.email, service.url,
        service.assured_date.isoformat() if service.assured_date else "", service.assurer_email,
        service.provider.name, str(service.provider_id), service.address, service.city,
        service.country, ";".join(service.kind_list),
    ]  # fmt: skip
