import json

from webapp.static_files import MANIFEST, build, hashed_name, is_hashed


def test_hashed_names_change_with_the_content():
    first = hashed_name("js/application.js", b"one")
    assert first.startswith("js/application.") and first.endswith(".js")
    assert is_hashed(first)
    assert hashed_name("js/application.js", b"two") != first
    assert not is_hashed("js/application.js")


def test_build_writes_hashed_copies_a_map_and_compressed_files(tmp_path):
    (tmp_path / "js").mkdir()
    (tmp_path / "js/application.js").write_text("console.log('hello');\n" * 200)
    (tmp_path / "logo.png").write_bytes(b"\x89PNG not worth compressing")
    names = build(tmp_path)
    assert json.loads((tmp_path / MANIFEST).read_text()) == names
    script = tmp_path / names["js/application.js"]
    assert script.read_bytes() == (tmp_path / "js/application.js").read_bytes()
    for suffix in (".gz", ".br"):
        assert script.with_name(script.name + suffix).exists()
    assert not (tmp_path / (names["logo.png"] + ".br")).exists()


def test_a_rebuild_leaves_nothing_of_the_last_one(tmp_path):
    (tmp_path / "application.css").write_text("body { color: black; }\n" * 100)
    old = build(tmp_path)["application.css"]
    (tmp_path / "application.css").write_text("body { color: navy; }\n" * 100)
    new = build(tmp_path)["application.css"]
    assert new != old
    left = sorted(path.name for path in tmp_path.iterdir())
    assert left == sorted(
        ["application.css", "application.css.br", "application.css.gz", new, f"{new}.br",
         f"{new}.gz", MANIFEST]
    )  # fmt: skip
