from dateutil import parser


def parse_due(text: str):
    return parser.isoparse(text).date()
