"""The Elasticsearch 8 client layer, on the wire: no Elasticsearch can be installed here, so a
small HTTP server in the test plays one (answering as the client demands, with the
X-Elastic-Product header) and records what our client sends. The live contract tests run the
same bodies against a real node when ELASTICSEARCH_URL is set."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from heritage.catalog import CatalogQuery
from search.engines import ElasticsearchClient, get_engine
from search.query import build_search

SEARCH_ANSWER = {"hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}, "aggregations": {}}


@pytest.fixture
def wire():
    seen = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # connections kept alive, as a real node keeps them

        def _answer(self):
            peers.add(self.client_address)
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length)) if length else None
            seen.append((self.command, self.path.split("?")[0], body))
            payload = json.dumps(SEARCH_ANSWER if "_search" in self.path else
                                 {"acknowledged": True}).encode()  # fmt: skip
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("X-Elastic-Product", "Elasticsearch")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _answer

        def log_message(self, *args):
            pass

    peers = set()  # the clients' (address, port): one per TCP connection
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", seen, peers
    server.shutdown()
    server.server_close()


def test_search_sends_the_elasticsearch_dsl_body_unchanged(wire):
    url, seen, _peers = wire
    body = build_search(CatalogQuery(text="vasija", filters={"culture": ("maya",)}),
                        "retorno-pieces").to_dict()  # fmt: skip
    ElasticsearchClient(url).search("retorno-pieces", body)
    assert seen == [("POST", "/retorno-pieces/_search", body)]


def test_index_creation_sends_settings_and_mappings(wire):
    from search.documents import piece_index

    url, seen, _peers = wire
    body = piece_index("retorno-pieces-1").to_dict()
    ElasticsearchClient(url).create_index("retorno-pieces-1", body)
    assert seen == [("PUT", "/retorno-pieces-1", body)]


def test_searches_reuse_the_processs_client_and_its_connection(wire, settings):
    """One client per process and server: its pool keeps the connection alive, where a client
    per call would open one (and build a transport) for every search."""
    url, seen, peers = wire
    settings.ELASTICSEARCH_URL = url
    body = {"query": {"match_all": {}}}
    engines = [get_engine("piece"), get_engine("case"), get_engine("piece")]
    for engine in engines:
        engine.client.search("retorno-pieces", body)
    assert len(seen) == 3
    assert engines[0].client is engines[1].client is engines[2].client
    assert len(peers) == 1
