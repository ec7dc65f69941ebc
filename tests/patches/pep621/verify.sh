/usr/bin/python3 "$CHECK" pyproject pyproject.toml python-dateutil
