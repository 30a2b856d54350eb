"""Objects another OCFL tool made, in archiver's storage root.

An OCFL storage root may hold objects any conforming tool made; archiver's posts are the
objects whose id is a post's (``wx:…``). The promises:

1. The commands that go over the whole archive (list, log, export in every format, verify)
   pass over an object whose id is no post's: their output is what it was without it.
2. Such an object named by id is said to be no post, with what it is (exit 2, as for an id
   that is no post of the archive).
3. An object that takes no version from archiver (one under a post's id that holds no
   record, one whose version names are used up) fails that post alone: the ingest goes on.
4. A version another tool (or the library) adds to a post leaves archiver's list index
   behind; the next ingest of the post brings the index up to date.
5. A storage root another tool made with another layout (or none declared, which OCFL
   allows) is no archive of archiver's: every command says so (exit 5) and writes nothing
   there, not even its lock; one made by another tool with archiver's layout is used.
6. A file another tool added to a post's object (none of a post's own files) is kept in the
   version archiver adds: a version's state is the whole object.
7. fsck checks what a post's record says of its images against a version another tool
   added too, which keeps no sha256 fixity: from the images' bytes.

The objects are the OCFL 1.1 conformance fixtures (tests/fixtures/ocfl, CC BY 4.0), real
objects made by other tools, copied where the storage layout puts their ids.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archiver.cli import app
from archiver.errors import ExitCode
from archiver.store import Archive, object_root_for

from conftest import FIXTURES, WECHAT

OCFL_FIXTURES = FIXTURES / "ocfl" / "1.1"
SEED = WECHAT / "markdown" / "guozhengxueren-464-kazakhstan.md"
PAGE = (WECHAT / "html"
        / "wechatscope__gh_8e98aeecc6c0_2020-10-02_2650512939_raiHy80cW6.y.tar.gz.html")
OTHER = WECHAT / "html" / "wechat-article-exporter__普通图文-04.html"


def run(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args])


def install(root: Path, kind: str, name: str, object_id: str | None = None) -> Path:
    """Copy a conformance fixture into the storage root ``root``, where the layout puts its
    id (or ``object_id``, written into its inventories); return its folder."""
    source = OCFL_FIXTURES / kind / name
    inventory = json.loads((source / "inventory.json").read_bytes())
    target = root / object_root_for(object_id or inventory["id"])
    shutil.copytree(source, target)
    if object_id is not None:
        import hashlib
        for copy in [target, *sorted(p for p in target.iterdir() if p.is_dir())]:
            if not (copy / "inventory.json").is_file():
                continue
            data = json.loads((copy / "inventory.json").read_bytes())
            data["id"] = object_id
            raw = json.dumps(data, indent=2).encode()
            (copy / "inventory.json").write_bytes(raw)
            algorithm = data["digestAlgorithm"]
            (copy / f"inventory.json.{algorithm}").write_bytes(
                f"{hashlib.new(algorithm, raw).hexdigest()} inventory.json\n".encode())
    return target


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ARCHIVER_ARCHIVE", raising=False)
    root = tmp_path / "archive"
    assert run("ingest", SEED, PAGE, "--archive", root, "--no-fetch").exit_code == 0
    return root


WHOLE_ARCHIVE = [
    ["list"], ["list", "--json"], ["log"], ["log", "--json"],
    ["export", "bibtex"], ["export", "biblatex"], ["export", "csl-json"], ["export", "ris"],
    ["export", "bibtex", "--cited", "--include-unverified"],
    ["verify", "--offline", "--no-keep", "--json"],
]


@pytest.mark.parametrize("command", [pytest.param(c, id=" ".join(c)) for c in WHOLE_ARCHIVE])
def test_whole_archive_commands_pass_over_another_tool_s_object(archive: Path,
                                                                command: list[str]) -> None:
    before = run(*command, "--archive", archive)
    install(archive, "good-objects", "spec-ex-full")

    after = run(*command, "--archive", archive)

    assert after.exit_code == before.exit_code, after.output
    assert after.stdout == before.stdout
    assert "record.json" not in after.output


def test_the_offline_site_passes_over_another_tool_s_object(archive: Path,
                                                             tmp_path: Path) -> None:
    before = run("export", "html", "-o", tmp_path / "before", "--archive", archive)
    install(archive, "good-objects", "spec-ex-full")

    after = run("export", "html", "-o", tmp_path / "after", "--archive", archive)

    assert (after.exit_code, before.exit_code) == (0, 0), after.output
    assert sorted(p.relative_to(tmp_path / "after").as_posix()
                  for p in (tmp_path / "after").rglob("*")) == \
        sorted(p.relative_to(tmp_path / "before").as_posix()
               for p in (tmp_path / "before").rglob("*"))


@pytest.mark.parametrize("command", [["show"], ["log"], ["diff"], ["export", "bibtex"],
                                     ["verify", "--offline", "--no-keep"]])
def test_another_tool_s_object_named_by_id_is_said_to_be_no_post(archive: Path,
                                                                 command: list[str]) -> None:
    install(archive, "good-objects", "spec-ex-full")  # id ark:/12345/bcd987

    result = run(*command, "ark:/12345/bcd987", "--archive", archive)

    assert result.exit_code == ExitCode.USAGE, result.output
    assert "ark:/12345/bcd987" in result.output and "no post" in result.output
    assert "record.json' is not in" not in result.output


def test_an_object_without_a_record_under_a_post_s_id_fails_that_post_alone(
        archive: Path) -> None:
    """Another tool's object where the post's id puts it: no version is added to it, and the
    files after it are ingested all the same (exit 5, the archive's problem)."""
    post_id = json.loads(run("ingest", OTHER, "--archive", archive.parent / "probe",
                             "--no-fetch", "--json").stdout)["id"]
    folder = install(archive, "good-objects", "minimal_one_version_one_file", post_id)
    inventory_before = (folder / "inventory.json").read_bytes()

    result = run("ingest", OTHER, SEED, "--archive", archive, "--no-fetch", "--json")

    assert result.exit_code == ExitCode.ARCHIVE, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["id"], r["status"]) for r in rows] == [(post_id, "failed"), (rows[1]["id"],
                                                                           "unchanged")]
    assert "holds no record.json" in result.stderr and "another tool" in result.stderr
    assert (folder / "inventory.json").read_bytes() == inventory_before
    # valid OCFL, nothing damaged: fsck warns of it, once, and passes
    checked = run("fsck", "--archive", archive)
    assert checked.exit_code == ExitCode.OK, checked.output
    assert checked.stderr.count("no version holds a record.json") == 1, checked.stderr


