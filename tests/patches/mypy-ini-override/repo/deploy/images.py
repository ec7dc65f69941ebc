import docker


def image_tags(name: str) -> list[str]:
    client = docker.from_env()
    tags: list[str] = client.images.get(name).tags
    return tags
