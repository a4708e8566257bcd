from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("orders", "0006_number_existing_orders")]

    operations = [
        migrations.AlterField(
            model_name="order",
            name="number",
            field=models.PositiveIntegerField(
                help_text="Short sequential number buyers read out (#1042); allocated by checkout.", unique=True
            ),
        ),
    ]
