"""The signed-in home page and the public front page. Later capabilities add their panels
(my cases, waiting for us, deadlines) to the dashboard."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from homeward.organisations.access import current_membership, member_required


@member_required()
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "dashboard/dashboard.html", {"current": current_membership(request)})


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    return render(request, "dashboard/home.html")
