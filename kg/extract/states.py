"""States, demonyms and metonyms: which surface forms name a country, and which name an institution.

Country names come from pycountry (ISO 3166-1, maintained upstream). Demonyms and a few informal
names are general knowledge pycountry does not carry, so they live in a small table here.
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import pycountry

from kg.names import name_key

# Short names newsrooms use where ISO's official short name reads oddly ("Korea, Republic of").
_COMMON = {
    "USA": "United States", "GBR": "United Kingdom", "RUS": "Russia", "KOR": "South Korea",
    "PRK": "North Korea", "IRN": "Iran", "SYR": "Syria", "VNM": "Vietnam", "TWN": "Taiwan",
    "BOL": "Bolivia", "VEN": "Venezuela", "TZA": "Tanzania", "LAO": "Laos", "MDA": "Moldova",
    "PSE": "Palestine", "CZE": "Czech Republic", "TUR": "Turkey", "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo", "FSM": "Micronesia", "BRN": "Brunei", "CPV": "Cape Verde",
    "MKD": "North Macedonia", "VAT": "Vatican", "CIV": "Ivory Coast", "SWZ": "Eswatini",
}

# Informal names and abbreviations; all general usage.
_EXTRA_NAMES = {
    "USA": ["US", "U.S.", "U.S", "U.S.A.", "America", "United States of America", "the States"],
    "GBR": ["UK", "U.K.", "Britain", "Great Britain"],
    "RUS": ["Russian Federation"],
    "CHN": ["People's Republic of China", "PRC", "mainland China"],
    "KOR": ["Republic of Korea", "Korea"],
    "TUR": ["Türkiye", "Turkiye"],
    "NLD": ["Holland", "the Netherlands"],
    "ARE": ["UAE", "U.A.E.", "Emirates"],
    "CZE": ["Czechia"],
    "SVK": ["Slovak Republic"],
    "PSE": ["Palestinian Territories"],
    "VAT": ["Holy See", "Vatican City"],
    "MMR": ["Burma"],
}

_DEMONYMS = {
    "USA": ["American", "Americans", "US", "U.S."], "GBR": ["British", "Briton", "Britons"],
    "RUS": ["Russian", "Russians"], "CHN": ["Chinese"], "UKR": ["Ukrainian", "Ukrainians"],
    "FRA": ["French"], "DEU": ["German", "Germans"], "ITA": ["Italian", "Italians"],
    "ESP": ["Spanish"], "PRT": ["Portuguese"], "GRC": ["Greek", "Greeks", "Hellenic"],
    "CYP": ["Cypriot", "Cypriots"], "TUR": ["Turkish", "Turk", "Turks"], "ISR": ["Israeli", "Israelis"],
    "EGY": ["Egyptian", "Egyptians"], "SYR": ["Syrian", "Syrians"], "IRQ": ["Iraqi", "Iraqis"],
    "IRN": ["Iranian", "Iranians"], "LBY": ["Libyan", "Libyans"], "JPN": ["Japanese"],
    "KOR": ["South Korean", "South Koreans", "Korean"], "PRK": ["North Korean", "North Koreans"],
    "IND": ["Indian", "Indians"], "PAK": ["Pakistani", "Pakistanis"], "AFG": ["Afghan", "Afghans"],
    "BRA": ["Brazilian", "Brazilians"], "ARG": ["Argentine", "Argentinian"], "MEX": ["Mexican", "Mexicans"],
    "CAN": ["Canadian", "Canadians"], "AUS": ["Australian", "Australians"], "NGA": ["Nigerian", "Nigerians"],
    "BEN": ["Beninese"], "NER": ["Nigerien"], "ZAF": ["South African", "South Africans"],
    "SAU": ["Saudi", "Saudis"], "JOR": ["Jordanian"], "LBN": ["Lebanese"], "QAT": ["Qatari"],
    "POL": ["Polish", "Pole", "Poles"], "HUN": ["Hungarian"], "SVK": ["Slovak", "Slovakian"],
    "CZE": ["Czech"], "AUT": ["Austrian"], "CHE": ["Swiss"], "BEL": ["Belgian"], "NLD": ["Dutch"],
    "SWE": ["Swedish"], "NOR": ["Norwegian"], "DNK": ["Danish"], "FIN": ["Finnish"], "IRL": ["Irish"],
    "BLR": ["Belarusian"], "GEO": ["Georgian"], "ARM": ["Armenian"], "AZE": ["Azerbaijani"],
    "KAZ": ["Kazakh"], "VNM": ["Vietnamese"], "THA": ["Thai"], "IDN": ["Indonesian"],
    "PHL": ["Philippine", "Filipino"], "MYS": ["Malaysian"], "SGP": ["Singaporean"], "TWN": ["Taiwanese"],
    "CUB": ["Cuban"], "VEN": ["Venezuelan"], "COL": ["Colombian"], "CHL": ["Chilean"], "PER": ["Peruvian"],
    "ETH": ["Ethiopian"], "KEN": ["Kenyan"], "SDN": ["Sudanese"], "SOM": ["Somali"], "YEM": ["Yemeni"],
    "PSE": ["Palestinian", "Palestinians"], "SRB": ["Serbian", "Serb"], "HRV": ["Croatian"],
    "ROU": ["Romanian"], "BGR": ["Bulgarian"], "MAR": ["Moroccan"], "DZA": ["Algerian"], "TUN": ["Tunisian"],
    "NZL": ["New Zealand"], "ERI": ["Eritrean"], "GHA": ["Ghanaian"],
}

# Seats of government used for the government itself: (organisation name, state ISO code).
METONYMS = {
    "kremlin": ("Kremlin", "RUS"), "white house": ("White House", "USA"),
    "downing street": ("Downing Street", "GBR"), "elysee": ("Élysée", "FRA"),
    "elysee palace": ("Élysée", "FRA"), "pentagon": ("Pentagon", "USA"),
    "zhongnanhai": ("Zhongnanhai", "CHN"), "blue house": ("Blue House", "KOR"),
    "quai d orsay": ("Quai d'Orsay", "FRA"), "state department": ("State Department", "USA"),
}

# Capitals that stand for their state when they are the subject of a speech verb ("Moscow said").
CAPITALS = {
    "washington": "USA", "moscow": "RUS", "beijing": "CHN", "london": "GBR", "paris": "FRA",
    "berlin": "DEU", "tokyo": "JPN", "tehran": "IRN", "kyiv": "UKR", "kiev": "UKR", "ankara": "TUR",
    "pyongyang": "PRK", "seoul": "KOR", "damascus": "SYR", "cairo": "EGY", "athens": "GRC",
    "jerusalem": "ISR", "riyadh": "SAU", "new delhi": "IND", "islamabad": "PAK", "ottawa": "CAN",
}


class State(NamedTuple):
    """A country: its common name and ISO 3166-1 alpha-3 code."""

    name: str
    iso: str


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_3
        for form in (country.name, getattr(country, "common_name", None),
                     getattr(country, "official_name", None), _COMMON.get(code)):
            if form and "," not in form:
                names.setdefault(name_key(form), code)
    for code, forms in _EXTRA_NAMES.items():
        for form in forms:
            names[name_key(form)] = code
    demonyms = {name_key(f): code for code, forms in _DEMONYMS.items() for f in forms}
    return names, demonyms


def state_name(iso: str) -> str:
    """The common English name of a state from its alpha-3 code.

    >>> state_name("KOR")
    'South Korea'
    """
    if iso in _COMMON:
        return _COMMON[iso]
    country = pycountry.countries.get(alpha_3=iso)
    return getattr(country, "common_name", None) or country.name


def country(text: str) -> State | None:
    """The state a country name names, or None.

    >>> country("U.S.")
    State(name='United States', iso='USA')
    """
    key = name_key(text)
    if key.startswith("the "):
        key = key[4:]
    code = _tables()[0].get(key)
    return State(state_name(code), code) if code else None


def demonym(text: str) -> State | None:
    """The state a demonym ("Russian", "Greek") refers to, or None.

    >>> demonym("Israeli").iso
    'ISR'
    """
    code = _tables()[1].get(name_key(text))
    return State(state_name(code), code) if code else None


def state_of(text: str) -> State | None:
    """A state named by a country name or a demonym."""
    return country(text) or demonym(text)


def metonym(text: str) -> tuple[str, State] | None:
    """(institution name, state) for a seat-of-government metonym such as "the Kremlin"."""
    key = name_key(text)
    if key.startswith("the "):
        key = key[4:]
    hit = METONYMS.get(key)
    return (hit[0], State(state_name(hit[1]), hit[1])) if hit else None


def capital_state(text: str) -> State | None:
    """The state whose capital this is (used only for capitals as subjects of speech verbs)."""
    code = CAPITALS.get(name_key(text))
    return State(state_name(code), code) if code else None
