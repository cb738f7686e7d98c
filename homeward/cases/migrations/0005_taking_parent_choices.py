from django.db import migrations, models

# The words the demo and the first hotlines wrote, as the choice they meant; any other text
# stays as written (shown as it is, and chosen again at the section's next edit).
KNOWN = {
    "mother": "mother", "mère": "mother", "mere": "mother", "mutter": "mother",
    "father": "father", "père": "father", "pere": "father", "vater": "father",
}  # fmt: skip


def to_choices(apps, schema_editor):
    details = apps.get_model("cases", "ParentalAbductionDetails")
    for section in details.objects.exclude(taking_parent_relationship="").only(
        "taking_parent_relationship"
    ):
        code = KNOWN.get(section.taking_parent_relationship.strip().lower())
        if code is not None:
            section.taking_parent_relationship = code
            section.save(update_fields=["taking_parent_relationship"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_timeline_messages"),
    ]

    operations = [
        migrations.AlterField(
            model_name="parentalabductiondetails",
            name="taking_parent_relationship",
            field=models.CharField(
                blank=True,
                choices=[
                    ("mother", "Mother"),
                    ("father", "Father"),
                    ("other_relative", "Another relative"),
                    ("other", "Someone else"),
                ],
                max_length=100,
                verbose_name="taking parent",
            ),
        ),
        migrations.RunPython(to_choices, migrations.RunPython.noop),
    ]
