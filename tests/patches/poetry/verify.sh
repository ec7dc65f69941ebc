/usr/bin/python3 "$CHECK" poetry pyproject.toml python-dateutil
