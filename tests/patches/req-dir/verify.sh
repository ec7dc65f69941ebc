/usr/bin/python3 "$CHECK" requirements requirements/test.txt python-dateutil