def test_an_object_whose_padded_version_names_are_used_up_fails_that_post_alone(
        archive: Path) -> None:
    """W001's versions are v001…v003; renamed to two digits' width and at v09, no name is
    left (OCFL keeps a leading zero): the post fails, named, and the ingest goes on."""
    source = SEED.read_text(encoding="utf-8")
    post = archive.parent / "post.md"
    post.write_text(source, encoding="utf-8")
    added = json.loads(run("ingest", post, "--archive", archive, "--no-fetch",
                           "--json").stdout)
    store = Archive.open(archive)
    folder = store.object_path(added["id"])
    inventory = json.loads((folder / "inventory.json").read_bytes())
    assert inventory["head"] == "v1"
    # rename the object's one version v09, as a tool padding to two digits would leave it
    # after nine versions (the test edits names only; its content stays where it is)
    import hashlib
    raw = (folder / "inventory.json").read_bytes().replace(b'"v1/', b'"v09/').replace(
        b'"v1"', b'"v09"')
    (folder / "v1").rename(folder / "v09")
    for where in (folder, folder / "v09"):
        (where / "inventory.json").write_bytes(raw)
        (where / "inventory.json.sha512").write_bytes(
            f"{hashlib.sha512(raw).hexdigest()} inventory.json\n".encode())
    post.write_text(source.replace("**作品简介**", "**作品简介（改）**"), encoding="utf-8")

    result = run("ingest", post, OTHER, "--archive", archive, "--no-fetch", "--json")

    assert result.exit_code == ExitCode.ARCHIVE, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["status"] for r in rows] == ["failed", "added"]
    assert "zero-padded to 2 digits" in result.stderr
    assert str(folder) in result.stderr or folder.name in result.stderr
    assert sorted(p.name for p in folder.iterdir() if p.is_dir()) == ["v09"]


