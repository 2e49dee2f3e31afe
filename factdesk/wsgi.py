import os
import sys

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdesk.settings")
if os.environ.get("GIL_SWITCH_INTERVAL"):
    sys.setswitchinterval(float(os.environ["GIL_SWITCH_INTERVAL"]))
application = get_wsgi_application()
