from flask_migrate import Migrate


def init_migrations(app: object, db: object) -> Migrate:
    return Migrate(app, db)
