"""The launcher's command lines mean what they say to Rasa's own argument parser."""
from rasa.__main__ import create_argument_parser

from scripts import local_services


def _parsed_rasa_command(tmp_path, token: str):
    cluster = local_services.Cluster(base=tmp_path, log=lambda *_: None)
    cluster.api_token = token
    cluster.rasa_ports = [5005]
    command = cluster.rasa_command(0, tmp_path / "endpoints.yml")
    return create_argument_parser().parse_args(command[1:])


def test_the_api_token_reaches_rasa_whatever_it_starts_with(tmp_path):
    # A token is random: one starting with "-" once made argparse take it for an option.
    for token in ("-Ab3", "--x", "plain"):
        assert _parsed_rasa_command(tmp_path, token).auth_token == token


def test_generated_tokens_are_used_as_is(tmp_path):
    cluster = local_services.Cluster(base=tmp_path, log=lambda *_: None)
    cluster.rasa_ports = [5005]
    args = create_argument_parser().parse_args(cluster.rasa_command(0, tmp_path / "e.yml")[1:])
    assert args.auth_token == cluster.api_token
    assert args.enable_api and args.interface == "127.0.0.1" and args.port == 5005
