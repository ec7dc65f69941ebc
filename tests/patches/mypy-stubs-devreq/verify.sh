/usr/bin/python3 "$CHECK" requirements requirements-dev.txt types-Flask-Migrate parse-only
