"""The attribution corpus of issue 10: its records, the judge that scores imports against them,
and the floors the importer must reach (articles/tests/corpus/README.md)."""

import copy

import pytest

from articles.models import Article, Source
from articles.tests.corpus import expected as corpus
from articles.tests.corpus.judge import (
    Totals,
    floor_failures,
    judge_article,
    normalise_name,
    order_differences,
)
from articles.tests.corpus.measure import import_pass, measure, report

TEXTS = corpus.corpus_texts()


def record(name):
    return corpus.load(corpus.expected_path(corpus.CORPUS / f"{name}.txt"))


def source(name, kind="person", aliases=()):
    return {"name": name, "kind": kind, "aliases": list(aliases)}


def perfect_import(expected):
    """What an importer that agrees with the editor in everything would store."""
    first_paragraph = {"text": "", "sources": []}
    if expected.get("dateline"):
        first_paragraph = {
            "text": f"{expected['dateline']} …",
            "sources": [source(expected["dateline_source"], "news_agency")],
        }
    return {
        "headline": expected["headline"],
        "standfirst": expected["standfirst"],
        "lead_figure": copy.deepcopy(expected["lead_figure"]),
        "sections": [
            {
                "heading": section["heading"],
                "paragraphs": section["paragraphs"],
                "figures": copy.deepcopy(section.get("figures", [])),
                "other_blocks": 0,
            }
            for section in expected["sections"]
        ],
        "first_paragraph": first_paragraph,
        "quotes": [
            {
                "paragraph": quote["paragraph"],
                "text": quote["text"],
                "speaker": quote["speaker"] and source(quote["speaker"], quote["speaker_kind"]),
                "outlet": quote["outlet"] and source(quote["outlet"], quote["outlet_kind"]),
            }
            for quote in expected["quotes"]
        ],
    }


# --- The records ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text_path", TEXTS, ids=[path.stem for path in TEXTS])
def test_every_article_has_an_expected_file_that_agrees_with_its_text(text_path):
    assert corpus.expected_path(text_path).exists()
    expected = corpus.load(corpus.expected_path(text_path))
    assert corpus.expected_problems(text_path.read_text(encoding="utf-8"), expected) == []
    paragraphs = sum(section["paragraphs"] for section in expected["sections"])
    assert 4 <= paragraphs <= 15


def test_no_expected_file_is_left_without_its_article():
    records = {path.name.removesuffix(".expected.json") for path in corpus.CORPUS.glob("*.expected.json")}
    assert records == {path.stem for path in TEXTS}


def test_the_corpus_has_at_least_32_articles_with_14_in_each_language_and_distinct_headlines():
    records = [corpus.load(corpus.expected_path(path)) for path in TEXTS]
    languages = [expected["language"] for expected in records]
    assert len(records) >= 32
    assert languages.count("es") >= 14 and languages.count("en") >= 14
    assert len({expected["headline"] for expected in records}) == len(records)


def test_the_corpus_exercises_every_attribution_cue_and_structure_of_issue_10():
    records = [corpus.load(corpus.expected_path(path)) for path in TEXTS]
    cues = {cue for expected in records for quote in expected["quotes"] for cue in quote["cues"]}
    features = {feature for expected in records for feature in expected.get("features", [])}
    assert cues == corpus.CUES
    assert features == corpus.FEATURES
    assert any(expected.get("terms") for expected in records)
    assert any(figure for expected in records for section in expected["sections"] for figure in section["figures"])


def test_the_seed_record_agrees_with_the_seed_text():
    expected = corpus.load(corpus.SEED_EXPECTED)
    assert corpus.expected_problems(corpus.SEED_TEXT.read_text(encoding="utf-8"), expected, corpus_rules=False) == []
    # The Security Council is an organisation: its quote keeps the outlet and no speaker (issue 10).
    assert [(quote["speaker"], quote["outlet"]) for quote in expected["quotes"]] == [
        (None, "TASS"),
        ("Kim Jong-un", "KCNA"),
        ("Sergei Shoigu", None),
        ("Informador militar", None),
        ("Emmanuel Macron", None),
    ]


