"""Moto's S3 server on loopback, so django-storages and boto3 run for real in tests."""

import socket
from contextlib import contextmanager

import boto3
import requests
from moto.server import ThreadedMotoServer

CREDENTIALS = {"access_key": "testing", "secret_key": "testing", "region_name": "us-east-1"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def moto_bucket(bucket: str):
    """Start the server with an empty bucket; yield (S3Storage options for it, a boto3 client); stop it."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    try:
        # Moto keeps its buckets in process-wide state that outlives a stopped server: start from none.
        requests.post(f"{endpoint}/moto-api/reset", timeout=10).raise_for_status()
        client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            aws_access_key_id=CREDENTIALS["access_key"],
            aws_secret_access_key=CREDENTIALS["secret_key"],
            region_name=CREDENTIALS["region_name"],
        )
        client.create_bucket(Bucket=bucket)
        yield {"bucket_name": bucket, "endpoint_url": endpoint, **CREDENTIALS}, client
    finally:
        server.stop()
