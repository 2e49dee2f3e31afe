from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from factdesk.roles import CHECKER, EDITOR, REPORTER, ensure_role_groups

# username, role, staff (admin access). The passwords are for a local demo only.
DEMO_USERS = [
    ("reporter", REPORTER, False),
    ("checker", CHECKER, False),
    ("editor", EDITOR, True),
]
DEMO_PASSWORD_SUFFIX = "-factdesk"


class Command(BaseCommand):
    help = "Create (or reset) the demo reporter, fact-checker and editor and print their logins."

    def handle(self, *args, **options):
        ensure_role_groups()
        User = get_user_model()
        for username, role, staff in DEMO_USERS:
            user, _ = User.objects.get_or_create(username=username)
            password = username + DEMO_PASSWORD_SUFFIX
            user.set_password(password)
            user.is_staff = staff
            user.save()
            user.groups.set([Group.objects.get(name=role)])
            self.stdout.write(
                self.style.SUCCESS(f"Demo {role}: username '{username}', password '{password}'")
            )
