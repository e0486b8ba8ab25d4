"""The launcher's command lines mean what they say to Rasa's own argument parser, and hold no secret."""
from rasa.__main__ import create_argument_parser

from scripts import local_services


def test_the_rasa_servers_run_without_the_http_api_on_loopback(tmp_path):
    cluster = local_services.Cluster(base=tmp_path, log=lambda *_: None)
    cluster.rasa_ports = [5005]
    cmd = cluster.rasa_command(0, tmp_path / "e.yml")
    assert cmd[1:3] == ["-m", "connectors.server"]  # the Rasa server's own start-up, then Rasa's arguments
    args = create_argument_parser().parse_args(cmd[3:])
    assert not args.enable_api and args.auth_token is None
    assert args.interface == "127.0.0.1" and args.port == 5005
