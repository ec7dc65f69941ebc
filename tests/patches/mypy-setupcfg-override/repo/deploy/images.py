import execnet


def remote_python(spec: str) -> str:
    gw = execnet.makegateway(spec)
    return str(gw.remote_exec("channel.send(1)").receive())