def test_a_record_that_miscounts_paragraphs_or_forgets_a_quote_is_refused():
    text = (corpus.CORPUS / "007_alquiler_ciudades_medianas.txt").read_text(encoding="utf-8")
    expected = record("007_alquiler_ciudades_medianas")
    miscounted = copy.deepcopy(expected)
    miscounted["sections"][1]["paragraphs"] += 1
    forgotten = copy.deepcopy(expected)
    del forgotten["quotes"][2]
    misnamed = copy.deepcopy(expected)
    misnamed["quotes"][0]["speaker"] = "Laura Méndez"
    assert any("sections differ" in problem for problem in corpus.expected_problems(text, miscounted))
    assert any("not all recorded" in problem for problem in corpus.expected_problems(text, forgotten))
    assert any("Laura Méndez" in problem for problem in corpus.expected_problems(text, misnamed))


def test_quotes_inside_quotes_belong_to_the_outer_quote_and_apostrophes_are_letters():
    paragraph = "“People told me, ‘You are wasting your time,’ and I did not listen,” she said. It's «mine “too”»."
    assert corpus.quoted_spans(paragraph) == [
        "People told me, ‘You are wasting your time,’ and I did not listen,",
        "mine “too”",
    ]


# --- The judge -----------------------------------------------------------------------------------


def test_an_import_that_agrees_with_the_editor_scores_every_quote_speaker_and_outlet():
    scores = [judge_article(path.stem, record(path.stem), perfect_import(record(path.stem))) for path in TEXTS]
    totals = Totals.of(scores)
    assert totals.quotes_found == totals.quotes_expected > 0
    assert totals.speakers_right == totals.speakers_named > 0
    assert totals.outlets_right == totals.outlets_named > 0
    assert totals.wrong == totals.missed == totals.invented == totals.structure == 0
    assert floor_failures(scores, seed_score=scores[0]) == []


def test_a_different_person_with_the_same_surname_is_a_wrong_speaker_not_a_right_one():
    expected = record("007_alquiler_ciudades_medianas")
    observed = perfect_import(expected)
    observed["quotes"][1]["speaker"] = source("Laura Méndez")
    score = judge_article("007", expected, observed)
    assert score.speakers_right == score.speakers_named - 1
    assert score.wrong == [
        "p3 “En Zaragoza hay barrios donde uno de ca…”: speaker Laura Méndez instead of Carlos Méndez"
    ]


def test_a_surname_alone_is_not_the_full_name_the_text_gives():
    expected = record("007_alquiler_ciudades_medianas")
    observed = perfect_import(expected)
    observed["quotes"][1]["speaker"] = source("Méndez")
    assert len(judge_article("007", expected, observed).wrong) == 1


def test_an_empty_speaker_or_outlet_is_missed_not_wrong():
    expected = record("004_argentina_inflacion")
    observed = perfect_import(expected)
    observed["quotes"][0]["speaker"] = None
    observed["quotes"][0]["outlet"] = None
    score = judge_article("004", expected, observed)
    assert score.wrong == []
    assert score.missed == [
        "p2 “La inflación se está muriendo y no la v…”: speaker Esteban Quiroga left empty",
        "p2 “La inflación se está muriendo y no la v…”: outlet X left empty",
    ]
    assert (score.speakers_right, score.outlets_right) == (score.speakers_named - 1, score.outlets_named - 1)


def test_a_name_where_the_editor_records_nobody_is_wrong():
    expected = record("008_chile_mina_derrumbe")
    observed = perfect_import(expected)
    anonymous = next(quote for quote in observed["quotes"] if quote["text"].startswith("Lo avisamos"))
    anonymous["speaker"] = source("Associated Press", "news_agency", ["AP"])
    assert judge_article("008", expected, observed).wrong == [
        "p4 “Lo avisamos el viernes y nos dijeron qu…”: speaker Associated Press instead of nobody"
    ]


def test_an_alias_declared_on_the_source_and_honorifics_and_leading_articles_are_accepted():
    expected = record("010_measles_england")
    observed = perfect_import(expected)
    observed["quotes"][1]["speaker"] = source("Dr. Hannah Okafor")
    expected_bbc = next(quote for quote in observed["quotes"] if quote["outlet"])
    expected_bbc["outlet"] = source("British Broadcasting Corporation", "media", ["BBC"])
    score = judge_article("010", expected, observed)
    assert (score.wrong, score.missed) == ([], [])
    assert normalise_name("The Guardian") == normalise_name("guardian")
    assert normalise_name("Méndez") != normalise_name("Laura Méndez")


