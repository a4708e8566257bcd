"""Edges of the SSRF guard (shopplatform/net.py), written against its mutation run (docs/testing.md): IPv4 inside
IPv6 forms is judged as IPv4 both ways, stored URLs are resolved on the port they will be fetched on, and a
redirect is held to the https rule of its request."""

import ipaddress
import socket

import pytest

from shopplatform import net

pytestmark = pytest.mark.no_database  # run once, in the PostgreSQL suite (.ci/run)


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("64:ff9b::808:808", True),  # NAT64 of 8.8.8.8
        ("64:ff9b::7f00:1", False),  # NAT64 of 127.0.0.1
        ("::ffff:8.8.8.8", True),  # IPv4-mapped public address
        ("2002:808:808::1", True),  # 6to4 of 8.8.8.8
        ("2002:a00:1::1", False),  # 6to4 of 10.0.0.1
        ("8.8.8.8", True),
        ("10.0.0.1", False),
    ],
)
def test_ipv4_inside_ipv6_is_judged_as_the_ipv4_address(address, public):
    assert net.is_public_address(ipaddress.ip_address(address)) is public


@pytest.fixture
def resolver(monkeypatch):
    """DNS stand-in: every name resolves to 93.184.216.34; the ports asked for are recorded."""
    ports = []

    def getaddrinfo(host, port, *args, **kwargs):
        if host.endswith(".invalid"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        ports.append(port)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return ports


@pytest.mark.parametrize(
    ("url", "port"),
    [
        ("https://hooks.example.com/in", 443),
        ("http://hooks.example.com/in", 80),
        ("https://hooks.example.com:8443/", 8443),
    ],
)
def test_a_stored_url_is_resolved_on_the_port_it_will_be_fetched_on(resolver, settings, url, port):
    settings.SHOP_ALLOW_PRIVATE_URLS = False

    assert net.validate_public_url(url, require_https=False) == url
    assert resolver == [port]


def test_a_stored_url_whose_host_does_not_resolve_is_refused_naming_the_host(resolver, settings):
    settings.SHOP_ALLOW_PRIVATE_URLS = False

    with pytest.raises(net.UnsafeUrl) as refused:
        net.validate_public_url("https://nowhere.invalid/hook", require_https=True)

    assert (str(refused.value.detail), refused.value.param) == ("The host nowhere.invalid does not resolve.", "url")


def test_a_redirect_keeps_the_https_rule_of_its_request():
    assert net.redirect_target("https://a.example/x", "http://b.example/y") == "http://b.example/y"
    assert net.redirect_target("https://a.example/x", "/next") == "https://a.example/next"
    with pytest.raises(net.UnsafeUrl):
        net.redirect_target("https://a.example/x", "http://b.example/y", require_https=True)
