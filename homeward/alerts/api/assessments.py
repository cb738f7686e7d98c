"""The criteria and the assessments through the API."""

from django.http import HttpRequest
from ninja import Router, Status

from homeward.alerts import access, actions
from homeward.alerts.criteria import checklist
from homeward.alerts.models import AlertAssessment
from homeward.alerts.schemas.assessments import (
    AssessmentIn,
    AssessmentOut,
    CriteriaIn,
    CriterionOut,
)
from homeward.cases import access as case_access
from homeward.core.api_types import Id
from homeward.core.handlers import named_in_body
from homeward.organisations.access import require_permission, who
from homeward.organisations.roles import Permission

router = Router(tags=["alerts"])


def _criteria(request: HttpRequest) -> list[CriterionOut]:
    organisation = who(request).organisation
    return [CriterionOut(key=key, wording=wording) for key, wording in checklist(organisation)]


@router.get(
    "/alerts/criteria",
    operation_id="list_alert_criteria",
    response=list[CriterionOut],
    summary="The criteria your hotline's assessments answer (the European ones by default)",
)
def list_criteria(request: HttpRequest) -> list[CriterionOut]:
    return _criteria(request)


@router.put(
    "/alerts/criteria",
    operation_id="set_alert_criteria",
    response=list[CriterionOut],
    summary="Replace your hotline's criteria (organisation admin); empty: the European ones",
)
def set_criteria(request: HttpRequest, payload: CriteriaIn) -> list[CriterionOut]:
    actions.configure_criteria(membership=who(request), wordings=payload.criteria)
    return _criteria(request)


@router.post(
    "/alerts/assessments",
    operation_id="create_alert_assessment",
    response={201: AssessmentOut},
    summary="Assess one of your cases against the criteria (supervisor)",
)
def create_assessment(request: HttpRequest, payload: AssessmentIn) -> Status[AlertAssessment]:
    membership = who(request)
    require_permission(membership, Permission.APPROVE)  # before the case is looked up
    case = named_in_body("case_id", lambda: case_access.locate_case(membership, payload.case_id))
    assessment = actions.assess(
        membership=membership,
        case=case,
        answers={row.key: (str(row.answer), row.note) for row in payload.criteria},
        publicity_risks=[str(risk) for risk in payload.publicity_risks],
        risks_note=payload.risks_note,
        recommendation=str(payload.recommendation),
        reasoning=payload.reasoning,
    )
    return Status(201, assessment)


@router.get(
    "/alerts/assessments/{assessment_id}",
    operation_id="get_alert_assessment",
    response=AssessmentOut,
    summary="One assessment (an audited read)",
)
def get_assessment(request: HttpRequest, assessment_id: Id) -> AlertAssessment:
    return access.read_assessment(who(request), assessment_id)
