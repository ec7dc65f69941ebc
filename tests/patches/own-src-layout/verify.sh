# The real pytest again: the import error is gone.
# (Plugins installed on the machine are not loaded: the check is about the patch, not the machine.)
PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 /usr/bin/python3 -m pytest -p no:cacheprovider