def test_a_version_another_tool_adds_to_a_post_is_listed_after_the_next_ingest(
        archive: Path) -> None:
    """The index is derived data that only archiver's writes keep: a version committed by
    another tool (here the library, which writes as one would: the record retitled, the
    saved file and the provenance left out of the head) is found by the next ingest of the
    post, whose receipt still vouches for the unchanged file (held in v1); the index's line
    is read again from the object: `list` then shows what `show` does. (A head that still
    names this file as the one it was made from is taken for an edit of the post, which
    the file's bytes undo where they differ: test_pipeline specifies it.)"""
    store = Archive.open(archive)
    [row] = [json.loads(line) for line in run("list", "--json", "--archive", archive
                                              ).stdout.splitlines()
             if json.loads(line)["title"].endswith("国政学人第464期")]
    post_id = row["id"]
    files = {logical: store.read_bytes(post_id, logical)
             for logical in store.versions(post_id)[-1].state
             if not logical.startswith("source/") and logical != "provenance.json"}
    record = json.loads(files["record.json"])
    record["title"] = "Retitled by another tool"
    files["record.json"] = json.dumps(record, ensure_ascii=False).encode()
    with store.writer():
        store.commit(post_id, files, "another tool's edit")
    assert run("show", post_id, "--json", "--archive", archive).stdout.count(
        "Retitled by another tool") == 1
    # an id the receipts learned of the post, which its object does not give: kept
    index_file = archive / "extensions" / "archiver-index" / "index.json"
    index = json.loads(index_file.read_bytes())
    index[post_id]["aliases"] = ["wx:learned-from-a-receipt"]
    index_file.write_text(json.dumps(index), encoding="utf-8")

    again = run("ingest", SEED, "--archive", archive, "--no-fetch", "--json")

    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["status"] == "unchanged"
    listed = {json.loads(line)["id"]: json.loads(line) for line in run(
        "list", "--json", "--archive", archive).stdout.splitlines()}
    assert (listed[post_id]["title"], listed[post_id]["head"]) == \
        ("Retitled by another tool", "v2")
    assert json.loads(index_file.read_bytes())[post_id]["aliases"] == \
        ["wx:learned-from-a-receipt"]


def _another_tools_root(root: Path, layout: str | None, params: dict | None = None) -> None:
    """A storage root made by ocfl-py, another implementation, as its command line makes
    one: with ``layout`` (None: ocfl-py's default, which declares none)."""
    import ocfl
    ocfl.StorageRoot(root=str(root), layout_name=layout).initialize(
        layout_params=json.dumps(params) if params else None)


ROOTS = {
    "no layout declared": (None, None),
    "flat direct layout": ("0002-flat-direct-storage-layout", None),
    "archiver's layout, other settings": ("0003-hash-and-id-n-tuple-storage-layout",
                                          {"digestAlgorithm": "md5", "tupleSize": 2,
                                           "numberOfTuples": 4}),
}
COMMANDS = [["ingest", SEED, "--no-fetch"], ["list"], ["log"], ["fsck"], ["fsck", "--json"],
            ["export", "bibtex"], ["verify", "--offline"], ["show", "wx:t/abc"]]


@pytest.mark.parametrize("kind", list(ROOTS))
@pytest.mark.parametrize("command", [pytest.param(c, id=" ".join(map(str, c[:2])))
                                     for c in COMMANDS])
def test_another_tool_s_storage_root_is_refused_and_left_as_it_was(
        tmp_path: Path, kind: str, command: list) -> None:
    root = tmp_path / "their-root"
    _another_tools_root(root, *ROOTS[kind])
    before = {p.relative_to(root).as_posix(): p.read_bytes() if p.is_file() else None
              for p in root.rglob("*")}

    result = run(*command, "--archive", root)

    assert result.exit_code == ExitCode.ARCHIVE, result.output
    assert "an OCFL storage root another tool made" in result.output
    assert "damaged" not in result.output and "Move it back" not in result.output
    assert {p.relative_to(root).as_posix(): p.read_bytes() if p.is_file() else None
            for p in root.rglob("*")} == before


