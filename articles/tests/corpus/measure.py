"""Importing the corpus as an editor would and reading back what was stored, for the judge.

Each pass imports the articles with `call_command("import_article", path)` inside one
transaction and rolls it back, so passes in different orders start from the same database
(the sources the migrations seed) and nothing is left behind. `bench/accuracy.py` runs this
on a throwaway test database; `test_corpus.py` runs it inside pytest's.
"""

from dataclasses import dataclass
from io import StringIO

from django.core.management import call_command
from django.db import transaction

from articles.models import Article

from . import expected as corpus
from .judge import ArticleScore, Totals, judge_article, order_differences, plain_text, short


def source_data(source):
    if source is None:
        return None
    return {"name": source.name, "kind": source.kind, "aliases": source.alias_list()}


def figure_data(figure):
    return {"caption": figure.caption, "credit": figure.credit, "credit_parts": figure.credit_parts}


def observe(article):
    """The stored article in the expected file's shape (plus the first paragraph, for the dateline)."""
    lead = article.lead_figure_or_none
    sections, quotes, first_paragraph, paragraph_number = [], [], None, 0
    for section in article.sections.all():
        entry = {"heading": section.heading or None, "paragraphs": 0, "figures": [], "other_blocks": 0}
        for block in section.blocks.all():
            specific = block.specific
            if block.kind == "paragraph":
                paragraph_number += 1
                entry["paragraphs"] += 1
                if first_paragraph is None:
                    first_paragraph = {
                        "text": plain_text(specific.text),
                        "sources": [source_data(source) for source in block.sources.all()],
                    }
                quotes += [
                    {
                        "paragraph": paragraph_number,
                        "text": quote.text,
                        "speaker": source_data(quote.speaker),
                        "outlet": source_data(quote.source),
                    }
                    for quote in specific.quotes.all()
                ]
            elif block.kind == "figure":
                entry["figures"].append(figure_data(specific))
            else:
                entry["other_blocks"] += 1
        sections.append(entry)
    return {
        "headline": article.headline,
        "standfirst": article.standfirst,
        "lead_figure": figure_data(lead) if lead else None,
        "sections": sections,
        "first_paragraph": first_paragraph,
        "quotes": quotes,
    }


def import_and_observe(path):
    """Import one file through the command; its observed article, or {"error": …}."""
    output = StringIO()
    try:
        with transaction.atomic():
            call_command("import_article", str(path), stdout=output)
    except Exception as error:  # One failing article is a finding, not the end of the report.
        return {"error": f"{type(error).__name__}: {error}"}
    slug = output.getvalue().strip().splitlines()[-1]
    return observe(Article.objects.with_body().get(slug=slug))


def import_pass(paths):
    """{stem: observed article} after importing `paths` in this order into the current database,
    which is left as it was."""
    with transaction.atomic():
        observed = {path.stem: import_and_observe(path) for path in paths}
        transaction.set_rollback(True)
    return observed


def name_of(path):
    return path.name.removesuffix(".txt")


@dataclass
class Measurement:
    scores: list
    seed: ArticleScore

    @property
    def totals(self):
        return Totals.of(self.scores)


def measure(texts=None):
    """Import the corpus forward and in reverse, and the seed alone; judge all three."""
    texts = list(texts or corpus.corpus_texts())
    forward = import_pass(texts)
    reverse = import_pass(list(reversed(texts)))
    scores = []
    for path in texts:
        expected = corpus.load(corpus.expected_path(path))
        score = judge_article(name_of(path), expected, forward[path.stem])
        backwards = judge_article(name_of(path), expected, reverse[path.stem])
        score.wrong += [f"{finding} (in reverse order)" for finding in backwards.wrong if finding not in score.wrong]
        score.order = order_differences(forward[path.stem], reverse[path.stem])
        scores.append(score)
    seed = import_pass([corpus.SEED_TEXT])[corpus.SEED_TEXT.stem]
    seed_score = judge_article("seed " + corpus.SEED_TEXT.stem, corpus.load(corpus.SEED_EXPECTED), seed)
    return Measurement(scores, seed_score)


COLUMNS = (
    ("article", 34),
    ("quotes", 8),
    ("speakers", 9),
    ("outlets", 8),
    ("wrong", 6),
    ("missed", 7),
    ("invented", 9),
    ("structure", 10),
    ("order", 6),
)


def row(score):
    return (
        score.name,
        f"{score.quotes_found}/{score.quotes_expected}",
        f"{score.speakers_right}/{score.speakers_named}",
        f"{score.outlets_right}/{score.outlets_named}",
        len(score.wrong),
        len(score.missed),
        len(score.invented),
        len(score.structure),
        len(score.order),
    )


def line(values):
    (name, width), *rest = COLUMNS
    return f"{short(str(values[0]), width):<{width}}" + "".join(
        f"{value!s:>{width}}" for value, (_, width) in zip(values[1:], rest, strict=True)
    )


def report(measurement, verbose=False):
    """The table per article, the totals, the seed's check and every finding, as text."""
    lines = [line([name for name, _ in COLUMNS]), "-" * sum(width for _, width in COLUMNS)]
    lines += [line(row(score)) for score in measurement.scores]
    totals = measurement.totals
    lines += [
        "-" * sum(width for _, width in COLUMNS),
        line(
            (
                f"total ({totals.articles} articles)",
                f"{totals.quotes_found}/{totals.quotes_expected}",
                f"{totals.speakers_right}/{totals.speakers_named}",
                f"{totals.outlets_right}/{totals.outlets_named}",
                totals.wrong,
                totals.missed,
                totals.invented,
                totals.structure,
                totals.order,
            )
        ),
        line(row(measurement.seed)),
        "",
        f"quotes found      {totals.share('quotes_found', 'quotes_expected'):6.1%}  (floor 95%)",
        f"speakers right    {totals.share('speakers_right', 'speakers_named'):6.1%}  (floor 90%)",
        f"outlets right     {totals.share('outlets_right', 'outlets_named'):6.1%}  (floor 90%)",
        f"wrong attributions {totals.wrong:5}  (floor 0)",
        f"invented quotes   {totals.invented:6}  (floor 0)",
        f"structure right   {totals.structure_right:3}/{totals.articles}  (floor: every article)",
        f"order differences {totals.order:6}  (floor 0)",
        f"seed              {measurement.seed.quotes_found}/{measurement.seed.quotes_expected} quotes, "
        f"{measurement.seed.speakers_right}/{measurement.seed.speakers_named} speakers, "
        f"{measurement.seed.outlets_right}/{measurement.seed.outlets_named} outlets, "
        f"{len(measurement.seed.wrong)} wrong",
    ]
    kinds = ["wrong", "invented", "structure", "order"] + (["missed", "kinds"] if verbose else [])
    for score in [*measurement.scores, measurement.seed]:
        findings = [(kind, finding) for kind in kinds for finding in getattr(score, kind)]
        if findings:
            lines += ["", score.name] + [f"  {kind:<9} {finding}" for kind, finding in findings]
    return "\n".join(lines)
