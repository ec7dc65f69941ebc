/usr/bin/python3 "$CHECK" setupcfg setup.cfg python-dateutil
