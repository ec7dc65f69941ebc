# The real pytest again: the import error is gone.
/usr/bin/python3 -m pytest -p no:cacheprovider
