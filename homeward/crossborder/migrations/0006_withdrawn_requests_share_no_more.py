"""Withdrawing a request now revokes what was shared on it. Requests withdrawn before, after
they had left and without a revocation, still shared: they are revoked as of their withdrawal,
with the conversation entry a revocation writes, and the photo copies made for the share are
deleted (the originals stay in the case)."""

from __future__ import annotations

from typing import Any

from django.db import migrations, transaction

from homeward.core.storage import private_storage


def revoke_withdrawn(apps: Any, schema_editor: Any) -> None:
    CooperationRequest = apps.get_model("crossborder", "CooperationRequest")
    RequestEvent = apps.get_model("crossborder", "RequestEvent")
    Snapshot = apps.get_model("crossborder", "Snapshot")
    still_sharing = CooperationRequest.objects.filter(
        state="withdrawn", sent_at__isnull=False, share_revoked_at__isnull=True
    )
    names: list[str] = []
    for request in still_sharing.iterator():
        request.share_revoked_at = request.completed_at or request.sent_at
        request.save(update_fields=["share_revoked_at"])
        RequestEvent.objects.create(
            request=request, kind="share_revoked", organisation_id=request.sender_id
        )
        for snapshot in Snapshot.objects.filter(request=request):
            if not snapshot.photos:
                continue
            names += [str(name) for name in snapshot.photos.values()]
            snapshot.photos = {}
            snapshot.save(update_fields=["photos"])
    if names:
        storage = private_storage()
        transaction.on_commit(lambda: [storage.delete(name) for name in names])


class Migration(migrations.Migration):
    dependencies = [("crossborder", "0005_snapshot_choice_codes")]

    operations = [migrations.RunPython(revoke_withdrawn, migrations.RunPython.noop)]