def test_the_organisation_that_spoke_may_be_recorded_as_the_speaker_but_no_one_else():
    expected = record("002_riada_riberas_del_tajo")
    observed = perfect_import(expected)
    observed["quotes"][1]["speaker"] = source("Ayuntamiento de Riberas del Tajo", "government")
    assert judge_article("002", expected, observed).wrong == []
    observed["quotes"][1]["speaker"] = source("Rosa Gil")
    assert len(judge_article("002", expected, observed).wrong) == 1


def test_a_quoted_title_stored_as_a_quote_is_invented():
    expected = record("024_retrato_carreno_recuperado")
    observed = perfect_import(expected)
    observed["quotes"].append(
        {"paragraph": 3, "text": "Retrato de una dama con abanico", "speaker": None, "outlet": None}
    )
    score = judge_article("024", expected, observed)
    assert score.invented == ["p3 “Retrato de una dama con abanico” (nobody) is not a quote the editor records"]
    assert score.quotes_found == score.quotes_expected


def test_a_heading_read_as_a_paragraph_and_a_missing_dateline_source_are_structure_faults():
    expected = record("018_listas_espera_60_dias")
    observed = perfect_import(expected)
    observed["sections"] = [{"heading": None, "paragraphs": 8, "figures": [], "other_blocks": 0}]
    observed["first_paragraph"]["sources"] = []
    assert judge_article("018", expected, observed).structure == [
        "section headings: [None] instead of [None, '¿Cuándo se notará?']",
        "dateline: Europa Press is not a source of the first paragraph ([])",
    ]


def test_credit_parts_in_the_wrong_order_are_a_structure_fault():
    expected = record("015_ohio_truck_parking_ruling")
    observed = perfect_import(expected)
    observed["lead_figure"]["credit_parts"] = {"source": "DANA RICHTER", "photographer": "AP", "distributor": ""}
    assert len(judge_article("015", expected, observed).structure) == 1


def test_an_article_that_fails_to_import_loses_its_quotes_and_its_structure():
    score = judge_article("001", record("001_incendio_sierra_albarda"), {"error": "CommandError: no body"})
    assert score.structure == ["import failed: CommandError: no body"]
    assert score.quotes_found == 0 and score.wrong == []


def test_attributions_that_change_with_the_import_order_are_reported():
    expected = record("001_incendio_sierra_albarda")
    forward, reverse = perfect_import(expected), perfect_import(expected)
    reverse["quotes"][0]["speaker"] = source("Carlos Méndez")
    assert order_differences(forward, forward) == []
    assert order_differences(forward, reverse) == [
        "p2 “Hemos pasado tres noches muy duras, per…”: Laura Méndez/None forward, Carlos Méndez/None reverse"
    ]


def test_each_floor_missed_is_named():
    expected = record("001_incendio_sierra_albarda")
    scores = [judge_article("001", expected, {"error": "failed"})]
    failures = floor_failures(scores, seed_score=None)
    assert [failure.split(":")[0] for failure in failures] == [
        "quotes found",
        "speakers right",
        "outlets right",
        "structure right on 0 of 1 articles",
    ]


# --- Importing the corpus ------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_import_pass_leaves_the_database_as_it_was():
    sources_before = Source.objects.count()
    observed = import_pass(TEXTS[:2])
    assert [article["headline"] for article in observed.values()] == [
        record(path.stem)["headline"] for path in TEXTS[:2]
    ]
    assert not Article.objects.exists()
    assert Source.objects.count() == sources_before


@pytest.mark.django_db
def test_the_seed_keeps_its_five_quotes_with_their_speakers_and_outlets():
    observed = import_pass([corpus.SEED_TEXT])[corpus.SEED_TEXT.stem]
    score = judge_article("seed", corpus.load(corpus.SEED_EXPECTED), observed)
    assert (score.quotes_found, score.speakers_right, score.speakers_named, score.outlets_right) == (5, 4, 4, 2)
    assert (score.wrong, score.invented, score.structure) == ([], [], [])


@pytest.mark.django_db
def test_the_corpus_meets_the_floors_of_issue_10():
    measurement = measure()
    assert floor_failures(measurement.scores, measurement.seed) == [], report(measurement)
