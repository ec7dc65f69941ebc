/usr/bin/python3 "$CHECK" requirements requirements.txt python-dateutil
