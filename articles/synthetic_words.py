"""The vocabulary of synthetic articles (see `articles.synthetic`): plain word lists, most frequent first.

Kept apart from the generator so that the generator reads as what it does.
"""

SPANISH = {
    "function": """
        de la que el en y a los se del las un por con no una su para es al lo como más pero sus le
        ya o este sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde
        todo nos durante todos uno les ni contra otros ese eso ante ellos e esto antes algunos unos
        otro otras otra tanto esa estos mucho quienes nada muchos cual poco ella estar estas algunas
        algo nosotros
    """,
    "content": """
        gobierno país ministro presidente año años parte día ciudad guerra acuerdo ley millones
        fuerzas frontera región informe datos empresas mercado precios economía crisis sanción
        sanciones elecciones partido oposición tribunal policía ataque defensa seguridad misiles
        reunión cumbre negociación conversaciones capital población hospital escuela energía
        petróleo gas electricidad agua sequía incendio inundaciones temperaturas clima cosecha
        exportaciones importaciones inflación empleo salarios impuestos presupuesto deuda banco
        inversión comercio puerto carretera tren aeropuerto vuelo tropas soldados civiles refugiados
        ayuda humanitaria alto fuego embajada diplomáticos delegación votación parlamento congreso
        senado reforma protesta manifestación huelga sindicato universidad investigación científicos
        estudio vacuna salud enfermedad médicos pacientes víctimas heridos muertos rescate autoridades
        portavoz agencia declaración comunicado entrevista documento archivo satélite imágenes
        fotografía frontera norte sur este oeste costa montaña río isla provincia municipio alcalde
        vecinos barrio mercado tecnología internet redes teléfono inteligencia artificial datos
        privacidad ciberataque hackers tribunal juez fiscal condena acusación juicio prisión
        corrupción escándalo dimisión nombramiento campaña encuesta resultados victoria derrota
        liga partido equipo jugadores entrenador final temporada estadio festival película música
        libro autor exposición museo historia aniversario memoria homenaje
    """,
    "verbs": """
        dijo afirmó aseguró señaló explicó indicó añadió anunció confirmó negó advirtió reconoció
        destacó informó denunció pidió exigió prometió propuso rechazó aprobó firmó publicó
    """,
}

ENGLISH = {
    "function": """
        the of and to in a is that for on it with as was he be by at from his an they which have
        or are had this not but were her their one all there been has who would more if will so no
        we when what can about out up said some could into them than other then its only also new
        these two may first after over any most where both through before between under since
        during without against
    """,
    "content": """
        government country minister president year years part day city war agreement law millions
        forces border region report data companies market prices economy crisis sanction sanctions
        elections party opposition court police attack defence security missiles meeting summit
        negotiation talks capital population hospital school energy oil gas electricity water
        drought fire floods temperatures climate harvest exports imports inflation jobs wages taxes
        budget debt bank investment trade port road train airport flight troops soldiers civilians
        refugees aid humanitarian ceasefire embassy diplomats delegation vote parliament congress
        senate reform protest demonstration strike union university research scientists study
        vaccine health disease doctors patients victims injured dead rescue authorities spokesman
        agency statement interview document archive satellite images photograph north south east
        west coast mountain river island province council mayor residents neighbourhood technology
        internet networks phone intelligence artificial privacy cyberattack hackers judge
        prosecutor sentence charges trial prison corruption scandal resignation appointment
        campaign poll results victory defeat league team players coach final season stadium
        festival film music book author exhibition museum history anniversary memory tribute
    """,
    "verbs": """
        said stated insisted noted explained indicated added announced confirmed denied warned
        acknowledged stressed reported condemned asked demanded promised proposed rejected approved
        signed published
    """,
}

TOPICS = {
    "es": """
        Economía|Clima|Elecciones|Salud|Defensa|Diplomacia|Energía|Tecnología|Justicia|Educación|
        Migración|Agricultura|Transporte|Cultura|Deportes|Ciencia|Vivienda|Trabajo|Seguridad|
        Medio ambiente|Comercio|Derechos humanos|Corrupción|Sanidad pública|Espacio
    """,
    "en": """
        Economy|Climate|Elections|Health|Defence|Diplomacy|Energy|Technology|Justice|Education|
        Migration|Farming|Transport|Culture|Sport|Science|Housing|Labour|Security|Environment|
        Trade|Human rights|Corruption|Public health|Space
    """,
}

FIRST_NAMES = """
    Lucía María Carmen Ana Laura Marta Elena Sara Paula Isabel Rosa Pilar Sofía Julia Irene Clara
    Javier Carlos Antonio Manuel José David Daniel Pablo Miguel Sergio Jorge Alberto Luis Andrés
    Emma Olivia Grace Alice Hannah Claire Helen Ruth James John Robert Michael William Thomas
    George Peter Andrew Mark Oleg Irina Yuki Kenji Amina Fatima Omar Ahmed Min-jun Ji-woo
"""

LAST_NAMES = """
    García Fernández González Rodríguez López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz
    Hernández Díaz Moreno Álvarez Muñoz Romero Navarro Torres Domínguez Vázquez Ramos Castillo
    Smith Johnson Brown Taylor Wilson Davies Evans Walker Wright Thompson Clarke Hughes Baker
    Petrov Ivanova Tanaka Sato Haddad Khan Kim Park Novak Rossi Müller Dubois
"""

COUNTRIES = """
    España|Francia|Alemania|Italia|Portugal|Reino Unido|Estados Unidos|México|Argentina|Chile|
    Colombia|Brasil|Marruecos|Egipto|Turquía|Ucrania|Polonia|Japón|Corea del Sur|India
"""

CITIES = """
    Madrid Sevilla Valencia Bilbao Zaragoza Málaga Lisboa Oporto Lyon Marsella Hamburgo Múnich
    Milán Nápoles Boston Chicago Denver Austin Monterrey Córdoba Valparaíso Medellín Recife Tánger
"""

INSTITUTIONS = """
    Ministerio de Defensa|Ministerio de Economía|Ministerio de Sanidad|Ministerio del Interior|
    Ministerio de Exteriores|Gobierno|Parlamento|Banco Central|Tribunal Supremo|Oficina del Presidente
"""

ORGANISATIONS = """
    Consejo Internacional del Agua|Organización Mundial del Trigo|Alianza para la Energía Limpia|
    Fondo Global de Vivienda|Comité Internacional de Puertos|Unión Mundial de Ferrocarriles|
    Red Internacional de Hospitales|Observatorio Global del Clima|Agencia Internacional de Pesca|
    Foro Mundial de Ciudades|Comisión Internacional de Fronteras|Consejo Mundial de Carreteras|
    Programa Global de Vacunas|Centro Internacional de Datos|Instituto Mundial del Empleo|
    Federación Internacional de Agricultores|Panel Global de Océanos|Oficina Internacional de Migración|
    Liga Mundial de Bibliotecas|Asociación Internacional de Aeropuertos
"""

# Syllables from which rare words are made: each appears in a handful of articles only.
SYLLABLES = (
    "ba be bi bo bu ca co cu da de di do fa fe fi fo la le li lo ma me mi mo na ne ni no ra re ri ro ta te ti to"
)


def words(text):
    return text.split()


def phrases(text):
    return [phrase.strip() for phrase in text.split("|") if phrase.strip()]
