from django.db import migrations, models


def first_version(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("welfare", "DirectoryVersion").objects.using(schema_editor.connection.alias).create(token="initial")


class Migration(migrations.Migration):

    dependencies = [
        ('welfare', '0011_chest'),
    ]

    operations = [
        migrations.CreateModel(
            name='DirectoryVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('token', models.CharField(max_length=40)),
            ],
        ),
        migrations.RunPython(first_version, migrations.RunPython.noop),
    ]
