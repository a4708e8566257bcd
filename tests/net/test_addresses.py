"""Which URLs and addresses the outbound client refuses."""

import ipaddress

import pytest

from shopplatform import net

pytestmark = pytest.mark.no_database  # run once, in the PostgreSQL suite (.ci/run)

PRIVATE_HOSTS = [
    "10.0.0.1",  # private
    "172.16.5.4",
    "192.168.1.1",
    "127.0.0.1",  # loopback
    "169.254.169.254",  # link-local: cloud metadata
    "100.64.0.1",  # shared address space (carrier-grade NAT)
    "0.0.0.0",  # unspecified
    "224.0.0.1",  # multicast
    "240.0.0.1",  # reserved
    "255.255.255.255",
    "[::1]",
    "[::]",
    "[fe80::1]",
    "[fc00::1]",
    "[ff02::1]",
    "[::ffff:127.0.0.1]",  # IPv4-mapped loopback
    "[::ffff:169.254.169.254]",
    "[64:ff9b::a00:1]",  # NAT64 of 10.0.0.1
    "[2002:7f00:1::]",  # 6to4 of 127.0.0.1
]


@pytest.mark.parametrize("host", PRIVATE_HOSTS)
def test_request_to_a_non_public_address_literal_is_refused(host):
    with pytest.raises(net.UnsafeUrl) as refused:
        net.safe_request("GET", f"http://{host}/latest/meta-data")

    assert refused.value.code == "unsafe_url"
    assert refused.value.status == 400


@pytest.mark.parametrize("host", ["localhost", "2130706433", "127.1", "0x7f.0.0.1"])
def test_names_that_resolve_to_loopback_are_refused_at_connect_time(host, local_server):
    with pytest.raises(net.UnsafeUrl):
        net.safe_request("GET", f"http://{host}:{local_server.port}/")

    assert local_server.requests == []


@pytest.mark.parametrize("url", ["ftp://93.184.215.14/x", "file:///etc/passwd", "gopher://93.184.215.14/", "//x/"])
def test_non_http_schemes_are_refused(url):
    with pytest.raises(net.UnsafeUrl):
        net.check_url(url)


def test_validate_public_url_accepts_a_public_https_address():
    assert net.validate_public_url("https://93.184.215.14/hooks", require_https=True) == "https://93.184.215.14/hooks"


def test_validate_public_url_requires_https_when_asked():
    with pytest.raises(net.UnsafeUrl) as refused:
        net.validate_public_url("http://93.184.215.14/hooks", require_https=True)

    assert "https" in refused.value.detail


def test_validate_public_url_refuses_a_name_that_does_not_resolve():
    with pytest.raises(net.UnsafeUrl):
        net.validate_public_url("https://no-such-host.invalid/hooks", require_https=True)


def test_validate_public_url_refuses_localhost():
    with pytest.raises(net.UnsafeUrl):
        net.validate_public_url("https://localhost/hooks", require_https=False)


def test_private_addresses_pass_when_the_setting_allows_them(private_urls_allowed):
    assert net.validate_public_url("http://127.0.0.1:9/hook", require_https=False) == "http://127.0.0.1:9/hook"


def test_redirect_target_to_metadata_address_is_refused():
    with pytest.raises(net.UnsafeUrl):
        net.redirect_target("https://93.184.215.14/a", "http://169.254.169.254/latest/meta-data")


def test_relative_redirect_target_is_resolved_against_the_current_url():
    assert net.redirect_target("https://93.184.215.14/a/b", "../c") == "https://93.184.215.14/c"


@pytest.mark.parametrize("address", ["8.8.8.8", "93.184.215.14", "2606:4700:4700::1111"])
def test_global_addresses_are_public(address):
    assert net.is_public_address(ipaddress.ip_address(address))
