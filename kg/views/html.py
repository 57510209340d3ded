"""Writing a map as one self-contained HTML page: no request leaves the page, nothing in the data runs.

Pyvis's own template loads vis-network, bootstrap and tom-select from CDNs (even in ``in_line`` mode
bootstrap stays remote), copies every edge's tooltip into the edge and smooths edges dynamically (a
hidden physics node per edge). So kg writes its own page: vis-network 9.1.2 (the copy inside the
pyvis 0.3.2 wheel, vendored in ``kg/views/static/``), kg's small script and stylesheet, and the map's
tables as one JSON block, all inline.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from dataclasses import asdict
from importlib import resources
from pathlib import Path

from kg.views.model import ARTICLE_FIELDS, INTERACTION_FIELDS, NODE_FIELDS, View

VIS_NETWORK = "vis-network.min.js"
VIS_NETWORK_VERSION = "9.1.2"

# JSON inside <script> must not be able to close the element or open a comment; U+2028/2029 are
# line breaks to old JavaScript parsers. Escaped as \uXXXX, JSON.parse reads them back unchanged.
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                   0x2028: "\\u2028", 0x2029: "\\u2029"}


def render_html(view: View) -> str:
    """The page showing ``view``, as a string (see ``write_html``)."""
    scripts = [_without_source_map(_static(VIS_NETWORK)), _static("view.js")]
    return _static("template.html").format(
        title=html.escape(view.title),
        csp=html.escape(_content_security_policy(scripts)),
        css=_static("view.css"),
        data=script_json(_payload(view)),
        vis=scripts[0],
        script=scripts[1],
    )


def write_html(view: View, path: Path | str) -> Path:
    """Write the page showing ``view`` to ``path`` (atomically; the folder must exist). Returns the path."""
    import os

    from kg.fileio import atomic_write_text

    written = atomic_write_text(path, render_html(view))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(written, 0o666 & ~umask)  # a page is made to be shared: not the temporary file's 0600
    return written


def script_json(value) -> str:
    """``value`` as JSON that is safe inside an HTML ``<script>`` element.

    >>> script_json({"q": "</script><b>&"})
    '{"q":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.translate(_SCRIPT_ESCAPES)


def _payload(view: View) -> dict:
    data = asdict(view)
    data["fields"] = {"nodes": NODE_FIELDS, "interactions": INTERACTION_FIELDS, "articles": ARTICLE_FIELDS}
    data["physics"] = view.physics
    return data


def _content_security_policy(scripts: list[str]) -> str:
    """Only kg's own two scripts may run: injected markup cannot run script or fetch anything."""
    hashes = " ".join(f"'sha256-{_sha256(text)}'" for text in scripts)
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
            "base-uri 'none'; form-action 'none'")


def _without_source_map(script: str) -> str:
    """The script less its ``sourceMappingURL`` comment: developer tools would ask for a file not there."""
    return re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", script)


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _static(name: str) -> str:
    """A file of ``kg/views/static``; vis-network falls back to the pyvis wheel's copy if not vendored."""
    here = resources.files("kg.views").joinpath("static", name)
    if here.is_file():
        return here.read_text("utf-8")
    if name == VIS_NETWORK:
        return resources.files("pyvis").joinpath("lib", f"vis-{VIS_NETWORK_VERSION}", name).read_text("utf-8")
    raise FileNotFoundError(f"kg/views/static/{name} is missing from this installation")
