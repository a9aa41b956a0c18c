"""scripts/dist.py: the tarball is the same for the same files, and the CSP's hashes fit the pages."""

from __future__ import annotations

import base64
import hashlib
import sys
import tarfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import dist

sys.path.pop(0)

SCOPE = '__md_scope=new URL("..",location)'
PALETTE = "var palette=1"


def sha(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def small_site(root: Path) -> Path:
    (root / "tree").mkdir(parents=True)
    (root / "index.html").write_text(
        f'<script>{PALETTE}</script><script src="a.js"></script><script type="module" src="b.mjs"></script>'
        '<script id="__config" type="application/json">{"base": "."}</script>'
    )
    (root / "tree" / "index.html").write_text(f"<SCRIPT>{SCOPE}</SCRIPT><script>{PALETTE}</script>")
    return root


def conf(tmp: Path, *hashes: str) -> Path:
    path = tmp / "nginx.conf"
    allowed = " ".join(f"'{h}'" for h in hashes)
    path.write_text(f"""add_header Content-Security-Policy "script-src 'self' 'wasm-unsafe-eval' {allowed}" always;\n""")
    return path


def test_inline_scripts_are_hashed_but_not_data_blocks_or_files(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    assert dist.inline_script_hashes(site) == {sha(PALETTE): "index.html", sha(SCOPE): "tree/index.html"}


def test_csp_check_names_what_is_missing_and_what_is_stale(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    assert dist.check_csp(site, conf(tmp_path, sha(PALETTE), sha(SCOPE))) == []
    problems = dist.check_csp(site, conf(tmp_path, sha(PALETTE), sha("old")))
    assert f"inline script in tree/index.html is not allowed by nginx.conf: '{sha(SCOPE)}'" in problems
    assert f"nginx.conf allows '{sha('old')}', which no page has any more" in problems
    assert problems[-1].endswith(" ".join(f"'{h}'" for h in sorted([sha(PALETTE), sha(SCOPE)])))


def test_deploy_conf_fits_a_built_site_shape() -> None:
    # The file's own policy: eight hashes (Material's seven, the tree page's one), WebAssembly allowed,
    # nothing from other origins.
    from decision_tree.pages import tree_page

    allowed = dist.configured_hashes()
    lines = [line for line in dist.NGINX_CONF.read_text(encoding="utf-8").splitlines()
             if line.strip().startswith("add_header Content-Security-Policy")]
    assert len(lines) == 1 and len(allowed) == 8 and sha(tree_page.UNSCRIPTED_SCRIPT) in allowed
    policy = lines[0]
    assert "'wasm-unsafe-eval'" in policy and "'unsafe-eval'" not in policy and "'unsafe-inline'" not in policy
    assert "http:" not in policy and "https:" not in policy and "*" not in policy


def test_source_maps_stay_out_of_the_tarball(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    (site / "tree" / "bundle.min.js").write_text("x\n//# sourceMappingURL=bundle.min.js.map")
    (site / "tree" / "bundle.min.js.map").write_text("{}")
    dist.pack(site, tmp_path / "site.tar.gz", 1_700_000_000)
    with tarfile.open(tmp_path / "site.tar.gz") as tar:
        names = tar.getnames()
    assert f"{dist.NAME}/tree/bundle.min.js" in names and not [n for n in names if n.endswith(".map")]


def test_the_same_files_make_the_same_tarball(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    first, second = tmp_path / "1.tar.gz", tmp_path / "2.tar.gz"
    dist.pack(site, first, 1_700_000_000)
    (site / "index.html").touch()  # another time on disk changes nothing
    dist.pack(site, second, 1_700_000_000)
    assert first.read_bytes() == second.read_bytes()
    with tarfile.open(first) as tar:
        assert tar.getnames() == [dist.NAME, f"{dist.NAME}/index.html", f"{dist.NAME}/tree", f"{dist.NAME}/tree/index.html"]
        assert {m.mtime for m in tar.getmembers()} == {1_700_000_000}
    dist.pack(site, second, 1_700_000_001)
    assert first.read_bytes() != second.read_bytes()
