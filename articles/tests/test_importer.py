"""The plain-text importer: the seed article, articles it has never seen, and bad input."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.importing import ArticleImportError
from articles.importing.files import decode_text
from articles.importing.lines import split_caption_and_credit
from articles.importing.text import parse_plain_text
from articles.models import Article, Figure, LeadFigure, Paragraph, Quote, Section, Source

SEED = Path(__file__).resolve().parents[1] / "seed" / "000_a09af1157bd9f9d3.txt"
ARTICLES_TO_IMPORT = Path(__file__).resolve().parent / "articles_to_import"
SEED_SLUG = "el-acercamiento-entre-rusia-y-corea-del-norte-preocupa-a-los-paises-de-la-otan"

pytestmark = pytest.mark.django_db


def import_file(path, *arguments):
    """Run the command as an editor would; returns (article, printed lines)."""
    output = StringIO()
    call_command("import_article", str(path), *arguments, stdout=output)
    lines = output.getvalue().strip().splitlines()
    return Article.objects.get(slug=lines[-1]), lines


def body_of(article):
    """[(heading, [kind, …])] for every section, in order."""
    return [
        (section.heading, [block.kind for block in section.blocks.select_related("paragraph", "figure", "pullquote")])
        for section in article.sections.all()
    ]


def quote_attributions(article):
    return [
        (quote.text[:30], quote.speaker and quote.speaker.name, quote.source and quote.source.name)
        for quote in Quote.objects.filter(paragraph__section__article=article).order_by(
            "paragraph__section__position", "paragraph__position", "position"
        )
    ]


def paragraph_sources(article):
    return [
        sorted(source.name for source in paragraph.sources.all())
        for paragraph in Paragraph.objects.filter(section__article=article).order_by("section__position", "position")
    ]


class TestSeedArticle:
    @pytest.fixture
    def seed(self):
        article, lines = import_file(SEED, "--publish", "--tags", "Rusia, Corea del Norte, OTAN, Ucrania")
        return article

    def test_prints_the_slug_as_the_last_line(self):
        _, lines = import_file(SEED)
        assert lines[-1] == SEED_SLUG

    def test_headline_and_standfirst_are_exact(self, seed):
        assert seed.headline == "El acercamiento entre Rusia y Corea del Norte preocupa a los países de la OTAN"
        assert seed.standfirst == (
            "La visita de un representante del Gobierno ruso a Kim Jong-un puede definir el futuro de tratado de defensa mutua"
        )
        assert seed.language == "es"

    def test_is_published_with_its_topics(self, seed):
        assert seed.status == Article.Status.PUBLISHED and seed.published_at is not None
        assert Article.objects.published().filter(pk=seed.pk).exists()
        assert sorted(seed.tags.names()) == ["Corea del Norte", "OTAN", "Rusia", "Ucrania"]

    def test_without_publish_it_is_a_draft(self):
        article, _ = import_file(SEED)
        assert article.status == Article.Status.DRAFT
        assert not Article.objects.published().exists()

    def test_lead_figure_has_its_caption_and_credit_parts(self, seed):
        lead = seed.lead_figure
        assert lead.caption.startswith("El líder norcoreano Kim Jong Un (der.) reunido con")
        assert lead.credit == "KCNA via REUTERS"
        assert lead.credit_parts == {"source": "KCNA", "photographer": "", "distributor": "REUTERS"}
        assert sorted(source.name for source in lead.sources.all()) == ["KCNA", "Reuters"]

    def test_three_sections_with_their_paragraphs_and_photos(self, seed):
        paragraph, figure = "paragraph", "figure"
        assert body_of(seed) == [
            ("", [paragraph, paragraph, figure, paragraph, paragraph]),
            ("Colaboración armamentística", [paragraph, paragraph, figure]),
            (
                "La peligrosa relación entre Rusia y Corea del Norte",
                [paragraph, paragraph, paragraph, paragraph, figure, paragraph, paragraph],
            ),
        ]

    def test_table_of_contents_is_navigation_not_body_text(self, seed):
        assert not Paragraph.objects.filter(text__contains="1. Colaboración").exists()
        assert Section.objects.filter(article=seed, heading="Colaboración armamentística").count() == 1

    def test_section_anchors_come_from_headings(self, seed):
        assert [section.anchor for section in seed.sections.all()][1:] == [
            "colaboracion-armamentistica",
            "la-peligrosa-relacion-entre-rusia-y-corea-del-norte",
        ]

    def test_photo_credits_are_split_into_their_parts(self, seed):
        figures = Figure.objects.filter(section__article=seed).order_by("section__position", "position")
        assert [figure.credit_parts for figure in figures] == [
            {"source": "SPUTNIK", "photographer": "VLADIMIR SMIRNOV", "distributor": "REUTERS"},
            {"source": "KCNA", "photographer": "", "distributor": "REUTERS"},
            {"source": "REUTERS", "photographer": "TERESA SUÁREZ", "distributor": ""},
        ]
        assert figures[0].caption.startswith("El presidente de Rusia, Vladimir Putin")
        assert figures[2].caption == "El presidente francés, Emmanuel Macron"

    def test_five_quotes_with_their_speakers_and_sources(self, seed):
        assert quote_attributions(seed) == [
            # An organisation speaks: the speaker stays empty (issue 10), the paragraph still cites it.
            ("Las conversaciones cubrirán la", None, "TASS"),
            ("apoyará incondicionalmente la ", "Kim Jong-un", "KCNA"),
            ("Quiero darles las gracias a mi", "Sergei Shoigu", None),
            ("un mortero norcoreano de 60 mm", "Informador militar", None),
            ("La situación de Corea del Nort", "Emmanuel Macron", None),
        ]

    def test_quotes_are_stored_without_quotation_marks(self, seed):
        for quote in Quote.objects.all():
            assert not quote.text.startswith(("“", "«", '"')) and not quote.text.endswith(("”", "»", '"'))
            assert quote.text in quote.paragraph.text

    def test_paragraphs_are_tagged_with_the_sources_they_rely_on(self, seed):
        assert paragraph_sources(seed) == [
            [],
            ["Consejo de Seguridad de Rusia", "TASS"],
            ["KCNA", "Kim Jong-un"],
            ["Sergei Shoigu"],
            ["Informador militar"],
            ["Comité de Monitorización de Sanciones Multilaterales"],
            ["Edward Howell"],
            [],
            ["Edward Howell"],
            [],
            ["Emmanuel Macron"],
            [],
        ]

    def test_an_expert_the_text_introduces_becomes_a_source(self, seed):
        howell = Source.objects.get(name="Edward Howell")
        assert howell.kind == Source.Kind.PERSON

    def test_web_spaces_are_normalised(self, seed):
        texts = [paragraph.text for paragraph in Paragraph.objects.all()] + [seed.headline, seed.standfirst]
        texts += [figure.credit for figure in Figure.objects.all()]
        assert not any("\u00a0" in text or "\u202f" in text or "  " in text or text != text.strip() for text in texts)

    def test_importing_twice_is_refused_with_a_clear_message(self, seed):
        with pytest.raises(CommandError, match="already exists .*--replace"):
            import_file(SEED)
        assert Article.objects.count() == 1

    def test_replace_overwrites_the_article(self, seed):
        article, _ = import_file(SEED, "--replace")
        assert Article.objects.count() == 1
        assert article.sections.count() == 3

    def test_skip_existing_leaves_the_article_alone(self, seed):
        article, lines = import_file(SEED, "--skip-existing")
        assert article.pk == seed.pk
        assert lines[-1] == SEED_SLUG


class TestArticlesTheImporterHasNeverSeen:
    def test_english_article_structure(self):
        article, _ = import_file(ARTICLES_TO_IMPORT / "seoul_warns_en.txt")
        assert article.language == "en"
        assert article.headline == "Seoul warns of deeper military ties between Pyongyang and Moscow"
        assert article.standfirst == "South Korea's spy agency says thousands more troops could be sent to Russia"
        assert article.lead_figure.credit_parts == {"source": "KCNA", "photographer": "", "distributor": "REUTERS"}
        assert body_of(article) == [
            ("", ["paragraph", "paragraph"]),
            ("Troops on the front line", ["paragraph", "figure"]),
            ("What analysts expect", ["paragraph", "paragraph"]),
        ]

    def test_english_attributions(self):
        article, _ = import_file(ARTICLES_TO_IMPORT / "seoul_warns_en.txt")
        assert quote_attributions(article) == [
            ("We are seeing a steady flow of", "Jane Smith", None),
            ("The numbers keep growing and t", None, None),  # "the agency said": an organisation
            ("Both governments need each oth", "Mark Lee", "BBC"),
        ]
        assert paragraph_sources(article) == [
            ["Yonhap"],
            ["Jane Smith"],
            ["Servicio Nacional de Inteligencia"],
            ["BBC", "Mark Lee"],
            [],
        ]

    def test_photographer_before_agency_is_recognised_by_the_known_agency(self):
        article, _ = import_file(ARTICLES_TO_IMPORT / "seoul_warns_en.txt")
        figure = Figure.objects.get(section__article=article)
        assert figure.credit_parts == {"source": "AFP", "photographer": "JOHN DOE", "distributor": ""}
        assert [source.name for source in figure.sources.all()] == ["Agence France-Presse"]

    def test_spanish_article_structure(self):
        article, _ = import_file(ARTICLES_TO_IMPORT / "plan_sanidad_es.txt")
        assert article.language == "es"
        assert (
            article.standfirst == "El plan prevé contratar a 5.000 médicos en dos años y reforzar la atención primaria"
        )
        assert article.lead_figure.credit_parts == {"source": "EFE", "photographer": "JUAN PÉREZ", "distributor": ""}
        assert body_of(article) == [
            ("", ["paragraph", "paragraph"]),
            ("Las claves del plan", ["paragraph", "paragraph"]),
            ("Las comunidades reciben el anuncio con cautela", ["paragraph"]),
        ]

    def test_spanish_attributions_and_an_uncertain_one_left_empty(self):
        article, _ = import_file(ARTICLES_TO_IMPORT / "plan_sanidad_es.txt")
        assert quote_attributions(article) == [
            ("Ningún paciente debería espera", "Ana López", None),
            ("Los recursos son necesarios, p", "Luis García", None),
            # "Un portavoz explicó": nobody named, so nobody guessed.
            ("todavía no conocemos las cifra", None, None),
        ]
        assert paragraph_sources(article) == [["EFE"], ["Ana López"], ["El País"], ["Luis García"], []]

    def test_scare_quotes_are_not_statements(self):
        article, _ = import_file(ARTICLES_TO_IMPORT / "seoul_warns_en.txt")
        assert not Quote.objects.filter(text="a provocation").exists()

    def test_two_agencies_in_a_paragraph_leave_the_reporting_source_empty(self):
        text = (
            "Headline about the summit\n\nThe standfirst of the story\n\n"
            "According to Reuters and TASS, the leaders met. “We agreed on every point of the agenda”, "
            "said Vladimir Putin.\n"
        )
        parsed = parse_plain_text(text)
        quote = parsed.sections[0].blocks[0].quotes[0]
        assert quote.speaker.name == "Vladimir Putin"
        assert quote.source is None

    def test_known_sources_come_from_the_database_not_the_code(self):
        Source.objects.create(name="Agencia Inventada", slug="agencia-inventada", kind=Source.Kind.NEWS_AGENCY)
        text = (
            "Titular de prueba\n\nEntradilla de prueba\n\n"
            "Según la Agencia Inventada, “el acuerdo se firmará la próxima semana en Ginebra”, dijo Vladimir Putin.\n"
        )
        quote = parse_plain_text(text).sections[0].blocks[0].quotes[0]
        assert (quote.speaker.name, quote.source.name) == ("Vladimir Putin", "Agencia Inventada")

    def test_a_person_from_another_article_sharing_a_surname_is_never_the_speaker(self):
        Source.objects.create(name="Laura Méndez", slug="laura-mendez", kind=Source.Kind.PERSON)
        text = (
            "Titular de prueba\n\nEntradilla de prueba\n\n«No vamos a bajar la guardia esta semana», afirmó Méndez.\n"
        )
        quote = parse_plain_text(text).sections[0].blocks[0].quotes[0]
        assert quote.speaker is None

    def test_a_surname_two_people_of_the_article_share_names_neither(self):
        text = (
            "Titular de prueba\n\nEntradilla de prueba\n\n"
            "«Hemos hablado con los vecinos toda la tarde», dijo Carlos Méndez. "
            "«Mañana volveremos a intentarlo sin falta», dijo Laura Méndez.\n"
            "«El incendio sigue activo en tres frentes», afirmó Méndez.\n"
        )
        parsed = parse_plain_text(text)
        assert [quote.speaker.name for quote in parsed.sections[0].blocks[0].quotes] == [
            "Carlos Méndez",
            "Laura Méndez",
        ]
        assert parsed.sections[0].blocks[1].quotes[0].speaker is None

    def test_an_outlet_is_never_recorded_as_the_speaker(self):
        Source.objects.get_or_create(
            name="Europa Press", defaults={"slug": "europa-press", "kind": Source.Kind.NEWS_AGENCY}
        )
        text = (
            "Titular de prueba\n\nEntradilla de prueba\n\n"
            "«Vi el abanico y supe que era ella», Europa Press informó ayer.\n"
        )
        quote = parse_plain_text(text).sections[0].blocks[0].quotes[0]
        assert quote.speaker is None
        assert quote.source.name == "Europa Press"

    def test_a_table_of_contents_line_ending_in_a_question_mark_is_a_heading(self):
        text = (
            "Headline of the story\n\nThe standfirst of the story\n  1. What went wrong?\n  2. The numbers:\n\n"
            "The first paragraph of the story.\n\nWhat went wrong?\n\nThe engines failed twice this winter.\n\n"
            "The numbers:\n\nNine ferries were cancelled in March.\n"
        )
        headings = [section.heading for section in parse_plain_text(text).sections]
        assert headings == ["", "What went wrong?", "The numbers:"]

    def test_without_contents_a_short_question_before_paragraphs_is_a_heading_but_not_an_interview_question(self):
        text = (
            "Titular de prueba\n\nEntradilla de prueba\n\nEl primer párrafo del artículo.\n\n"
            "¿Cuándo se notará?\n\nLos efectos llegarán en otoño, según el ministerio.\n\n"
            "P. ¿Se puede revertir?\n\nR. Sí, con tiempo y dinero.\n"
        )
        parsed = parse_plain_text(text)
        assert [section.heading for section in parsed.sections] == ["", "¿Cuándo se notará?"]
        assert len(parsed.sections[1].blocks) == 3

    @pytest.mark.parametrize(
        ("dateline", "agency"),
        [("Monterrey (México), 3 mar (EFE).- ", "EFE"), ("WASHINGTON (Reuters) - ", "Reuters")],
    )
    def test_a_dateline_stays_in_the_first_paragraph_and_its_agency_is_a_source(self, dateline, agency):
        text = f"Titular de prueba\n\nEntradilla de prueba\n\n{dateline}El Gobierno aprobó el plan.\n"
        paragraph = parse_plain_text(text).sections[0].blocks[0]
        assert paragraph.text.startswith(dateline.strip())
        assert agency in [source.name for source in paragraph.sources]

    @pytest.mark.parametrize(
        ("paragraph", "speaker"),
        [
            (
                "«Hoy podemos decir que el fuego ya no avanza», afirmó la consejera de Cultura, Laura Méndez, ayer.",
                "Laura Méndez",
            ),
            ('"We are ready for the storm," Peter Hall, a teacher, said on Monday.', "Peter Hall"),
            ("La alcaldesa, Rosa Gil, declaró: «Vamos a pedir la declaración de zona catastrófica».", "Rosa Gil"),
        ],
    )
    def test_a_person_the_text_introduces_with_a_role_or_an_apposition_is_the_speaker(self, paragraph, speaker):
        quote = (
            parse_plain_text(f"Titular de prueba\n\nEntradilla de prueba\n\n{paragraph}\n")
            .sections[0]
            .blocks[0]
            .quotes[0]
        )
        assert quote.speaker.name == speaker

    def test_a_split_quote_and_a_dropped_subject_take_the_person_named_earlier_in_the_paragraph(self):
        text = (
            "Titular de prueba\n\nEntradilla de prueba\n\n"
            "En el albergue, Marta Cuxil, de 52 años, recordaba la erupción de 2018. "
            "«Aquella vez no nos avisaron a tiempo», dijo. «Esta vez no esperé a que me lo dijeran».\n"
        )
        quotes = parse_plain_text(text).sections[0].blocks[0].quotes
        assert [(quote.speaker.name, quote.cue) for quote in quotes] == [
            ("Marta Cuxil", "earlier in the paragraph"),
            ("Marta Cuxil", "continues the previous quote"),
        ]

    @pytest.mark.parametrize(
        ("paragraph", "outlet", "kind"),
        [
            (
                "«Vamos a pedir ayudas para todos los vecinos», dijo a la agencia Noticias Sur el alcalde.",
                "Noticias Sur",
                "news_agency",
            ),
            (
                "«No hemos cerrado ninguna puerta al acuerdo», declaró en declaraciones al diario El Correo.",
                "El Correo",
                "media",
            ),
            (
                '"Our residents deserve to sleep at night," Carl Jensen told the Yorkshire Post.',
                "Yorkshire Post",
                "media",
            ),
            (
                "«Esto es solo una pausa en mi carrera», escribió Iker Zubiri en su cuenta de Instagram.",
                "Instagram",
                "social_media",
            ),
            ('"I was wrong, and I am sorry," Mark Hollis wrote in a new post on X.', "X", "social_media"),
            ('"I saved the cat and the photographs," she told BBC Wales.', "BBC Wales", "media"),
            ("«Es un esfuerzo enorme del Estado», según la agencia estatal Andina.", "Andina", "news_agency"),
        ],
    )
    def test_an_outlet_cue_names_the_outlet_of_its_kind(self, paragraph, outlet, kind):
        quote = (
            parse_plain_text(f"Titular de prueba\n\nEntradilla de prueba\n\n{paragraph}\n")
            .sections[0]
            .blocks[0]
            .quotes[0]
        )
        assert (quote.source.name, quote.source.kind) == (outlet, kind)

    @pytest.mark.parametrize(
        ("paragraph", "speakers"),
        [
            (
                '"What worries us is the erosion of confidence," said Dr. Hannah Okafor, an epidemiologist.',
                ["Hannah Okafor"],
            ),
            (
                'Mayor Carl Jensen said the village would appeal. "Our residents deserve to sleep at night," he said.',
                ["Carl Jensen"],
            ),
            (
                '"These decisions are painful but unavoidable," chief executive Kevin Albright told staff.',
                ["Kevin Albright"],
            ),
            (
                "“We have had no delivery since Wednesday,” said the shop's manager, Ruth Campbell. “People are buying tins.”",
                ["Ruth Campbell", "Ruth Campbell"],
            ),
        ],
    )
    def test_titles_pronouns_roles_and_split_quotes_name_the_speaker(self, paragraph, speakers):
        quotes = (
            parse_plain_text(f"Headline of the story\n\nThe standfirst\n\n{paragraph}\n").sections[0].blocks[0].quotes
        )
        assert [quote.speaker.name for quote in quotes] == speakers

    def test_a_short_quote_is_a_statement_only_when_a_speech_verb_attaches(self):
        text = (
            "Headline of the story\n\nThe standfirst\n\n"
            '"We are ready," said the coach, Gary Doyle. The club calls it the "Wembley plan" internally.\n'
        )
        quotes = parse_plain_text(text).sections[0].blocks[0].quotes
        assert [(quote.text, quote.speaker.name) for quote in quotes] == [("We are ready", "Gary Doyle")]

    def test_an_organisation_the_text_names_is_never_taken_for_a_person(self):
        text = "Titular\n\nEntradilla\n\nEl Banco Central dijo que bajará los tipos «sin apuro».\n"
        quotes = parse_plain_text(text).sections[0].blocks[0].quotes
        assert all(quote.speaker is None for quote in quotes)

    def test_a_role_before_a_name_introduces_a_person_and_a_spanish_first_surname_names_them(self):
        text = (
            "Titular\n\nEntradilla\n\n"
            "El director Héctor Garza Treviño visitó la presa.\n"
            "Garza precisó los horarios de los cortes. «Nadie se va a quedar sin agua para beber», aseguró.\n"
        )
        blocks = parse_plain_text(text).sections[0].blocks
        assert blocks[1].quotes[0].speaker.name == "Héctor Garza Treviño"

    def test_a_place_after_an_ordinary_lowercase_word_is_not_a_speaker(self):
        text = (
            "Titular\n\nEntradilla\n\n"
            "Lucía Berdejo trabaja en el hospital Miguel Servet. «Pago la mitad de mi sueldo en gasolina», dice.\n"
        )
        quote = parse_plain_text(text).sections[0].blocks[0].quotes[0]
        assert quote.speaker is None or quote.speaker.name == "Lucía Berdejo"

    def test_a_long_apposition_and_a_capitalised_role_still_name_the_speaker(self):
        text = (
            "Headline\n\nStandfirst\n\n"
            '"It is a lovely experiment, but a lab is not a meadow," Professor Tom Whitcombe, an entomologist at '
            "the University of Bristol who was not involved in the research, told The Associated Press.\n"
            'The Transport Secretary, Amir Qureshi, told reporters the strike was wrong. He added: "Passengers are '
            'sick of being held to ransom."\n'
        )
        first, second = (block.quotes[0] for block in parse_plain_text(text).sections[0].blocks)
        assert (first.speaker.name, second.speaker.name) == ("Tom Whitcombe", "Amir Qureshi")


class TestTextNormalisation:
    def test_bom_crlf_and_web_spaces_are_normalised(self):
        raw = "\ufeffTitular\u00a0con espacio\r\n\r\nEntradilla\u202fcorta\r\nUn párrafo\u00a0 con texto.\r\n".encode()
        assert decode_text(raw) == "Titular con espacio\n\nEntradilla corta\nUn párrafo  con texto.\n"

    def test_markdown_characters_in_plain_text_stay_literal(self):
        parsed = parse_plain_text("Titular\n\nEntradilla\n\n1. Un párrafo con *asteriscos* y <b>etiquetas</b>.\n")
        paragraph = parsed.sections[0].blocks[0]
        assert paragraph.text == r"1\. Un párrafo con \*asteriscos\* y \<b\>etiquetas\</b\>."

    @pytest.mark.parametrize(
        "line, expected",
        [
            ("Un pie de foto - KCNA via REUTERS", ("Un pie de foto", "KCNA via REUTERS")),
            ("Macron - REUTERS/ TERESA SUÁREZ", ("Macron", "REUTERS/ TERESA SUÁREZ")),
            ("Una frase - con un guion en medio.", None),
            ("Kim Jong-un llegó ayer", None),
        ],
    )
    def test_caption_lines_are_told_apart_from_prose(self, line, expected):
        assert split_caption_and_credit(line) == expected


class TestBadInput:
    """Each gets a one-line error, exit status 1 (CommandError) and writes nothing."""

    @pytest.fixture
    def counts(self):
        return lambda: (
            Article.objects.count(),
            Source.objects.count(),
            Section.objects.count(),
            LeadFigure.objects.count(),
        )

    @pytest.mark.parametrize(
        "content, message",
        [
            (b"", "empty"),
            (b"   \n\n  ", "empty"),
            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
            (b"Solo un titular\n", "no body"),
            (b"Un pie de foto - KCNA via REUTERS\n\nTexto.\n", "headline"),
            (b"Titular\n\nEntradilla\n", "no body"),
            (b"\xff\xfe\xfaabc", "not UTF-8"),
            (b'{"schema": "article.v1", "headline": "x"', "invalid JSON"),
            (b'{"schema": "other", "headline": "x"}', "schema"),
            (b'{"schema": "article.v1", "headline": "x", "sections": [{"blocks": [{"type": "video"}]}]}', "type"),
        ],
    )
    def test_bad_file_is_refused_and_nothing_is_written(self, tmp_path, counts, content, message):
        path = tmp_path / "article.txt"
        path.write_bytes(content)
        before = counts()
        with pytest.raises(CommandError, match=message) as error:
            call_command("import_article", str(path), stdout=StringIO())
        assert "\n" not in str(error.value)
        assert counts() == before

    def test_missing_file(self, tmp_path, counts):
        with pytest.raises(CommandError, match="no such file"):
            call_command("import_article", str(tmp_path / "missing.txt"), stdout=StringIO())

    def test_failure_half_way_through_rolls_everything_back(self, tmp_path, counts, monkeypatch):
        before = counts()

        def broken_create(*args, **kwargs):
            raise ArticleImportError("the disk is full")

        monkeypatch.setattr(Figure.objects, "create", broken_create)
        with pytest.raises(CommandError, match="the disk is full"):
            call_command("import_article", str(SEED), stdout=StringIO())
        assert counts() == before

    def test_command_line_exit_status_is_1(self, tmp_path):
        import subprocess
        import sys

        empty = tmp_path / "empty.txt"
        empty.write_text("")
        manage = Path(__file__).resolve().parents[2] / "manage.py"
        result = subprocess.run(
            [sys.executable, str(manage), "import_article", str(empty)], capture_output=True, text=True, check=False
        )
        assert result.returncode == 1
        assert result.stderr.strip().splitlines()[-1] == f"CommandError: Cannot import {empty}: the file is empty."
