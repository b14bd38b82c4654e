"""Code versions: a script's digest follows exactly the package modules it uses."""

from cs229ps2.pipeline.codehash import _sources, code_digest, file_digest


def used_modules(script, package):
    return sorted(_sources(script, package))


def make_package(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from pkg import b\n\ndef f():\n    return b.g()\n")
    (pkg / "b.py").write_text("def g():\n    return 1\n")
    (pkg / "c.py").write_text("def h():\n    return 2\n")
    (pkg / "d.py").write_text("from .c import h\n")
    script = tmp_path / "script.py"
    script.write_text("import numpy\nfrom pkg.a import f\n\nprint(f())\n")
    return pkg, script


def test_transitive_imports_are_followed(tmp_path):
    pkg, script = make_package(tmp_path)
    assert [p.name for p in used_modules(script, pkg)] == ["__init__.py", "a.py", "b.py"]
    other = tmp_path / "other.py"
    other.write_text("import pkg.d\n")
    assert [p.name for p in used_modules(other, pkg)] == ["__init__.py", "c.py", "d.py"]


def test_digest_changes_with_used_code_only(tmp_path):
    pkg, script = make_package(tmp_path)
    before = code_digest(script, pkg)
    (pkg / "c.py").write_text("def h():\n    return 3\n")  # not used by the script
    assert code_digest(script, pkg) == before
    (pkg / "b.py").write_text("# a comment\ndef g():\n    return 1  # same code\n")
    assert code_digest(script, pkg) == before  # comments and layout do not count
    (pkg / "b.py").write_text("def g():\n    return 2\n")  # used through a.py
    assert code_digest(script, pkg) != before


def test_a_files_digest_follows_its_code_and_what_it_uses_not_its_comments(tmp_path):
    pkg, _ = make_package(tmp_path)
    a, b = pkg / "a.py", pkg / "b.py"
    before = file_digest(a, pkg)
    a.write_text("# a comment\n" + a.read_text())
    assert file_digest(a, pkg) == before
    b.write_text("def g():\n    return 2\n")  # used by a
    changed = file_digest(a, pkg)
    assert changed != before
    a.write_text(a.read_text().replace("return b.g()", "return b.g() + 1"))  # a's own code
    assert file_digest(a, pkg) != changed