def test_another_tool_s_root_with_archiver_s_layout_is_used(tmp_path: Path) -> None:
    """ocfl-py's 0003 with the settings archiver uses: the same layout, so the same archive
    (and ocfl-py still accepts the root once archiver has written to it)."""
    import ocfl
    root = tmp_path / "their-root"
    _another_tools_root(root, "0003-hash-and-id-n-tuple-storage-layout",
                        {"digestAlgorithm": "sha256", "tupleSize": 3, "numberOfTuples": 3})

    result = run("ingest", SEED, "--archive", root, "--no-fetch")

    assert result.exit_code == 0, result.output
    assert run("fsck", "--archive", root).exit_code == 0
    checked = ocfl.StorageRoot(root=str(root))
    assert checked.validate() and (checked.num_objects, checked.good_objects) == (1, 1)


def test_a_file_another_tool_added_to_a_post_is_kept_in_archiver_s_next_version(
        archive: Path, tmp_path: Path) -> None:
    import ocfl
    store = Archive.open(archive)
    post_id = json.loads(run("ingest", SEED, "--archive", archive, "--no-fetch",
                             "--json").stdout)["id"]
    files = {logical: store.read_bytes(post_id, logical)
             for logical in store.versions(post_id)[-1].state}
    with store.writer():
        store.commit(post_id, {**files, "notes/curator.txt": b"checked against print"},
                     "a curator's note, added by another tool")
    edited = tmp_path / SEED.name
    text = SEED.read_text(encoding="utf-8")
    edited.write_text(text.replace("**作品简介**", "**作品简介（改）**"), encoding="utf-8")

    result = run("ingest", edited, "--archive", archive, "--no-fetch", "--json")

    assert json.loads(result.stdout)["status"] == "updated", result.output
    head = store.versions(post_id)[-1]
    assert head.number == "v3" and "notes/curator.txt" in head.state
    assert store.read_bytes(post_id, "notes/curator.txt") == b"checked against print"
    assert run("fsck", "--archive", archive).exit_code == 0
    checked = ocfl.StorageRoot(root=str(archive))
    assert checked.validate() and checked.num_objects == checked.good_objects


def _without_sha256_fixity(folder: Path, version: str) -> None:
    """Rewrite an object's inventories as a tool that keeps no sha256 fixity would have
    written ``version``: its content's fixity entries gone (sidecars made again)."""
    import hashlib
    for where in (folder, folder / version):
        inventory = json.loads((where / "inventory.json").read_bytes())
        block = inventory["fixity"]["sha256"]
        for digest in list(block):
            block[digest] = [p for p in block[digest] if not p.startswith(f"{version}/")]
            if not block[digest]:
                del block[digest]
        raw = json.dumps(inventory, indent=2, sort_keys=True).encode()
        (where / "inventory.json").write_bytes(raw)
        (where / "inventory.json.sha512").write_bytes(
            f"{hashlib.sha512(raw).hexdigest()} inventory.json\n".encode())


