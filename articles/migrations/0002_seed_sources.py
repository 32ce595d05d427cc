"""Well-known sources, so the importer recognises them from the first run.

They are ordinary rows: editors correct, extend or delete them in the admin.
Existing rows with the same name are left as they are.
"""

from django.db import migrations
from django.utils.text import slugify

# (name, kind, country, url, aliases)
SOURCES = [
    # News agencies
    ("Reuters", "news_agency", "Reino Unido", "https://www.reuters.com/", []),
    ("Associated Press", "news_agency", "Estados Unidos", "https://apnews.com/", ["AP"]),
    (
        "Agence France-Presse",
        "news_agency",
        "Francia",
        "https://www.afp.com/",
        ["AFP", "France-Presse", "France Presse"],
    ),
    ("EFE", "news_agency", "España", "https://efe.com/", ["Agencia EFE"]),
    ("Europa Press", "news_agency", "España", "https://www.europapress.es/", []),
    ("TASS", "news_agency", "Rusia", "https://tass.com/", ["ITAR-TASS"]),
    ("Interfax", "news_agency", "Rusia", "https://www.interfax.ru/", []),
    ("Yonhap", "news_agency", "Corea del Sur", "https://en.yna.co.kr/", ["Yonhap News Agency"]),
    ("Kyodo", "news_agency", "Japón", "https://english.kyodonews.net/", ["Kyodo News"]),
    ("Bloomberg", "news_agency", "Estados Unidos", "https://www.bloomberg.com/", []),
    ("dpa", "news_agency", "Alemania", "https://www.dpa.com/", ["DPA", "Deutsche Presse-Agentur"]),
    ("ANSA", "news_agency", "Italia", "https://www.ansa.it/", []),
    ("Ukrinform", "news_agency", "Ucrania", "https://www.ukrinform.net/", []),
    ("Anadolu", "news_agency", "Turquía", "https://www.aa.com.tr/", ["Anadolu Agency", "agencia Anadolu"]),
    # State media
    (
        "KCNA",
        "state_media",
        "Corea del Norte",
        "",
        ["Korean Central News Agency", "Agencia Central de Noticias de Corea", "ACNC"],
    ),
    ("Sputnik", "state_media", "Rusia", "", ["SPUTNIK"]),
    ("RIA Novosti", "state_media", "Rusia", "https://ria.ru/", ["RIA"]),
    ("RT", "state_media", "Rusia", "", ["Russia Today"]),
    ("Xinhua", "state_media", "China", "http://www.xinhuanet.com/", ["Nueva China"]),
    ("CCTV", "state_media", "China", "", ["China Central Television"]),
    ("Rodong Sinmun", "state_media", "Corea del Norte", "", []),
    # Newspapers and broadcasters
    ("BBC", "media", "Reino Unido", "https://www.bbc.com/", ["BBC News"]),
    ("CNN", "media", "Estados Unidos", "https://www.cnn.com/", []),
    ("The New York Times", "media", "Estados Unidos", "https://www.nytimes.com/", ["New York Times", "NYT"]),
    ("The Washington Post", "media", "Estados Unidos", "https://www.washingtonpost.com/", ["Washington Post"]),
    ("The Wall Street Journal", "media", "Estados Unidos", "https://www.wsj.com/", ["Wall Street Journal", "WSJ"]),
    ("The Guardian", "media", "Reino Unido", "https://www.theguardian.com/", ["Guardian"]),
    ("Financial Times", "media", "Reino Unido", "https://www.ft.com/", ["FT"]),
    ("El País", "media", "España", "https://elpais.com/", []),
    ("El Mundo", "media", "España", "https://www.elmundo.es/", []),
    ("Le Monde", "media", "Francia", "https://www.lemonde.fr/", []),
    ("Al Jazeera", "media", "Catar", "https://www.aljazeera.com/", []),
    ("NK News", "media", "Corea del Sur", "https://www.nknews.org/", []),
    # Government bodies
    ("Kremlin", "government", "Rusia", "http://en.kremlin.ru/", []),
    (
        "Consejo de Seguridad de Rusia",
        "government",
        "Rusia",
        "",
        ["Russian Security Council", "Security Council of Russia", "Consejo de Seguridad ruso"],
    ),
    (
        "Ministerio de Defensa de Rusia",
        "government",
        "Rusia",
        "",
        ["Russian Defence Ministry", "Russian Defense Ministry", "Ministerio de Defensa ruso"],
    ),
    (
        "Ministerio de Asuntos Exteriores de Rusia",
        "government",
        "Rusia",
        "",
        ["Russian Foreign Ministry", "Ministerio de Exteriores ruso", "Cancillería rusa"],
    ),
    ("Casa Blanca", "government", "Estados Unidos", "https://www.whitehouse.gov/", ["White House"]),
    ("Pentágono", "government", "Estados Unidos", "https://www.defense.gov/", ["Pentagon", "Pentagono"]),
    (
        "Departamento de Estado",
        "government",
        "Estados Unidos",
        "https://www.state.gov/",
        ["State Department", "US State Department"],
    ),
    (
        "Estado Mayor Conjunto de Corea del Sur",
        "government",
        "Corea del Sur",
        "",
        ["South Korea's Joint Chiefs of Staff", "Joint Chiefs of Staff"],
    ),
    ("Servicio Nacional de Inteligencia", "government", "Corea del Sur", "", ["National Intelligence Service", "NIS"]),
    (
        "Ministerio de Defensa de Ucrania",
        "government",
        "Ucrania",
        "",
        ["Ukrainian Defence Ministry", "Ukrainian Defense Ministry"],
    ),
    # International organisations
    ("Naciones Unidas", "international_organisation", "", "https://www.un.org/", ["ONU", "United Nations", "UN"]),
    (
        "Consejo de Seguridad de la ONU",
        "international_organisation",
        "",
        "",
        ["UN Security Council", "Consejo de Seguridad de las Naciones Unidas", "United Nations Security Council"],
    ),
    ("OTAN", "international_organisation", "", "https://www.nato.int/", ["NATO", "Alianza Atlántica"]),
    (
        "Unión Europea",
        "international_organisation",
        "",
        "https://european-union.europa.eu/",
        ["UE", "EU", "European Union"],
    ),
    (
        "OIEA",
        "international_organisation",
        "",
        "https://www.iaea.org/",
        ["IAEA", "Organismo Internacional de Energía Atómica", "International Atomic Energy Agency"],
    ),
    (
        "Comité de Monitorización de Sanciones Multilaterales",
        "international_organisation",
        "",
        "",
        ["Multilateral Sanctions Monitoring Team", "MSMT"],
    ),
    # People
    ("Vladimir Putin", "person", "Rusia", "", ["Putin", "Vladímir Putin"]),
    ("Kim Jong-un", "person", "Corea del Norte", "", ["Kim Jong Un", "Kim Jong-Un"]),
    ("Kim Yo-jong", "person", "Corea del Norte", "", ["Kim Yo Jong"]),
    ("Sergei Shoigu", "person", "Rusia", "", ["Shoigu", "Serguéi Shoigú", "Sergey Shoygu"]),
    ("Serguéi Lavrov", "person", "Rusia", "", ["Sergei Lavrov", "Lavrov"]),
    ("Dmitri Peskov", "person", "Rusia", "", ["Dmitry Peskov", "Peskov"]),
    ("Volodímir Zelenski", "person", "Ucrania", "", ["Volodymyr Zelensky", "Zelenski", "Zelensky"]),
    ("Emmanuel Macron", "person", "Francia", "", ["Macron"]),
    ("Donald Trump", "person", "Estados Unidos", "", ["Trump"]),
    ("Xi Jinping", "person", "China", "", []),
    ("Mark Rutte", "person", "Países Bajos", "", ["Rutte"]),
    ("António Guterres", "person", "Portugal", "", ["Antonio Guterres", "Guterres"]),
    # Social-media channels
    ("Informador militar", "social_media", "Rusia", "", ["Voenny Osvedomitel", "Военный осведомитель"]),
]


def seed_sources(apps, schema_editor):
    Source = apps.get_model("articles", "Source")
    for name, kind, country, url, aliases in SOURCES:
        Source.objects.get_or_create(
            name=name,
            defaults={
                "slug": slugify(name),
                "kind": kind,
                "country": country,
                "url": url,
                "aliases": "\n".join(aliases),
            },
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(seed_sources, migrations.RunPython.noop)]
