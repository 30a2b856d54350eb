"""Train the reference-string CRF (archiver/citations/models/refs.crfsuite) and score it.

Deterministic: the same gold gives the same split, the same token labels and a byte-identical
model (L-BFGS has no random start; features and sequences are produced in file order).

Data: ``../shared/corpus/references/gold.jsonl`` (2,218 printed references from four sources:
AnyStyle's parser gold, GROBID citation training data, PMC articles, GB/T 7714-2015 examples;
see the README beside it). Token labels come from aligning each gold field back onto the
tokens of the string (``Aligner``): DOI tokens; the author span (gold ``author-text``, else the
span whose name words match the gold persons, trailing initials included); title; container
(first free occurrence after the title); then year, volume, issue and page, each the first free
occurrence after the previous field (pages compared by first/last page). Fields the gold leaves
out but the string prints get weak labels (``Aligner.weak_labels``), and every ``other`` token
after a field becomes ``o-<field>`` (``Aligner.remember_fields``). A row whose title, author or
container cannot be placed is left out of training (1 of 2,218).

Split (fixed, per source): fold = ``sha1(id) % 5``; a reference is HELD OUT when its fold is 0
(about 20 % of every source: anystyle, grobid, pmc-nxml, gbt7714); the rest is TRAIN. The
held-out rows are written to ``tests/fixtures/references/heldout.jsonl`` for the test suite.

Reports, all scored with the functions of ``../shared/tools/eval_refs.py`` (imported by path
here only; the package does not depend on ../shared):
  1. model trained on TRAIN, scored on HELD-OUT, per field, language and source;
  2. --cv: 5-fold cross-validation over all rows by the same folds (fold 0 = HELD-OUT), the
     steadier estimate for the 123 Chinese references;
  3. leave-one-source-out: trained on every other source (all of their rows), scored on the
     left-out source, to show how the model carries over to a style it has never seen;
  4. the shipped model (see --final): trained on TRAIN by default, so that the held-out scores
     above and the held-out test in tests/citations stay honest measurements of it; its score
     on all gold, its load time in a fresh interpreter and its parsing rate.

The CRF settings (PARAMS) were chosen by 4-fold cross-validation inside TRAIN (folds 1-4; the
held-out fold untouched): c1 in {0.01, 0.05, 0.1, 0.2} x c2 in {0.001, 0.01, 0.05}; all lay
within 0.968-0.971 field F1, c1=0.05 c2=0.05 was best (docs/refs.md has the table).

Usage (from the project root; about 5 minutes on two cores, 10 with --cv):
  .venv/bin/python bench/train_refs.py                 # reports 1, 3, 4 + write the model
  .venv/bin/python bench/train_refs.py --cv            # ... and report 2
  .venv/bin/python bench/train_refs.py --no-loso       # skip the leave-one-source-out runs
  .venv/bin/python bench/train_refs.py --final all     # ship a model trained on every row
  .venv/bin/python bench/train_refs.py --only-cv --show-errors 50 --errors-lang zh
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import io
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pycrfsuite

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from archiver.citations import parse as P  # noqa: E402
from archiver.citations.parse import model as M  # noqa: E402
from archiver.citations.parse import token_features as F  # noqa: E402

SHARED = ROOT.parent / "shared"
GOLD = SHARED / "corpus" / "references" / "gold.jsonl"
SCORER = SHARED / "tools" / "eval_refs.py"
MODEL = ROOT / "archiver" / "citations" / "models" / "refs.crfsuite"
HELDOUT_FIXTURE = ROOT / "tests" / "fixtures" / "references" / "heldout.jsonl"
SOURCES = ("anystyle", "grobid", "pmc-nxml", "gbt7714")

PARAMS = {
    "c1": 0.05,
    "c2": 0.05,
    "max_iterations": 250,
    "feature.possible_transitions": True,
}


def load_scorer() -> Any:
    spec = importlib.util.spec_from_file_location("eval_refs", SCORER)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer {SCORER}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


E = load_scorer()


def source_of(row: dict) -> str:
    return row["source"].split("/")[0]


def fold_of(row: dict) -> int:
    """0-4 by a hash of the id; fold 0 is the held-out split."""
    return int(hashlib.sha1(row["id"].encode()).hexdigest(), 16) % 5


def is_heldout(row: dict) -> bool:
    """The fixed split: about one row in five of every source, chosen by a hash of its id."""
    return fold_of(row) == 0


# -- alignment -------------------------------------------------------------------------------------

class Aligner:
    """Label the tokens of one gold reference from its field values."""

    def __init__(self, row: dict) -> None:
        self.row = row
        self.text = P.clean_text(row["text"])
        self.tokens = P.tokenize(self.text)
        self.norms = [E.norm(t.text) for t in self.tokens]
        self.labels = ["other"] * len(self.tokens)
        self.missing: list[str] = []

    def spans_by_norm(self, target: str) -> list[tuple[int, int]]:
        """Free token spans whose normalised text is exactly ``target``."""
        out = []
        if not target:
            return out
        n = len(self.tokens)
        for i in range(n):
            if not self.norms[i] or self.labels[i] != "other" \
                    or not target.startswith(self.norms[i]):
                continue
            acc, j = self.norms[i], i
            while acc != target and j + 1 < n and self.labels[j + 1] == "other":
                j += 1
                acc += self.norms[j]
                if not target.startswith(acc):
                    break
            if acc == target:
                out.append((i, j))
        return out

    def spans_by_pages(self, gold: str) -> list[tuple[int, int]]:
        want = E.pages(gold)
        out = []
        n = len(self.tokens)
        for i in range(n):
            if not self.norms[i] or self.labels[i] != "other":
                continue
            for j in range(i, min(n, i + 7)):
                if self.labels[j] != "other":
                    break
                span = self.text[self.tokens[i].start:self.tokens[j].end]
                if self.norms[j] and E.pages(span) == want:
                    out.append((i, j))
        return out

    def mark(self, span: tuple[int, int], label: str) -> None:
        for k in range(span[0], span[1] + 1):
            self.labels[k] = label

    @staticmethod
    def pick(spans: list[tuple[int, int]], after: int) -> tuple[int, int] | None:
        """The first span starting after ``after``, else the last one before it."""
        later = [s for s in spans if s[0] > after]
        if later:
            return later[0]
        return spans[-1] if spans else None

    def author_span(self, gold: dict) -> tuple[int, int] | None:
        if gold.get("author-text"):
            spans = self.spans_by_norm(E.norm(gold["author-text"]))
            if spans:
                return spans[0]
        key = E.gold_value(gold, "author")
        if key is None:
            return None
        n = len(self.tokens)
        # exact match of the name words first; then a relaxed one (every gold name word present)
        # for synthetic PMC strings whose gold splits initials the text prints joined ("N-H")
        for relaxed in (False, True):
            for i in range(min(n, 8)):
                if not self.norms[i]:
                    continue
                for j in range(i, n):
                    if not self.norms[j]:
                        continue
                    cand = E.name_key(self.text[self.tokens[i].start:self.tokens[j].end])
                    if E.author_match(key, cand) or relaxed and key[2] == cand[2] and not (
                            key[0] - cand[1]):
                        return i, self.extend_initials(j, key[1])
        return None

    def extend_initials(self, j: int, allowed: Counter) -> int:
        """The shortest span whose name words match leaves out a final initial, which the
        scorer ignores ("van Oudenaarden A", "Murray W. M."): take trailing initials in."""
        toks = self.tokens
        n = len(toks)

        def initial(k: int) -> bool:
            t = toks[k].text
            return toks[k].kind == "L" and t.isupper() and (
                len(t) == 1 or len(t) <= 3 and (E.fold(t) in allowed or toks[k - 1].kind == "L"))

        k = j + 1
        while k < n:
            if initial(k):
                j = k
            elif toks[k].text in ".-" and k + 1 < n and initial(k + 1) and not (
                    k + 2 < n and toks[k + 2].kind == "L" and toks[k + 2].text[1:].islower()):
                pass  # "W. M." / "Y.-W." continue; "A. Study" does not
            else:
                break
            k += 1
        return j

    def extend_etal(self, span: tuple[int, int]) -> tuple[int, int]:
        """Take a following "et al." / 等 / "and others" into the author span."""
        i, j = span
        k = j + 1
        n = len(self.tokens)
        while k < n and self.tokens[k].text in {",", "."}:
            k += 1
        if k + 1 < n and self.norms[k] == "et" and self.norms[k + 1] == "al":
            return i, k + 1
        if k < n and self.tokens[k].text == "等":
            return i, k
        if k + 1 < n and self.norms[k] == "and" and self.norms[k + 1] == "others":
            return i, k + 1
        return span

    def run(self) -> list[str]:
        gold = self.row["gold"]
        # DOI tokens
        if gold.get("DOI"):
            want = E.doi(gold["DOI"])
            hit = False
            for k, tok in enumerate(self.tokens):
                if tok.kind in "DU" and want and want in E.fold(tok.text):
                    self.labels[k] = "doi"
                    hit = True
            if not hit:
                self.missing.append("DOI")
        end = -1
        if gold.get("author") or gold.get("author-text"):
            span = self.author_span(gold)
            if span:
                span = self.extend_etal(span)
                self.mark(span, "author")
                end = span[1]
            else:
                self.missing.append("author")
        for field, label in (("title", "title"), ("container-title", "container")):
            if not gold.get(field):
                continue
            value = gold[field][0] if isinstance(gold[field], list) else gold[field]
            span = self.pick(self.spans_by_norm(E.norm(value)), end)
            if span:
                self.mark(span, label)
                end = max(end, span[1])
            else:
                self.missing.append(field)
        anchor = end
        year = E.year(gold.get("issued"))
        if year:
            spans = [(k, k) for k, t in enumerate(self.tokens)
                     if t.kind == "N" and t.text == str(year) and self.labels[k] == "other"]
            if spans:
                self.mark(spans[0], "year")
            else:
                self.missing.append("year")
        for field in ("volume", "issue", "page"):
            if not gold.get(field):
                continue
            value = str(gold[field])
            spans = []
            if field == "page":
                spans = self.spans_by_pages(value)
                if not spans:
                    spans = self.spans_by_norm(E.norm(value))
                if not spans:  # AnyStyle's "ages 148-156" (the p of "pages" lost)
                    stripped = value.lstrip("abcdefghijklmnopqrstuvwxyz ")
                    if stripped != value and stripped:
                        spans = self.spans_by_pages(stripped)
            else:
                spans = self.spans_by_norm(E.norm(value))
            span = self.pick(spans, anchor)
            if span:
                self.mark(span, field)
                anchor = max(anchor, span[1])
            else:
                self.missing.append(field)
        self.weak_labels()
        self.remember_fields()
        return self.labels

    def remember_fields(self) -> None:
        """Label every ``other`` token after a field ``o-<field>``: other, after that field.

        A first-order CRF sees only the previous label; with plain ``other`` between fields it
        cannot tell title ``.`` container from author ``.`` container, nor a publisher after a
        title from one after a container. The parser reads every ``o-*`` label as ``other``.
        (Measured by 5-fold cross-validation: field F1 0.964 with plain ``other``, 0.953 with
        separators given to the field before them, 0.972 with ``o-<field>``.)"""
        labels = self.labels
        for k in range(1, len(labels)):
            prev = labels[k - 1]
            if labels[k] == "other" and prev != "other":
                labels[k] = prev if prev.startswith("o-") else "o-" + prev

    def weak_labels(self) -> None:
        """Label fields the gold leaves out although the string prints them, so that the CRF
        is not taught that they are ``other`` (the scorer ignores fields the gold lacks, so
        this changes training only): the creator printed before the title (GB/T editors and
        corporate authors, "Brown, L. E. (Ed.)"), a Vancouver year before ";" or in "(2009)",
        and pages right after the volume/issue ("33:183-201")."""
        gold, labels, toks = self.row["gold"], self.labels, self.tokens
        n = len(toks)
        if not (gold.get("author") or gold.get("author-text")) and "title" in labels:
            ti = labels.index("title")
            k = 0
            while k < ti and (toks[k].kind == "P" or toks[k].kind == "N" and k + 1 < ti
                              and toks[k + 1].text in ".])"):
                k += 1  # list numbering: "[2]", "54."
            j = ti - 1
            while j >= k and toks[j].kind == "P":
                j -= 1
            span = range(k, j + 1)
            texts = {toks[i].text.casefold() for i in span}
            if span and all(labels[i] == "other" for i in span) and not any(
                    toks[i].kind == "N" or toks[i].text in F._QUOTE_PAIRS_ALL for i in span) \
                    and len(span) <= 40 and toks[j + 1].text == "." if j + 1 < n else False:
                editor_words = {"ed", "eds", "editor", "editors", "hrsg", "hg", "dir", "coord"}
                for i in span:
                    if toks[i].text.casefold() not in editor_words and not (
                            toks[i].text == "(" and texts & editor_words):
                        labels[i] = "author"
                # keep "(Eds.)" and the like outside the span
                while j >= k and (toks[j].kind == "P" or toks[j].text.casefold() in editor_words):
                    labels[j] = "other"
                    j -= 1
        if not gold.get("issued") and source_of(self.row) == "anystyle":
            for i, tok in enumerate(toks):
                if labels[i] == "other" and tok.kind == "N" and len(tok.text) == 4 \
                        and 1500 <= int(tok.text) <= 2099 and (
                            i + 1 < n and toks[i + 1].text == ";"
                            or 0 < i < n - 1 and toks[i - 1].text == "("
                            and toks[i + 1].text == ")"):
                    labels[i] = "year"
                    break
        if not gold.get("page") and ("volume" in labels or "issue" in labels):
            last = max(i for i, lab in enumerate(labels) if lab in ("volume", "issue"))
            k = last + 1
            if k < n and toks[k].text in ":)" and toks[k].kind == "P":
                k += 1 if toks[k].text == ":" else 2 if k + 1 < n and toks[k + 1].text == ":" else 0
            if k > last + 1 and k + 2 < n and toks[k].kind == "N" and toks[k + 1].text in "-–—" \
                    and toks[k + 2].kind == "N" and all(lab == "other" for lab in labels[k:k + 3]):
                for i in range(k, k + 3):
                    labels[i] = "page"


def align(row: dict) -> tuple[list[P.Token], list[str], list[str]]:
    a = Aligner(row)
    labels = a.run()
    return a.tokens, labels, a.missing


# -- training and scoring --------------------------------------------------------------------------

def train(rows: list[dict], path: Path, params: dict | None = None) -> dict[str, int]:
    """Train on ``rows`` and write the model to ``path``; returns alignment statistics."""
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params(dict(PARAMS, **(params or {})))
    stats = {"rows": 0, "skipped": 0}
    for row in rows:
        tokens, labels, missing = align(row)
        if not tokens:
            continue
        # a row whose title or author could not be placed would teach wrong "other" labels
        if {"title", "author", "container-title"} & set(missing):
            stats["skipped"] += 1
            continue
        trainer.append(F.features(tokens), labels)
        stats["rows"] += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    return stats


def predict(rows: list[dict], model: Path) -> list[dict]:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    M._TAGGER, M._LOADED = tagger, True
    try:
        return [P.parse_reference(r["text"]) for r in rows]
    finally:
        M._TAGGER, M._LOADED = None, False


def _cv_fold(rows: list[dict], fold: int, model: str) -> dict[str, dict]:
    """Train without one fold and predict it (run in a worker process)."""
    train([r for r in rows if fold_of(r) != fold], Path(model))
    test = [r for r in rows if fold_of(r) == fold]
    return dict(zip([r["id"] for r in test], predict(test, Path(model)), strict=True))


def evaluate(rows: list[dict], preds: list[dict], title: str, quiet: bool = False,
             show_errors: int = 0, errors_lang: str | None = None) -> tuple:
    counts, perfect, errors = E.score(rows, preds)
    if errors_lang:
        langs = {r["id"]: r["lang"] for r in rows}
        errors = [e for e in errors if langs[e[0]] == errors_lang]
    buf = io.StringIO()
    with redirect_stdout(buf):
        f1, zf1, inst, n = E.report(counts, perfect, quiet)
    print(f"\n== {title}")
    if not quiet:
        print(buf.getvalue().rstrip())
    for rid, field, text, g, p in errors[:show_errors]:
        print(f"  {rid} {field}: gold={g!r} got={p!r}\n    {text[:200]}")
    print(f"{title}: field_f1={f1:.3f} zh_field_f1={zf1:.3f} instance={inst:.3f} n={n}")
    return f1, zf1, inst, n


def measure_speed(rows: list[dict]) -> None:
    """Load time of the shipped model in a fresh interpreter (import of the parser module and
    pycrfsuite included, interpreter start-up excluded; median of 5) and parsing rate over
    every gold string (single thread)."""
    code = ("import time; t = time.perf_counter(); "
            "from archiver.citations.parse import model; model._tagger(); "
            "print(time.perf_counter() - t)")
    loads = sorted(float(subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True,
                                        capture_output=True, text=True).stdout)
                   for _ in range(5))
    texts = [r["text"] for r in rows]
    M._LOADED = False
    P.parse_reference(texts[0])
    start = time.perf_counter()
    for t in texts:
        P.parse_reference(t)
    elapsed = time.perf_counter() - start
    print(f"speed: model load {loads[2] * 1000:.0f} ms (import + open, median of 5); "
          f"{len(texts) / elapsed:.0f} references/s ({elapsed / len(texts) * 1000:.2f} ms each, "
          f"{len(texts)} gold strings, one thread)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--final", choices=("train", "all"), default="train",
                    help="rows the shipped model is trained on (default: the TRAIN split)")
    ap.add_argument("--no-loso", action="store_true", help="skip leave-one-source-out runs")
    ap.add_argument("--no-write", action="store_true", help="do not write the shipped model")
    ap.add_argument("--alignment", action="store_true", help="print alignment failures")
    ap.add_argument("--show-errors", type=int, default=0, metavar="N",
                    help="print the first N held-out field errors")
    ap.add_argument("--errors-lang", help="only show errors of this language (en, zh, ...)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="worker processes for the cross-validation folds")
    ap.add_argument("--only-cv", action="store_true",
                    help="cross-validation only (implies --cv --no-loso --no-write)")
    ap.add_argument("--cv", action="store_true",
                    help="also run 5-fold cross-validation over all rows (folds by id hash)")
    a = ap.parse_args(argv)
    if a.only_cv:
        a.cv, a.no_loso, a.no_write = True, True, True

    rows = [json.loads(line) for line in a.gold.read_text(encoding="utf-8").splitlines() if line]
    train_rows = [r for r in rows if not is_heldout(r)]
    held_rows = [r for r in rows if is_heldout(r)]
    print(f"gold: {len(rows)} rows; train {len(train_rows)}, held out {len(held_rows)}")
    for src in SOURCES:
        t = sum(source_of(r) == src for r in train_rows)
        h = sum(source_of(r) == src for r in held_rows)
        print(f"  {src:<10} train {t:>5}  held out {h:>4}")

    if a.alignment:
        for r in rows:
            _tokens, _labels, missing = align(r)
            if missing:
                print(r["id"], missing, r["text"][:150])

    with tempfile.TemporaryDirectory() as tmp:
        tmp_model = Path(tmp) / "split.crfsuite"
        if not a.only_cv:
            start = time.perf_counter()
            stats = train(train_rows, tmp_model)
            print(f"\ntrained on TRAIN in {time.perf_counter() - start:.1f}s: {stats}")
            evaluate(held_rows, predict(held_rows, tmp_model), "held-out (trained on TRAIN)",
                     show_errors=a.show_errors, errors_lang=a.errors_lang)

        if a.cv:
            preds_by_id: dict[str, dict] = {}
            jobs = [(rows, fold, str(Path(tmp) / f"cv-{fold}.crfsuite")) for fold in range(5)]
            with multiprocessing.Pool(min(a.jobs, 5)) as pool:
                for part in pool.starmap(_cv_fold, jobs):
                    preds_by_id.update(part)
            evaluate(rows, [preds_by_id[r["id"]] for r in rows], "5-fold cross-validation",
                     show_errors=a.show_errors, errors_lang=a.errors_lang)

        if not a.no_loso:
            for src in SOURCES:
                others = [r for r in rows if source_of(r) != src]
                target = [r for r in rows if source_of(r) == src]
                m = Path(tmp) / f"loso-{src}.crfsuite"
                train(others, m)
                evaluate(target, predict(target, m), f"leave-one-source-out: {src}", quiet=True)

        if not a.no_write:
            final_rows = rows if a.final == "all" else train_rows
            stats = train(final_rows, MODEL)
            print(f"\nshipped model: trained on {a.final.upper()} ({stats}) -> "
                  f"{MODEL.relative_to(ROOT)} ({MODEL.stat().st_size / 1e6:.2f} MB)")
            evaluate(rows, predict(rows, MODEL), "shipped model on all gold", quiet=True)
            measure_speed(rows)
            HELDOUT_FIXTURE.parent.mkdir(parents=True, exist_ok=True)
            HELDOUT_FIXTURE.write_text(
                "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in held_rows),
                encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
