/usr/bin/python3 "$CHECK" requirements requirements-dev.txt python-dateutil
