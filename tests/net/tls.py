"""A certificate authority made for one test run (with `cryptography`), so https can be tested against a local
server: the authority's certificate and a server certificate for `localhost` (no IP address in it)."""

import datetime
import ssl
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


def _certificate(subject, issuer, public_key, signing_key, *, is_ca: bool, names=()) -> x509.Certificate:
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=is_ca, path_length=None), critical=True)
    )
    if names:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in names]), critical=False)
    return builder.sign(signing_key, hashes.SHA256())


@dataclass(frozen=True)
class TestAuthority:
    ca_file: Path
    server_cert_file: Path
    server_key_file: Path

    @classmethod
    def create(cls, directory: Path) -> "TestAuthority":
        ca_key, server_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
        ca_name = _name("Shopplatform test authority")
        ca = _certificate(ca_name, ca_name, ca_key.public_key(), ca_key, is_ca=True)
        server = _certificate(
            _name("localhost"), ca_name, server_key.public_key(), ca_key, is_ca=False, names=["localhost"]
        )
        authority = cls(directory / "ca.pem", directory / "server.pem", directory / "server-key.pem")
        authority.ca_file.write_bytes(_pem(ca))
        authority.server_cert_file.write_bytes(_pem(server))
        authority.server_key_file.write_bytes(
            server_key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
        return authority

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.server_cert_file, self.server_key_file)
        return context