def test_an_image_another_tool_replaced_is_found_though_it_wrote_no_sha256_fixity(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """fsck compares each image's sha256, which the record states, with the stored file's:
    from the fixity block, or, where another tool's version left it none, from the bytes."""
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "archive"
    page = next((WECHAT / "html-with-assets").rglob("*.html"))
    added = json.loads(run("ingest", page, "--archive", root, "--no-fetch", "--json").stdout)
    store = Archive.open(root)
    head = store.versions(added["id"])[-1].state
    files = {logical: store.read_bytes(added["id"], logical) for logical in head}
    image = next(logical for logical in files if logical.startswith("assets/"))
    with store.writer():
        store.commit(added["id"], {**files, image: b"not the image the record names"},
                     "another tool's version")
    _without_sha256_fixity(store.object_path(added["id"]), "v2")

    result = run("fsck", "--archive", root, "--json")

    assert result.exit_code == ExitCode.ARCHIVE, result.output
    said = [p for p in json.loads(result.stdout)["problems"]
            if p["path"] == f"{added['id']} v2 record.json"]
    assert said and "sha256 says" in said[0]["message"], result.stdout


def _as_sha256(folder: Path) -> None:
    """Rewrite an object's inventories as another tool keeping sha256 digests would have
    written them (its content left as it is)."""
    import hashlib
    root = json.loads((folder / "inventory.json").read_bytes())
    renamed = {digest: hashlib.sha256((folder / paths[0]).read_bytes()).hexdigest()
               for digest, paths in root["manifest"].items()}
    for where in [folder, *sorted(p for p in folder.iterdir() if p.name.startswith("v"))]:
        inventory = json.loads((where / "inventory.json").read_bytes())
        inventory["digestAlgorithm"] = "sha256"
        inventory["manifest"] = {renamed[d]: paths for d, paths in inventory["manifest"].items()}
        for version in inventory["versions"].values():
            version["state"] = {renamed[d]: paths for d, paths in version["state"].items()}
        inventory.pop("fixity", None)
        raw = json.dumps(inventory, indent=2, sort_keys=True).encode()
        (where / "inventory.json").write_bytes(raw)
        (where / "inventory.json.sha512").unlink()
        (where / "inventory.json.sha256").write_bytes(
            f"{hashlib.sha256(raw).hexdigest()} inventory.json\n".encode())


def test_a_damaged_sha256_object_fails_its_post_alone(archive: Path, tmp_path: Path) -> None:
    """Moving another tool's sha256 object to sha512 reads every stored file first: one
    damaged fails that post before it joins a group commit, and the others are archived."""
    post = tmp_path / "post.md"
    text = SEED.read_text(encoding="utf-8")
    post.write_text(text, encoding="utf-8")
    added = json.loads(run("ingest", post, "--archive", archive, "--no-fetch",
                           "--json").stdout)
    folder = Archive.open(archive).object_path(added["id"])
    _as_sha256(folder)
    stored = next((folder / "v1" / "content" / "source").iterdir())
    stored.write_bytes(stored.read_bytes() + b"!")  # damaged
    post.write_text(text.replace("**作品简介**", "**作品简介（改）**"), encoding="utf-8")

    result = run("ingest", post, OTHER, "--archive", archive, "--no-fetch", "--json")

    assert result.exit_code == ExitCode.ARCHIVE, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["status"] for r in rows] == ["failed", "added"]
    assert "does not match the sha256 digest" in rows[0]["error"]
    assert json.loads((folder / "inventory.json").read_bytes())["head"] == "v1"


def test_fsck_takes_no_digest_of_a_named_pipe_under_an_image_s_name(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where no sha256 fixity names an image, fsck reads its bytes, but never a named
    pipe's (the read would wait for ever): the store's check says what it is."""
    import os
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "archive"
    page = next((WECHAT / "html-with-assets").rglob("*.html"))
    added = json.loads(run("ingest", page, "--archive", root, "--no-fetch", "--json").stdout)
    folder = Archive.open(root).object_path(added["id"])
    _without_sha256_fixity(folder, "v1")
    image = next((folder / "v1" / "content" / "assets").iterdir())
    image.unlink()
    os.mkfifo(image)

    result = run("fsck", "--archive", root)

    assert result.exit_code == ExitCode.ARCHIVE, result.output
    assert f"{image.name}: content file is missing" in result.stdout, result.stdout


@pytest.mark.parametrize(("given", "name"), [("2", "v002"), (2, "v002"), ("v2", "v002"),
                                             ("V2", "v002"), ("v002", "v002"), ("9", "v9")])
def test_a_version_given_by_its_number_names_a_zero_padded_one(given, name) -> None:
    """`show -v 2` and `diff ID 1 2` of an object another tool named v001, v002 …"""
    from archiver.history import version_name
    assert version_name(given, ["v001", "v002", "v003"]) == name


def test_a_root_inventory_put_back_over_a_padded_object_s_newer_version_is_refused(
        tmp_path: Path) -> None:
    """An older root inventory (its sidecar the newer one's, so failing it) with a later
    version's folder beside it hides that version: refused as damage, for v003 then v004 as
    for v3 then v4 (not taken for a commit caught between the inventory and its sidecar)."""
    from archiver.errors import DamagedObject
    store = Archive.open(tmp_path / "archive", create=True)
    folder = install(store.root, "warn-objects", "W001_zero_padded_versions")
    object_id = json.loads((folder / "inventory.json").read_bytes())["id"]
    with store.writer():
        store.commit(object_id, {"a_file.txt": b"v4's"}, "a fourth version")
    assert store.head(object_id) == "v004"
    shutil.copy(folder / "v003" / "inventory.json", folder / "inventory.json")

    with pytest.raises(DamagedObject):
        Archive.open(store.root).head(object_id)
